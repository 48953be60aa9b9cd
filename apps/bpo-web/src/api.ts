/** The BPO web app's API types; the fetch client itself is shared from ui-kit. */
export { ApiError, api, errorMessage, queryString } from "@crm/ui-kit";

export interface User {
  id: number;
  name: string;
  role: "agent" | "supervisor" | "manager";
  login?: string;
}

export interface LeadCard {
  id: number;
  reference: string;
  contactName: string;
  mobile: string;
  brandId: number;
  userId: number | null;
  userName: string | null;
  vehicleModelName: string | null;
  sourceName: string;
  sourceType: string;
  /** Earliest open activity's pill (bpo-2: red/yellow/green on every card); null when nothing is planned. */
  activityState: "overdue" | "today" | "planned" | null;
  nextActivityDue: string | null;
  /** A Floor threshold the lead is past (issue 16): unclaimed too long, or claimed and not called in time. */
  breach?: "claim" | "first_call" | null;
  createdAt: string;
}

export interface OpenLeadsColumn {
  brand: { id: number; name: string; code: string; active: boolean };
  count: number;
  cards: LeadCard[];
  nextCursor: string | null;
}

/* ---- Pipeline and lead form (GET /api/boards/pipeline, /api/leads/:id and friends) ---- */

export interface Stage {
  id: number;
  name: string;
  sequence: number;
  fold: boolean;
  isWon: boolean;
  isLost: boolean;
}

/** A pipeline card: the Open Leads card plus the stage it sits in. */
export interface PipelineCard extends LeadCard {
  stageId: number;
  sourceCode: string;
  priority: number;
}

export interface PipelineColumn {
  stage: Stage;
  count: number;
  cards: PipelineCard[];
  nextCursor: string | null;
}

export type LostReason = "price" | "competitor" | "timing" | "model_unavailable" | "financing" | "other";
export type FinancingType = "bank" | "in_house" | "cash" | "other";
export type EndorsementStatus = "none" | "pending" | "delivered" | "failed";

interface NamedRef {
  id: number;
  name: string;
}

/** GET /api/leads/:id: every lead column plus display names of what it points to. */
export interface LeadView {
  id: number;
  reference: string;
  contactName: string;
  email: string | null;
  mobile: string;
  phone: string | null;
  street: string | null;
  city: string | null;
  zipCode: string | null;
  countryCode: string | null;
  stateCode: string | null;
  brandId: number;
  dealershipId: number | null;
  vehicleModelId: number | null;
  preferredColor: string | null;
  quantity: number;
  expectedPrice: number | null;
  budgetMin: number | null;
  budgetMax: number | null;
  customerNotes: string | null;
  internalNotes: string | null;
  hasTradeIn: boolean;
  tradeInMake: string | null;
  tradeInModel: string | null;
  tradeInYear: number | null;
  tradeInMileageKm: number | null;
  tradeInExpectedValue: number | null;
  financingNeeded: boolean;
  financingType: FinancingType | null;
  downPayment: number | null;
  priority: number;
  sourceId: number;
  preferredDate: string | null;
  userId: number | null;
  stageId: number;
  isWon: boolean;
  isLost: boolean;
  active: boolean;
  lostReason: LostReason | null;
  lostNotes: string | null;
  dealerSoName: string | null;
  /** The dealership's own lost reason when it closed the lead (kept as sent; the BPO's reason is mapped from the code). */
  dealerLostReasonCode: string | null;
  dealerLostReasonLabel: string | null;
  endorsementStatus: EndorsementStatus;
  endorsementType: "with_sq" | "without_sq" | null;
  endorsedDealershipId: number | null;
  endorsedAt: string | null;
  dealerLeadId: number | null;
  dealerLeadName: string | null;
  dealerQuotationName: string | null;
  endorsementError: string | null;
  claimedAt: string | null;
  closedAt: string | null;
  remoteBrandId: number | null;
  remoteModel: string | null;
  remoteId: number | null;
  /** Set when this lead was merged into another (Merge into…) and archived. */
  mergedIntoId: number | null;
  createdById: number | null;
  createdAt: string;
  updatedAt: string;
  brand: NamedRef & { code: string };
  dealership: (NamedRef & { code: string }) | null;
  vehicleModel: (NamedRef & { code: string | null }) | null;
  source: NamedRef & { code: string; sourceType: string };
  stage: NamedRef & { isWon: boolean; isLost: boolean };
  user: NamedRef | null;
}

export interface Brand {
  id: number;
  code: string;
  name: string;
  active: boolean;
}

export interface Dealership {
  id: number;
  code: string;
  name: string;
  brandId: number | null;
  managerEmail: string | null;
  active: boolean;
  /** The BPO has this dealership's URL and key, so endorsements and Mark Won can reach it. */
  connected: boolean;
}

export interface VehicleModel {
  id: number;
  brandId: number;
  name: string;
  code: string | null;
  active: boolean;
}

export interface LeadSource {
  id: number;
  code: string;
  name: string;
  sourceType: string;
  sequence: number;
  active: boolean;
}

export interface UserSummary {
  id: number;
  login: string;
  name: string;
  role: User["role"];
  active: boolean;
}

export interface LeadMessage {
  id: number;
  kind: "note" | "system" | "tracking";
  body: string;
  changes: { field: string; label: string; old: string | null; new: string | null }[] | null;
  authorName: string | null;
  createdAt: string;
}

export type CallResult = "answered" | "no_answer" | "busy" | "voicemail" | "wrong_number";

export interface LeadCallLog {
  id: number;
  leadId: number;
  leadReference: string;
  contactName: string;
  userId: number;
  userName: string;
  durationMinutes: number;
  result: CallResult;
  summary: string;
  activityId: number | null;
  createdAt: string;
}

export type ActivityType = "call" | "visit" | "task";

export interface LeadActivity {
  id: number;
  leadId: number;
  type: ActivityType;
  summary: string;
  note: string | null;
  dueDate: string;
  /** HH:MM on dueDate in the business time zone; null = any time that day. */
  dueTime: string | null;
  assigneeId: number;
  assigneeName: string;
  done: boolean;
  doneAt: string | null;
  state: "overdue" | "today" | "planned" | "done";
}

/* ---- Leads list view and search (GET /api/leads) ---- */

export interface LeadListRow {
  id: number;
  reference: string;
  contactName: string;
  /** Empty when `restricted`. */
  mobile: string;
  phone: string | null;
  email: string | null;
  stageId: number;
  stageName: string;
  brandId: number;
  brandName: string;
  sourceName: string;
  userId: number | null;
  userName: string | null;
  dealershipId: number | null;
  dealershipName: string | null;
  endorsementStatus: EndorsementStatus;
  isWon: boolean;
  isLost: boolean;
  active: boolean;
  mergedIntoId: number | null;
  createdAt: string;
  /** Held by another agent: the row names the owner (to transfer the call) but the lead cannot be opened. */
  restricted: boolean;
}

export interface LeadListPage {
  rows: LeadListRow[];
  nextCursor: string | null;
}
