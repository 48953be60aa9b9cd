import { describeChanges, diffTracked } from "@crm/platform/core";
import type { FieldChange, LeadRecord, MessageTarget, Repositories } from "../data-access/dealer-store";

/** Lead fields whose changes the chatter records (Odoo's tracking=True), with their labels. */
export const TRACKED_LEAD_FIELDS = {
  stageId: "Stage",
  userId: "Salesperson",
  sourceId: "Source",
  brandId: "Brand",
  productId: "Vehicle",
  partnerId: "Customer",
  contactName: "Customer Name",
  mobile: "Mobile",
  phone: "Phone",
  email: "Email",
  active: "Active",
} as const satisfies Partial<Record<keyof LeadRecord, string>>;

type TrackedKey = keyof typeof TRACKED_LEAD_FIELDS;

/** The lead's tracked changes, ids resolved to display names. */
export const trackedLeadChanges = (r: Repositories, before: LeadRecord, after: LeadRecord): Promise<FieldChange[]> =>
  diffTracked(TRACKED_LEAD_FIELDS, before, after, (key, value) => display(r, key, value));

async function display(r: Repositories, key: TrackedKey, value: string | number | boolean | null): Promise<string | null> {
  if (value === null) return null;
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "Yes" : "No";
  switch (key) {
    case "stageId":
      return (await r.catalog.listStages()).find((s) => s.id === value)?.name ?? `#${value}`;
    case "userId":
      return (await r.users.findById(value))?.name ?? `#${value}`;
    case "sourceId":
      return (await r.catalog.findSource(value))?.name ?? `#${value}`;
    case "brandId":
      return (await r.catalog.findBrand(value))?.name ?? `#${value}`;
    case "productId":
      return (await r.catalog.findProduct(value))?.name ?? `#${value}`;
    case "partnerId":
      return (await r.partners.findById(value))?.name ?? `#${value}`;
    default:
      return String(value);
  }
}

/** Writes one tracking message for the changes, if there are any. */
export async function postTracking(r: Repositories, target: MessageTarget, authorId: number | null, changes: FieldChange[]): Promise<void> {
  if (changes.length === 0) return;
  await r.messages.add({ ...target, kind: "tracking", body: describeChanges(changes), changes, authorId });
}
