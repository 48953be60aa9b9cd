/** What a bench script prints. */
export const say = (s: string) => process.stdout.write(`${s}\n`);

export const fmtCounts = (m: Map<number | string, number> | Record<string, number>) =>
  (m instanceof Map ? [...m] : Object.entries(m)).map(([k, v]) => `${k}×${v}`).join(", ") || "none";
