/**
 * Values that stand for "not given" (bpo-1 stores `N/A` for a missing mobile and `Unknown` for a missing name).
 * They never identify a customer: no dedup, partner match or look-up may match on them, on either side.
 */
export const PLACEHOLDER_VALUES: readonly string[] = ["", "n/a", "na", "none", "null", "unknown", "-"];

export function isPlaceholder(value: string | null | undefined): boolean {
  return value == null || PLACEHOLDER_VALUES.includes(value.trim().toLowerCase());
}

/** The value to match a customer on, trimmed; null when missing or a placeholder. */
export function matchableValue(value: string | null | undefined): string | null {
  return isPlaceholder(value) ? null : value!.trim();
}

/** The one stored form of an e-mail (trimmed, lowercased; empty is null), so equality is case-insensitive. */
export function normalizeEmail(value: string | null | undefined): string | null {
  const v = value?.trim().toLowerCase();
  return v ? v : null;
}

/** The e-mail to match a customer on: stored form, null when missing or a placeholder. */
export function matchableEmail(value: string | null | undefined): string | null {
  return matchableValue(normalizeEmail(value));
}

/** A write with its e-mail (when it sets one) in the stored form: repositories apply it to every customer write. */
export function withStoredEmail<T extends { email?: string | null }>(data: T): T {
  return data.email === undefined ? data : { ...data, email: normalizeEmail(data.email) };
}
