import { LEAD_PRIORITIES } from "@crm/contracts/src/lead-priority";
import type { ActivityType, CallResult, EndorsementStatus, FinancingType, LostReason } from "../api";

/** Display labels of the lead's selection fields, as the spec names them. */
export const LOST_REASONS: { value: LostReason; label: string }[] = [
  { value: "price", label: "Price" },
  { value: "competitor", label: "Competitor" },
  { value: "timing", label: "Timing" },
  { value: "model_unavailable", label: "Model Unavailable" },
  { value: "financing", label: "Financing" },
  { value: "other", label: "Other" },
];

export const CALL_RESULTS: { value: CallResult; label: string }[] = [
  { value: "answered", label: "Answered" },
  { value: "no_answer", label: "No Answer" },
  { value: "busy", label: "Busy" },
  { value: "voicemail", label: "Voicemail" },
  { value: "wrong_number", label: "Wrong Number" },
];

export const FINANCING_TYPES: { value: FinancingType; label: string }[] = [
  { value: "bank", label: "Bank" },
  { value: "in_house", label: "In-house" },
  { value: "cash", label: "Cash" },
  { value: "other", label: "Other" },
];

/** Odoo's lead priority (0–3 stars; new leads get 1), in the words both apps use. */
export const PRIORITIES = LEAD_PRIORITIES.map((p) => ({ value: p.value, label: p.label }));

export const ACTIVITY_TYPES: { value: ActivityType; label: string }[] = [
  { value: "call", label: "Call" },
  { value: "visit", label: "Visit" },
  { value: "task", label: "Task" },
];

export const ENDORSEMENT_STATUS: Record<EndorsementStatus, string> = {
  none: "Not endorsed",
  pending: "Delivery pending",
  delivered: "Delivered to the dealer",
  failed: "Delivery failed",
};

export const labelOf = <V>(list: { value: V; label: string }[], value: V | null | undefined) => list.find((x) => x.value === value)?.label ?? null;

export const formatDateTime = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : null);
export const formatDate = (iso: string | null | undefined) => (iso ? new Date(`${iso.slice(0, 10)}T00:00:00`).toLocaleDateString(undefined, { dateStyle: "medium" }) : null);
export const formatMoney = (n: number | null | undefined) => (n === null || n === undefined ? null : n.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
/** Today as YYYY-MM-DD in the user's time zone (date inputs speak local dates). */
export const todayIso = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
};
