/** The BPO web app's API types; the fetch client itself is shared from ui-kit. */
export { ApiError, api, errorMessage, queryString } from "@crm/ui-kit";
import type { SessionUserResponse } from "@crm/contracts/src/session-user";
import type { Wire } from "@crm/contracts/src/wire";
// Type-only: the lead shapes are the service's response schemas (erased at build, nothing server-side is bundled).
import type {
  LeadCardResponse,
  LeadMessageResponse,
  LeadViewResponse,
  OpenLeadsResponse,
  PipelineResponse,
} from "../../../services/bpo-service/src/domain/lead-schemas";
import type { CallLogResponse } from "../../../services/bpo-service/src/domain/call-log-schemas";
import type { ActivityResponse } from "../../../services/bpo-service/src/domain/activity-schemas";
import type { LeadListResponse } from "../../../services/bpo-service/src/domain/lead-search-schemas";
import type {
  BrandResponse,
  DealershipResponse,
  LeadSourceResponse,
  StageResponse,
  VehicleModelResponse,
} from "../../../services/bpo-service/src/domain/catalog-schemas";
import type { UserResponse } from "../../../services/bpo-service/src/domain/user-schemas";

/** The signed-in user (GET /api/auth/me), with the BPO's role names. */
export type User = SessionUserResponse & { role: UserSummary["role"] };

/** A kanban card (Open Leads and pipeline), as GET /api/boards/* answer it. */
export type LeadCard = Wire<LeadCardResponse>;

export type OpenLeadsColumn = Wire<OpenLeadsResponse>["columns"][number];

/* ---- Pipeline and lead form (GET /api/boards/pipeline, /api/leads/:id and friends) ---- */

export type Stage = StageResponse;

/** A pipeline card: the same card as Open Leads (it carries its stage). */
export type PipelineCard = LeadCard;

export type PipelineColumn = Wire<PipelineResponse>["columns"][number];

/** GET /api/leads/:id: every lead column plus display names of what it points to. */
export type LeadView = Wire<LeadViewResponse>;
export type LostReason = NonNullable<LeadView["lostReason"]>;
export type FinancingType = NonNullable<LeadView["financingType"]>;
export type EndorsementStatus = LeadView["endorsementStatus"];

/* ---- Configuration (GET /api/brands, /dealerships, /vehicle-models, /lead-sources, /users) ---- */

export type Brand = BrandResponse;
/** `connected`: the BPO has this dealership's URL and key, so endorsements and Mark Won can reach it. */
export type Dealership = DealershipResponse;
export type VehicleModel = VehicleModelResponse;
export type LeadSource = LeadSourceResponse;
/** A user as the configuration page and the assignee pickers list them. */
export type UserSummary = UserResponse;

export type LeadMessage = Wire<LeadMessageResponse>;

/** A logged call, as GET /api/call-logs and /api/leads/:id/call-logs answer it. */
export type LeadCallLog = Wire<CallLogResponse>;
export type CallResult = LeadCallLog["result"];

/** An activity with its state pill, as the lead's panel and My Activities list it. */
export type LeadActivity = Wire<ActivityResponse>;
export type ActivityType = LeadActivity["type"];

/* ---- Leads list view and search (GET /api/leads) ---- */

/** A page of the Leads list, newest first. */
export type LeadListPage = Wire<LeadListResponse>;
export type LeadListRow = LeadListPage["rows"][number];
