/// <reference lib="dom" />
import type { Page } from "playwright-core";

/** A DOM state being watched for in a page. */
export interface DomWatch {
  /**
   * Waits (up to the page's default timeout) until the state was reached and answers the page's own clock
   * (`Date.now()`, ms) at the DOM change that reached it.
   */
  reachedAt(): Promise<number>;
}

let watchSeq = 0;

/**
 * Starts watching `page` until an element matching `selector` (with exactly `text` as its text, when given) is in
 * its DOM, or with `gone` until none is; call it before the action. Latency checks compare `reachedAt()` with the
 * server's own time of the change (same machine, same clock): unlike `Date.now()` in the test around a request
 * and a locator wait, this leaves out the test process's request round trip and its polling of the page, which a
 * loaded machine delays by seconds.
 */
export async function watchDom(page: Page, selector: string, opts: { text?: string; gone?: boolean } = {}): Promise<DomWatch> {
  const key = `w${++watchSeq}`;
  await page.evaluate(
    ({ key, selector, text, gone }) => {
      const marks = ((globalThis as unknown as { __domReached?: Record<string, number> }).__domReached ??= {});
      const shown = () => [...document.querySelectorAll(selector)].some((e) => text === undefined || e.textContent?.trim() === text);
      const reached = () => shown() !== gone;
      if (reached()) throw new Error(`${selector} is ${gone ? "not there" : "there"} before the action`);
      // Mutation callbacks run at the end of the task that changed the DOM: the time the user could see it.
      const observer = new MutationObserver(() => {
        if (!reached()) return;
        marks[key] = Date.now();
        observer.disconnect();
      });
      observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
    },
    { key, selector, text: opts.text, gone: opts.gone ?? false },
  );
  return {
    async reachedAt() {
      const at = await page.waitForFunction((k) => (globalThis as unknown as { __domReached?: Record<string, number> }).__domReached?.[k], key);
      return (await at.jsonValue()) as number;
    },
  };
}
