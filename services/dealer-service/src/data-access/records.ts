// Plain record types the data-access layer hands to the domain. No Prisma value crosses this line (lead
// records are derived from the Prisma model's types, so a new column reaches them by itself): decimals become numbers, dates stay Date (calendar days are YYYY-MM-DD strings), relations are flattened.
import type { SharedLeadKey } from "@crm/contracts";
import type { ChatterLineRecord, FieldChange, MessageKind, NewChatterLine, SessionUser } from "@crm/platform/core";
import type { Prisma } from "./prisma-client/client";

/** A Prisma row with its decimals as numbers (the repositories convert them): records follow the schema. */
type Plain<Row> = {
  [K in keyof Row]: Row[K] extends Prisma.Decimal ? number : Row[K] extends Prisma.Decimal | null ? number | null : Row[K];
};

export type Role = "dealer_user" | "dealer_manager" | "dealer_admin" | "service_account";

/** A user as sessions and the users screen read it: the platform's session user with this service's roles. */
export interface UserRecord extends SessionUser {
  role: Role;
}

export interface NamedRef {
  id: number;
  name: string;
}

export type FinancingType = "bank" | "in_house" | "cash" | "other";
export type CallbackStatus = "none" | "pending" | "delivered" | "failed";

/** A lead row as the domain reads it: the Prisma model with money as numbers. */
export type LeadRecord = Plain<Prisma.LeadGetPayload<object>>;

/** A lead as the form shows it: the record plus display names of everything it points to. */
export interface LeadView extends LeadRecord {
  brand: NamedRef & { code: string };
  product: (NamedRef & { defaultCode: string }) | null;
  source: NamedRef & { code: string };
  stage: NamedRef & { isWon: boolean; isLost: boolean };
  user: NamedRef | null;
  partner: NamedRef | null;
  country: NamedRef & { code: string } | null;
  state: NamedRef & { code: string } | null;
  lostReason: NamedRef | null;
  createdBy: NamedRef | null;
  orders: { id: number; name: string; state: SaleOrderState; amountTotal: number }[];
}

/** What a kanban card and a list row show. */
export interface LeadCard extends Pick<LeadRecord, SharedLeadKey> {
  id: number;
  reference: string;
  contactName: string;
  mobile: string;
  email: string | null;
  brandId: number;
  brandName: string;
  productName: string | null;
  /** The model name the BPO sent: shown when no product was matched (dealer-2 fallback display). */
  vehicleModelText: string | null;
  stageId: number;
  userId: number | null;
  userName: string | null;
  sourceCode: string;
  sourceName: string;
  priority: number;
  bpoSourceLeadName: string | null;
  bpoSourceUrl: string | null;
  createdAt: Date;
}

/** Filters of the All Leads / My Pipeline views and the CSV export. */
export interface LeadFilter {
  stageId?: number;
  brandId?: number;
  sourceId?: number;
  userId?: number;
  /** true: only leads with a BPO origin; false: only manual ones. */
  endorsed?: boolean;
  createdFrom?: Date;
  /** Exclusive upper bound. */
  createdBefore?: Date;
  /** Case-insensitive substring of name, mobile, email or reference. */
  text?: string;
  /** Archived leads are hidden unless asked for. */
  archived?: boolean;
}

export interface Cursor {
  createdAt: Date;
  id: number;
}

export type SaleOrderState = "draft" | "sale" | "done" | "cancel";

export interface SaleOrderLineRecord {
  id: number;
  sequence: number;
  productId: number;
  productName: string;
  description: string;
  quantity: number;
  unitPrice: number;
  subtotal: number;
}

export interface SaleOrderRecord {
  id: number;
  name: string;
  leadId: number | null;
  partnerId: number;
  partnerName: string;
  state: SaleOrderState;
  amountTotal: number;
  confirmedAt: Date | null;
  deliveryDate: string | null;
  cancelledAt: Date | null;
  createdById: number | null;
  createdAt: Date;
  lines: SaleOrderLineRecord[];
}

export interface NewOrderLine {
  productId: number;
  description: string;
  quantity: number;
  unitPrice: number;
}

export interface PartnerRecord {
  id: number;
  name: string;
  mobile: string | null;
  email: string | null;
  phone: string | null;
  street: string | null;
  city: string | null;
  zipCode: string | null;
  countryId: number | null;
  stateId: number | null;
  active: boolean;
}

export type { FieldChange, MessageKind };

export interface MessageRecord extends ChatterLineRecord {
  leadId: number | null;
  saleOrderId: number | null;
}

export type MessageTarget = { leadId: number } | { saleOrderId: number };

export type NewMessage = MessageTarget & NewChatterLine;
