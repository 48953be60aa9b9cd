import { ApiError } from "./api-client";

export type FieldErrors = Record<string, string>;

/** The server's per-field messages of a 400 (`details.issues[]`), keyed by field path. */
export function fieldErrorsOf(e: unknown): FieldErrors {
  if (!(e instanceof ApiError)) return {};
  const issues = (e.details as { issues?: { path?: unknown; message?: unknown }[] } | undefined)?.issues;
  const out: FieldErrors = {};
  for (const i of issues ?? []) if (typeof i.path === "string" && typeof i.message === "string" && !out[i.path]) out[i.path] = i.message;
  return out;
}

/** The banner over a form whose fields carry their own messages. */
export const FIELDS_NEED_ATTENTION = "Some fields need attention: see the messages under them.";

/** The banner for a failed save: a pointer to the fields when the refusal names fields, else the refusal itself. */
export function formBannerOf(e: unknown, fields: FieldErrors): string {
  return Object.keys(fields).length > 0 ? FIELDS_NEED_ATTENTION : e instanceof Error ? e.message : String(e);
}

/**
 * Runs a form submit: refuses locally when `validate` finds something (no round trip for the obvious),
 * otherwise calls the server and maps its field errors back onto the form. Re-throws so a WizardDialog
 * keeps showing the overall message in place: a pointer to the fields when the refusal named fields (their
 * messages are under them), else the refusal itself.
 */
export async function submitForm(validate: () => FieldErrors, setErrors: (e: FieldErrors) => void, call: () => Promise<void>): Promise<void> {
  const local = validate();
  setErrors(local);
  if (Object.keys(local).length > 0) throw new Error(FIELDS_NEED_ATTENTION);
  try {
    await call();
  } catch (e) {
    const fields = fieldErrorsOf(e);
    setErrors(fields);
    if (Object.keys(fields).length > 0) throw new Error(formBannerOf(e, fields), { cause: e });
    throw e;
  }
}
