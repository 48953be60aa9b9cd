/** How `until` polls; a number is the timeout in milliseconds. */
export interface UntilOptions {
  timeoutMs?: number;
  everyMs?: number;
  /** When set, a timeout throws "<what> not seen within …" instead of answering the last value. */
  what?: string;
  /** Added to that error, e.g. the tail of a child process's log. */
  detail?: () => string;
}

/**
 * Polls `fn` until `ok` holds and answers that value: tests wait for a state, not for a time. On timeout it answers
 * the last value, so the test's own expect says what differs; or, given `what`, it throws naming what was not seen.
 */
export async function until<T>(fn: () => T | Promise<T>, ok: (v: T) => boolean, opts: number | UntilOptions = {}): Promise<T> {
  const o: UntilOptions = typeof opts === "number" ? { timeoutMs: opts } : opts;
  const timeoutMs = o.timeoutMs ?? 20_000;
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) {
      if (o.what === undefined) return v;
      throw new Error(`${o.what} not seen within ${timeoutMs} ms${o.detail ? `; log:\n${o.detail()}` : ""}`);
    }
    await new Promise((r) => setTimeout(r, o.everyMs ?? 50));
  }
}

/** Waits until `fn` answers something other than undefined or false, and answers it; throws after `timeoutMs`. */
export async function waitFor<T>(fn: () => T | Promise<T>, timeoutMs = 20_000): Promise<Exclude<T, undefined | false>> {
  const v = await until(fn, (x) => x !== undefined && x !== false, { timeoutMs, what: "condition" });
  return v as Exclude<T, undefined | false>;
}
