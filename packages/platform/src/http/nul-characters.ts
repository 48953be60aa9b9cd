/**
 * PostgreSQL text cannot hold the NUL character (0x00): a string carrying one passes validation and then
 * fails in the database. Requests are checked for it at the edges and refused as bad input.
 */
export function containsNul(value: unknown, depth = 0): boolean {
  if (typeof value === "string") return value.includes("\u0000");
  if (depth > 50 || value === null || typeof value !== "object") return false;
  if (Array.isArray(value)) return value.some((v) => containsNul(v, depth + 1));
  return Object.entries(value).some(([k, v]) => k.includes("\u0000") || containsNul(v, depth + 1));
}

export const NUL_MESSAGE = "Text must not contain NUL (\\u0000) characters";
