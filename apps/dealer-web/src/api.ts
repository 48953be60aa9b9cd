/** The dealer web app's API types (what services/dealer-service answers); the fetch client is ui-kit's. */
// By path (not the index): the API types stay free of React, so services can type-check code that uses them.
export { ApiError, api, errorMessage, queryString } from "@crm/ui-kit/src/api-client";
import type { Wire } from "@crm/contracts/src/wire";
// Type-only: the lead shapes are the service's response schemas (erased at build, nothing server-side is bundled).
import type {
  BoardResponse,
  CardPageResponse,
  LeadCardResponse,
  LeadViewResponse,
} from "../../../services/dealer-service/src/domain/lead-schemas";

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

/** A kanban card and a list row, as the boards and GET /api/leads answer them. */
export type LeadCard = Wire<LeadCardResponse>;

export type BoardColumn = Wire<BoardResponse>["columns"][number];

export type CardPage = Wire<CardPageResponse>;

export type FinancingType = "bank" | "in_house" | "cash" | "other";
export type CallbackStatus = "none" | "pending" | "delivered" | "failed";
export type SaleOrderState = "draft" | "sale" | "done" | "cancel";


/** GET /api/leads/:id: every lead column plus display names of what it points to. */
export type Lead = Wire<LeadViewResponse>;

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
