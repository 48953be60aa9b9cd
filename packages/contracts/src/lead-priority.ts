/**
 * A lead's priority (0–3, Odoo's stars) and the words both apps show for it. The BPO sends it with an
 * endorsement, so the dealership reads the same word the call center chose.
 */
export const LEAD_PRIORITIES = [
  { value: 0, label: "Low" },
  { value: 1, label: "Medium" },
  { value: 2, label: "High" },
  { value: 3, label: "Very high" },
] as const;

export const priorityLabel = (value: number): string => LEAD_PRIORITIES.find((p) => p.value === value)?.label ?? String(value);
