import { LEAD_PRIORITIES } from "@crm/contracts/src/lead-priority";
/** Display helpers shared by the screens: money in pesos, dates in the user's locale, today's day. */
const money = new Intl.NumberFormat("en-PH", { style: "currency", currency: "PHP", maximumFractionDigits: 2 });

export const formatMoney = (v: number | null | undefined) => (v === null || v === undefined ? "" : money.format(v));

export const formatDateTime = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : "");

export const formatDate = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleDateString(undefined, { dateStyle: "medium" }) : "");

/** YYYY-MM-DD of today in the browser's time zone (a delivery day is a calendar day). */
export function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The same words as the BPO for the priority it sends (0–3). */
export const PRIORITY_LABEL: readonly string[] = LEAD_PRIORITIES.map((p) => p.label);
