/// <reference lib="dom" />
import assert from "node:assert/strict";
import type { Locator, Page } from "playwright-core";

/**
 * Edits `field` on an open form, then tries to leave it by `link`, by the browser's back button and by a
 * reload: each asks first and, when the user stays, the page and the edit are still there. Finally leaves
 * through the question's "Leave and discard changes". The form must have been reached from another page of
 * the app (so back has somewhere to go); `link` must lead to another path.
 */
export async function expectLeavingDirtyFormAsksFirst(page: Page, opts: { field: Locator; value: string; link: Locator; whileDirty?(): Promise<void> }): Promise<void> {
  const formUrl = page.url();
  const question = page.getByRole("dialog", { name: "Leave without saving?" });
  const stay = async (how: string) => {
    await question.waitFor();
    await question.getByRole("button", { name: "Stay on this page" }).click();
    await question.waitFor({ state: "detached" });
    assert.equal(page.url(), formUrl, `after ${how} and Stay, the form's address is kept`);
    assert.equal(await opts.field.inputValue(), opts.value, `after ${how} and Stay, the edit is kept`);
  };

  await opts.field.click();
  await opts.field.fill(opts.value);
  await expectSaveBarInView(page);
  // Scrolled to the form's end with the save bar in view: the moment to take a picture.
  await opts.whileDirty?.();

  await opts.link.click();
  await stay("a link");

  await page.evaluate(() => history.back());
  await stay("the back button");

  // A reload gets the browser's own prompt (beforeunload); dismissing it keeps the page.
  const prompt = page.waitForEvent("dialog");
  void page.evaluate(() => location.reload()).catch(() => undefined);
  const dialog = await prompt;
  assert.equal(dialog.type(), "beforeunload");
  await dialog.dismiss();
  assert.equal(await opts.field.inputValue(), opts.value, "after a cancelled reload, the edit is kept");

  await opts.link.click();
  await question.getByRole("button", { name: "Leave and discard changes" }).click();
  await page.waitForURL((u) => u.toString() !== formUrl);
}

/**
 * The one save bar of both apps (ui-kit SaveBar) on a dirty form "Lead details": it says "Unsaved changes" with
 * Save and Discard, and it is still inside the window when the form is scrolled to its last field (left so).
 */
export async function expectSaveBarInView(page: Page): Promise<void> {
  const bar = page.getByRole("form", { name: "Lead details" }).getByRole("group", { name: "Save bar" });
  await bar.getByText("Unsaved changes", { exact: true }).waitFor();
  assert.ok(await bar.getByRole("button", { name: "Save", exact: true }).isEnabled(), "Save is enabled on a dirty form");
  assert.ok(await bar.getByRole("button", { name: "Discard", exact: true }).isEnabled(), "Discard is enabled on a dirty form");
  const at = await page.evaluate(() => {
    const form = document.querySelector("form[aria-label='Lead details']")!;
    form.lastElementChild!.scrollIntoView({ block: "end" });
    const r = form.querySelector("[aria-label='Save bar']")!.getBoundingClientRect();
    return { top: r.top, bottom: r.bottom, scrollY: window.scrollY, innerHeight: window.innerHeight };
  });
  assert.ok(at.top >= 0 && at.bottom <= at.innerHeight, `the save bar (${at.top}-${at.bottom} px) is in the ${at.innerHeight} px window after scrolling ${at.scrollY} px`);
}

/**
 * A link of the app's main menu, opening More first when the window is too narrow for it to be on the bar
 * (ui-kit AppShell keeps the header on one line).
 */
export async function mainNavLink(page: Page, name: string): Promise<Locator> {
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.waitFor();
  const link = nav.getByRole("link", { name, exact: true });
  const more = nav.getByRole("button", { name: "More" });
  if (!(await link.isVisible()) && (await more.count()) > 0 && (await more.getAttribute("aria-expanded")) !== "true") await more.click();
  return link;
}

/** The page fits the window: nothing (a long name, a note, a badge) widens it past the viewport. */
export async function expectNoHorizontalOverflow(page: Page, where: string): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  assert.ok(scrollWidth <= innerWidth, `${where}: the page is ${scrollWidth} px wide in a ${innerWidth} px window`);
}

/** Presses Escape in the open dialog and checks that focus is back on the button that opened it. */
export async function expectEscapeReturnsFocus(page: Page, opener: Locator, dialogName: string | RegExp): Promise<void> {
  await opener.click();
  const dialog = page.getByRole("dialog", { name: dialogName });
  await dialog.waitFor();
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "detached" });
  await page.waitForFunction(() => document.activeElement !== document.body);
  assert.ok(await opener.evaluate((el) => el === document.activeElement), `after Escape in "${String(dialogName)}", focus is back on its opener`);
}

/**
 * A record page in the one layout of both apps (ui-kit RecordLayout): the chatter beside the form "Lead details" at
 * 1440 px, under it at 1024 px, and the page no wider than the window. Leaves the page at 1024 px.
 */
export async function expectChatterBesideThenUnderForm(page: Page): Promise<void> {
  await page.setViewportSize({ width: 1440, height: 1000 });
  const form = page.getByRole("form", { name: "Lead details" });
  const chatter = page.getByRole("region", { name: "Chatter" });
  await chatter.waitFor();
  const f = (await form.boundingBox())!;
  const c = (await chatter.boundingBox())!;
  assert.ok(c.x >= f.x + f.width, `at 1440 px the chatter (x ${c.x}) is beside the form (right edge ${f.x + f.width})`);
  await page.setViewportSize({ width: 1024, height: 800 });
  await page.waitForFunction(() => {
    const form = document.querySelector("form[aria-label='Lead details']")!.getBoundingClientRect();
    return document.querySelector("section[aria-label='Chatter']")!.getBoundingClientRect().top >= form.bottom;
  });
  await expectNoHorizontalOverflow(page, "the record page at 1024 px");
}

/** A field shown the one read-only way (ui-kit ReadOnlyField): a term and its definition, and no input of that name. */
export async function expectReadOnlyField(page: Page, label: string, value: string): Promise<void> {
  const field = page.locator(".uk-readonly").filter({ has: page.getByRole("term").getByText(label, { exact: true }) });
  assert.equal(await field.getByRole("definition").textContent(), value, `read-only ${label}`);
  assert.equal(await page.getByRole("textbox", { name: label, exact: true }).count(), 0, `no ${label} input`);
}

/** One step of `actInOneTask`: click a button, or pick a `<select>`'s option by value. */
export type QuickStep = { click: Locator } | { select: Locator; value: string };

/**
 * Runs the steps in one browser task, as a quick hand or a busy browser does: nothing the page scheduled
 * (a navigation landing, a render in a transition) runs between them. Playwright's own actions wait and
 * yield between steps, so they cannot show what the page does with an action that arrives "too early".
 */
export async function actInOneTask(page: Page, steps: QuickStep[]): Promise<void> {
  const handles = await Promise.all(steps.map((s) => ("click" in s ? s.click : s.select).elementHandle()));
  const plan = steps.map((s, i) => ({ el: handles[i]!, value: "value" in s ? s.value : null }));
  await page.evaluate((p) => {
    for (const { el, value } of p) {
      if (value === null) (el as HTMLElement).click();
      else {
        (el as HTMLSelectElement).value = value;
        el.dispatchEvent(new Event("change", { bubbles: true }));
      }
    }
  }, plan);
}
