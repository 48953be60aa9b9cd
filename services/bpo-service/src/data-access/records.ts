// Plain record types the data-access layer hands to the domain. No Prisma type crosses this line:
// decimals become numbers, dates stay Date, relations are flattened to what screens show.
import type { FieldChange } from "@crm/platform";

export type Role = "agent" | "supervisor" | "manager";

export interface UserRecord {
  id: number;
  login: string;
  name: string;
  email: string | null;
  role: Role;
  active: boolean;
}

export interface NamedRef {
  id: number;
  name: string;
}

export interface LeadRecord {
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
  financingType: "bank" | "in_house" | "cash" | "other" | null;
  downPayment: number | null;
  priority: number;
  sourceId: number;
  preferredDate: string | null;
  userId: number | null;
  stageId: number;
  isWon: boolean;
  isLost: boolean;
  active: boolean;
  lostReason: "price" | "competitor" | "timing" | "model_unavailable" | "financing" | "other" | null;
  lostNotes: string | null;
  dealerLostReasonCode: string | null;
  dealerLostReasonLabel: string | null;
  dealerSoName: string | null;
  endorsementStatus: "none" | "pending" | "delivered" | "failed";
  endorsementType: "with_sq" | "without_sq" | null;
  endorsedDealershipId: number | null;
  endorsedAt: Date | null;
  dealerLeadId: number | null;
  dealerLeadName: string | null;
  dealerQuotationName: string | null;
  endorsementError: string | null;
  claimedAt: Date | null;
  firstCallAt: Date | null;
  closedAt: Date | null;
  remoteBrandId: number | null;
  remoteModel: string | null;
  remoteId: number | null;
  createdById: number | null;
  /** Set on a duplicate archived by Merge into…: the lead it was merged into. */
  mergedIntoId: number | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A lead as the form shows it: the record plus display names of everything it points to. */
export interface LeadView extends LeadRecord {
  brand: NamedRef & { code: string };
  dealership: (NamedRef & { code: string }) | null;
  vehicleModel: (NamedRef & { code: string | null }) | null;
  source: NamedRef & { code: string; sourceType: string };
  stage: NamedRef & { isWon: boolean; isLost: boolean };
  user: NamedRef | null;
}

/** What a kanban card shows. */
export interface LeadCard {
  id: number;
  reference: string;
  contactName: string;
  mobile: string;
  brandId: number;
  stageId: number;
  userId: number | null;
  userName: string | null;
  vehicleModelName: string | null;
  sourceCode: string;
  sourceName: string;
  sourceType: string;
  priority: number;
  createdAt: Date;
  /** Due date (YYYY-MM-DD) of the lead's earliest open activity: the card's red/yellow/green pill. */
  nextActivityDue: string | null;
  /** A Floor threshold this lead is past: waiting too long to be claimed, or claimed and not called in time. */
  breach: "claim" | "first_call" | null;
}

export type MessageKind = "note" | "system" | "tracking";

export type { FieldChange };

export interface LeadMessageRecord {
  id: number;
  leadId: number;
  kind: MessageKind;
  body: string;
  changes: FieldChange[] | null;
  authorId: number | null;
  authorName: string | null;
  createdAt: Date;
}

export interface NewLeadMessage {
  leadId: number;
  kind: MessageKind;
  body: string;
  changes?: FieldChange[];
  authorId: number | null;
}
