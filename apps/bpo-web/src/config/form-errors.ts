/** Form helpers of the configuration screens; the error mapping itself is shared from ui-kit. */
export { type FieldErrors, fieldErrorsOf, formBannerOf, submitForm } from "@crm/ui-kit";
import type { FieldErrors } from "@crm/ui-kit";

export const required = (value: string, message: string, errors: FieldErrors, key: string) => {
  if (!value.trim()) errors[key] = message;
};

export const formatDateTime = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : "");
