/** The dealer web app's API types (what services/dealer-service answers); the fetch client is ui-kit's. */
// By path (not the index): the API types stay free of React, so services can type-check code that uses them.
export { ApiError, api, errorMessage, queryString } from "@crm/ui-kit/src/api-client";
import type { SessionUserResponse } from "@crm/contracts/src/session-user";
import type { Wire } from "@crm/contracts/src/wire";
// Type-only: every shape is the service's response schema (erased at build, nothing server-side is bundled).
import type { InteractiveRole } from "../../../services/dealer-service/src/domain/actor";
import type {
  BpoConnectionView,
  DealershipInstance as DealershipInstanceResponse,
  ServiceKey as ServiceKeyResponse,
  TestConnectionResult as TestConnectionResponse,
  UserAccount,
} from "../../../services/dealer-service/src/domain/admin-schemas";
import type {
  Brand as BrandResponse,
  Country as CountryResponse,
  LeadSource as LeadSourceResponse,
  LostReason as LostReasonResponse,
  Product as ProductResponse,
  StateRef as StateResponse,
} from "../../../services/dealer-service/src/domain/catalog-schemas";
import type {
  BoardResponse,
  CardPageResponse,
  LeadCardResponse,
  LeadViewResponse,
  MarkWonCheckResponse,
  SaleOrderResponse,
  StageResponse,
} from "../../../services/dealer-service/src/domain/lead-schemas";
import type { Partner as PartnerResponse } from "../../../services/dealer-service/src/domain/partner-schemas";

export type Role = InteractiveRole;

/** GET /api/instance: which dealership this is. */
export type DealershipInstance = Wire<DealershipInstanceResponse>;

/** GET /api/auth/me: the signed-in user (a person; service accounts never hold a session). */
export type User = SessionUserResponse & { role: Role };

export const ROLE_LABEL: Record<string, string> = {
  dealer_user: "Dealer User",
  dealer_manager: "Dealer Manager",
  dealer_admin: "Dealer Admin",
  service_account: "Service account",
};

export const isManager = (u: User) => u.role === "dealer_manager" || u.role === "dealer_admin";
export const isAdmin = (u: User) => u.role === "dealer_admin";

export type Stage = Wire<StageResponse>;
export type Brand = Wire<BrandResponse>;
export type Product = Wire<ProductResponse>;
export type LeadSource = Wire<LeadSourceResponse>;
export type LostReason = Wire<LostReasonResponse>;
export type Country = Wire<CountryResponse>;
export type StateRef = Wire<StateResponse>;
export type UserRecord = Wire<UserAccount>;

/** A kanban card and a list row, as the boards and GET /api/leads answer them. */
export type LeadCard = Wire<LeadCardResponse>;

export type BoardColumn = Wire<BoardResponse>["columns"][number];

export type CardPage = Wire<CardPageResponse>;

/** GET /api/leads/:id: every lead column plus display names of what it points to. */
export type Lead = Wire<LeadViewResponse>;

export type FinancingType = NonNullable<Lead["financingType"]>;
export type CallbackStatus = Lead["callbackStatus"];

export type MarkWonCheck = Wire<MarkWonCheckResponse>;

/** GET /api/partners: customers (res.partner). */
export type Partner = Wire<PartnerResponse>;

export type SaleOrder = Wire<SaleOrderResponse>;
export type SaleOrderLine = SaleOrder["lines"][number];
export type SaleOrderState = SaleOrder["state"];

export const ORDER_STATE_LABEL: Record<SaleOrderState, string> = { draft: "Quotation", sale: "Sales Order", done: "Delivered", cancel: "Cancelled" };

export type ServiceKey = Wire<ServiceKeyResponse>;
export type BpoConnection = Wire<BpoConnectionView>;
export type TestConnectionResult = Wire<TestConnectionResponse>;
