import { useEffect } from "react";
import { useBlocker } from "react-router";
import { ConfirmDialog } from "./dialog";

/**
 * Keeps a dirty form from being left by accident: a link, a `navigate()` call or the browser's back and
 * forward buttons ask first (react-router's blocker, which also undoes the back step while asking);
 * a reload or closing the tab gets the browser's own "Leave site?" prompt. Staying keeps every edit.
 * Only a change of path asks: a query change on the same page does not lose the form.
 */
export function UnsavedChangesGuard({ when, what = "this lead" }: { when: boolean; what?: string }) {
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      when && currentLocation.pathname !== nextLocation.pathname && !(nextLocation.state as { force?: boolean } | null)?.force,
  );

  useEffect(() => {
    if (!when) return;
    const ask = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      // Older Chromium needs returnValue set to show the prompt.
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", ask);
    return () => window.removeEventListener("beforeunload", ask);
  }, [when]);

  // Saved or discarded while the question was open: nothing to lose any more.
  useEffect(() => {
    if (blocker.state === "blocked" && !when) blocker.proceed();
  }, [blocker, when]);

  return (
    <ConfirmDialog
      open={blocker.state === "blocked"}
      title="Leave without saving?"
      confirmLabel="Leave and discard changes"
      cancelLabel="Stay on this page"
      onConfirm={() => blocker.proceed?.()}
      onCancel={() => blocker.reset?.()}
    >
      <p>You have unsaved changes to {what}. If you leave now they are lost.</p>
    </ConfirmDialog>
  );
}
