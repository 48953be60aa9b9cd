import { ApiError } from "../api";

/** The server's per-field messages of a 400 (`details.issues[]`), keyed by field path. */
export function fieldErrorsOf(e: unknown): Record<string, string> {
  if (!(e instanceof ApiError)) return {};
  const issues = (e.details as { issues?: { path?: unknown; message?: unknown }[] } | undefined)?.issues;
  const out: Record<string, string> = {};
  for (const i of issues ?? []) if (typeof i.path === "string" && typeof i.message === "string" && !out[i.path]) out[i.path] = i.message;
  return out;
}

/**
 * A wizard's submit: local checks first (no round trip for the obvious), then the call; the server's field
 * messages land under their fields and the error is re-thrown so the WizardDialog shows it in place.
 */
export async function submitChecked(errors: Record<string, string>, setErrors: (e: Record<string, string>) => void, call: () => Promise<void>) {
  setErrors(errors);
  if (Object.keys(errors).length > 0) throw new Error("Some fields need attention: see the messages under them.");
  try {
    await call();
  } catch (e) {
    setErrors(fieldErrorsOf(e));
    throw e;
  }
}
