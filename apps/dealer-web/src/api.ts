/** The dealer web app's API types (what services/dealer-service answers); the fetch client is ui-kit's. */
// By path (not the index): the API types stay free of React, so services can type-check code that uses them.
export { ApiError, api, errorMessage, queryString } from "@crm/ui-kit/src/api-client";

export type Role = "dealer_user" | "dealer_manager" | "dealer_admin";

/** GET /api/instance: which dealership this is. */
export interface DealershipInstance {
  code: string;
  name: string;
  /** IANA zone whose calendar days the created-date filters count. */
  timeZone: string;
}

export interface User {
  id: number;
  name: string;
  role: Role;
}

export const ROLE_LABEL: Record<string, string> = {
  dealer_user: "Dealer User",
  dealer_manager: "Dealer Manager",
  dealer_admin: "Dealer Admin",
  service_account: "Service account",
};

export const isManager = (u: User) => u.role === "dealer_manager" || u.role === "dealer_admin";
export const isAdmin = (u: User) => u.role === "dealer_admin";

export interface Stage {
  id: number;
  name: string;
  sequence: number;
  fold: boolean;
  isWon: boolean;
  isLost: boolean;
}

export interface Brand {
  id: number;
  code: string;
  name: string;
  active: boolean;
}

export interface Product {
  id: number;
  brandId: number;
  defaultCode: string;
  name: string;
  listPrice: number;
  active: boolean;
}

export interface LeadSource {
  id: number;
  code: string;
  name: string;
  sequence: number;
  /** false for the endorsement sources only the BPO push may stamp. */
  manual: boolean;
  active: boolean;
}

export interface LostReason {
  id: number;
  code: string;
  name: string;
  sequence: number;
  active: boolean;
}

export interface Country {
  id: number;
  code: string;
  name: string;
}

export interface StateRef {
  id: number;
  countryId: number;
  code: string;
  name: string;
}

export interface UserRecord {
  id: number;
  login: string;
  name: string;
  email: string | null;
  role: Role | "service_account";
  active: boolean;
}

export interface LeadCard {
  id: number;
  reference: string;
  contactName: string;
  mobile: string;
  email: string | null;
  brandId: number;
  brandName: string;
  productName: string | null;
  vehicleModelText: string | null;
  stageId: number;
  userId: number | null;
  userName: string | null;
  sourceCode: string;
  sourceName: string;
  priority: number;
  bpoSourceLeadName: string | null;
  bpoSourceUrl: string | null;
  createdAt: string;
}

export interface BoardColumn {
  stage: Stage;
  count: number;
  cards: LeadCard[];
  nextCursor: string | null;
}

export interface CardPage {
  cards: LeadCard[];
  nextCursor: string | null;
}

export type FinancingType = "bank" | "in_house" | "cash" | "other";
export type CallbackStatus = "none" | "pending" | "delivered" | "failed";
export type SaleOrderState = "draft" | "sale" | "done" | "cancel";

interface NamedRef {
  id: number;
  name: string;
}

export interface Lead {
  id: number;
  reference: string;
  contactName: string;
  mobile: string;
  phone: string | null;
  email: string | null;
  street: string | null;
  city: string | null;
  zipCode: string | null;
  countryId: number | null;
  stateId: number | null;
  partnerId: number | null;
  brandId: number;
  productId: number | null;
  vehicleModelText: string | null;
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
  stageId: number;
  userId: number | null;
  isWon: boolean;
  isLost: boolean;
  active: boolean;
  lostReasonId: number | null;
  lostNotes: string | null;
  closedAt: string | null;
  bpoSourceLeadId: number | null;
  bpoSourceLeadName: string | null;
  bpoSourceUrl: string | null;
  callbackStatus: CallbackStatus;
  callbackError: string | null;
  createdById: number | null;
  createdAt: string;
  updatedAt: string;
  brand: NamedRef & { code: string };
  product: (NamedRef & { defaultCode: string }) | null;
  source: NamedRef & { code: string };
  stage: NamedRef & { isWon: boolean; isLost: boolean };
  user: NamedRef | null;
  partner: NamedRef | null;
  country: (NamedRef & { code: string }) | null;
  state: (NamedRef & { code: string }) | null;
  lostReason: NamedRef | null;
  createdBy: NamedRef | null;
  orders: { id: number; name: string; state: SaleOrderState; amountTotal: number }[];
}

export interface MarkWonCheck {
  allowed: boolean;
  code: string | null;
  reason: string | null;
}

export interface SaleOrderLine {
  id: number;
  sequence: number;
  productId: number;
  productName: string;
  description: string;
  quantity: number;
  unitPrice: number;
  subtotal: number;
}

/** GET /api/partners: customers (res.partner). */
export interface Partner {
  id: number;
  name: string;
  mobile: string | null;
  email: string | null;
}

export interface SaleOrder {
  id: number;
  name: string;
  leadId: number | null;
  partnerId: number;
  partnerName: string;
  state: SaleOrderState;
  amountTotal: number;
  confirmedAt: string | null;
  deliveryDate: string | null;
  cancelledAt: string | null;
  createdById: number | null;
  createdAt: string;
  lines: SaleOrderLine[];
}

export const ORDER_STATE_LABEL: Record<SaleOrderState, string> = { draft: "Quotation", sale: "Sales Order", done: "Delivered", cancel: "Cancelled" };

export interface ServiceKey {
  id: number;
  userId: number;
  label: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface BpoConnection {
  configured: boolean;
  url: string | null;
  hasKey: boolean;
  updatedAt: string | null;
}

export interface TestConnectionResult {
  ok: boolean;
  message: string;
  instance?: string;
  caller?: string;
  latencyMs: number;
}
