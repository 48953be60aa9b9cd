import { describeChanges, diffTracked } from "@crm/platform/core";
import type { FieldChange, LeadRecord, Repositories } from "../data-access/bpo-store";

/** Fields whose changes the chatter records (bpo-2 / Odoo's tracking=True), with their labels. */
export const TRACKED_FIELDS = {
  stageId: "Stage",
  userId: "Salesperson",
  sourceId: "Source",
  brandId: "Brand",
  dealershipId: "Dealership",
  contactName: "Customer Name",
  email: "Email",
  mobile: "Mobile",
  phone: "Phone",
} as const satisfies Partial<Record<keyof LeadRecord, string>>;

type TrackedKey = keyof typeof TRACKED_FIELDS;

/** The lead's tracked changes, ids resolved to display names. */
export const trackedChanges = (r: Repositories, before: LeadRecord, after: LeadRecord): Promise<FieldChange[]> =>
  diffTracked(TRACKED_FIELDS, before, after, (key, value) => display(r, key, value));

async function display(r: Repositories, key: TrackedKey, value: string | number | null): Promise<string | null> {
  if (value === null) return null;
  if (typeof value === "string") return value;
  switch (key) {
    case "stageId":
      return (await r.catalog.listStages()).find((s) => s.id === value)?.name ?? `#${value}`;
    case "userId":
      return (await r.users.findById(value))?.name ?? `#${value}`;
    case "sourceId":
      return (await r.catalog.findSource(value))?.name ?? `#${value}`;
    case "brandId":
      return (await r.catalog.findBrand(value))?.name ?? `#${value}`;
    case "dealershipId":
      return (await r.catalog.findDealership(value))?.name ?? `#${value}`;
    default:
      return String(value);
  }
}

/** Writes one tracking message for the changes, if there are any. */
export async function postTracking(r: Repositories, leadId: number, authorId: number | null, changes: FieldChange[]): Promise<void> {
  if (changes.length === 0) return;
  await r.messages.add({ leadId, kind: "tracking", body: describeChanges(changes), changes, authorId });
}
