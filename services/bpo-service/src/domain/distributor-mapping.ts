import { isPlaceholder, matchableEmail, matchableValue, normalizeEmail } from "@crm/platform/core";
import { z } from "zod";
import { ZReceiveEndorsedLeadRequestSchema } from "@crm/contracts";

/** The two remote models the intake reads and the lead source each one stamps (bpo-1, bpo-3). */
export const REMOTE_LEAD_MODELS = [
  { model: "cheryweb.quotation", sourceCode: "source_web_quotation", kind: "quotation" },
  { model: "cherywebsite.test.drive", sourceCode: "source_web_test_drive", kind: "test_drive" },
] as const;
export type RemoteLeadModel = (typeof REMOTE_LEAD_MODELS)[number];

export const PENDING_STATUSES = ["pending", "sent"] as const;

export const remoteFields = (m: RemoteLeadModel): string[] => [
  "id",
  "first_name",
  "last_name",
  "email",
  "mobile",
  "dealer_id",
  "model_id",
  "status",
  "create_date",
  ...(m.kind === "test_drive" ? ["preferred_date"] : []),
];

// Odoo 12 sends `false` for every empty value.
const text = z.union([z.string(), z.literal(false), z.null()]).optional();
const many2one = z.union([z.literal(false), z.null(), z.tuple([z.number().int().positive(), z.union([z.string(), z.literal(false)])])]).optional();
const day = z
  .union([z.string().regex(/^\d{4}-\d{2}-\d{2}/, "preferred_date must be YYYY-MM-DD"), z.literal(false), z.null()])
  .optional()
  .refine((v) => typeof v !== "string" || !Number.isNaN(Date.parse(v.slice(0, 10))), "preferred_date is not a real date");

export const ZRemoteLeadRecordSchema = z.object({
  id: z.number().int().positive(),
  first_name: text,
  last_name: text,
  email: text,
  mobile: text,
  dealer_id: many2one,
  model_id: many2one,
  status: z.string().optional(),
  create_date: z.union([z.string(), z.literal(false)]).optional(),
  preferred_date: day,
});
export type RemoteLeadRecord = z.output<typeof ZRemoteLeadRecordSchema>;

const clean = (v: string | false | null | undefined): string | null => {
  if (typeof v !== "string") return null;
  const t = v.trim();
  return t === "" ? null : t;
};

export interface MappedLead {
  remoteId: number;
  contactName: string;
  email: string | null;
  mobile: string;
  dealer: { remoteId: number; name: string } | null;
  vehicleModel: { remoteId: number; name: string } | null;
  preferredDate: string | null;
  /** Values the endorse contract would refuse, stored corrected (the lead keeps the customer) and reported. */
  corrections: IntakeCorrection[];
  /**
   * Customer-dedup key; null when the remote record lacks a name, email or mobile, or has a placeholder
   * (`N/A`, `Unknown`) there: such records always create a new lead (bpo-1), since placeholders never match.
   */
  dedupKey: string | null;
}

const ref = (v: RemoteLeadRecord["dealer_id"], fallback: string) =>
  Array.isArray(v) ? { remoteId: v[0], name: clean(v[1]) ?? `${fallback} ${v[0]}` } : null;

/** A distributor value intake could not take as sent: the lead field, what was sent, and what was stored instead. */
export interface IntakeCorrection {
  field: "contactName" | "email" | "mobile";
  sent: string;
  problem: string;
}

// The endorse contract is the one definition of what a lead may hold: intake stores nothing it refuses.
const contract = ZReceiveEndorsedLeadRequestSchema.shape;
const NAME_MAX = contract.contactName.maxLength ?? 200;
const MOBILE_MAX = contract.mobile.maxLength ?? 40;

/**
 * Keeps the customer on the floor when one value is unusable: a malformed e-mail is left out, an over-long
 * name is shortened, an over-long mobile becomes "N/A"; what was sent goes to the lead's chatter and the run.
 */
function endorsableValues(contactName: string, email: string | null, mobile: string | null) {
  const corrections: IntakeCorrection[] = [];
  let name = contactName;
  if (name.length > NAME_MAX) {
    name = name.slice(0, NAME_MAX).trim();
    corrections.push({ field: "contactName", sent: contactName, problem: `longer than ${NAME_MAX} characters; stored shortened` });
  }
  let mail = normalizeEmail(email);
  if (mail !== null && !contract.email.safeParse(mail).success) {
    corrections.push({ field: "email", sent: email!, problem: "not a valid email address; stored without an email" });
    mail = null;
  }
  let phone = mobile;
  if (phone !== null && phone.length > MOBILE_MAX) {
    corrections.push({ field: "mobile", sent: phone, problem: `longer than ${MOBILE_MAX} characters; stored as N/A` });
    phone = null;
  }
  return { contactName: name, email: mail, mobile: phone, corrections };
}

/** bpo-1 mapping: name = first + last or "Unknown"; mobile or "N/A"; preferred date only for test drives. */
export function mapRemoteLead(r: RemoteLeadRecord, model: RemoteLeadModel): MappedLead {
  // E-mails are stored one way (lowercased) so dedup compares them case-insensitively.
  const { contactName, email, mobile, corrections } = endorsableValues(
    [clean(r.first_name), clean(r.last_name)].filter(Boolean).join(" ") || "Unknown",
    clean(r.email),
    clean(r.mobile),
  );
  return {
    remoteId: r.id,
    contactName,
    email,
    mobile: mobile ?? "N/A",
    dealer: ref(r.dealer_id, "Dealer"),
    vehicleModel: ref(r.model_id, "Model"),
    preferredDate: model.kind === "test_drive" && typeof r.preferred_date === "string" ? r.preferred_date.slice(0, 10) : null,
    corrections,
    dedupKey:
      !isPlaceholder(contactName) && matchableEmail(email) && matchableValue(mobile)
        ? `${contactName.toLowerCase()}\u0000${email}\u0000${mobile}`
        : null,
  };
}
