/** The BPO web app's API types; the fetch client itself is shared from ui-kit. */
export { ApiError, api, errorMessage, queryString } from "@crm/ui-kit";
import type { Wire } from "@crm/contracts/src/wire";
// Type-only: the lead shapes are the service's response schemas (erased at build, nothing server-side is bundled).
import type {
  LeadCardResponse,
  LeadMessageResponse,
  LeadViewResponse,
  OpenLeadsResponse,
  PipelineResponse,
} from "../../../services/bpo-service/src/domain/lead-schemas";
import type { CallLogResponse } from "../../../services/bpo-service/src/domain/call-log-service";
import type { ActivityResponse } from "../../../services/bpo-service/src/domain/activity-service";
import type { LeadListResponse } from "../../../services/bpo-service/src/domain/lead-search-service";

export interface User {
  id: number;
  name: string;
  role: "agent" | "supervisor" | "manager";
  login?: string;
}

/** A kanban card (Open Leads and pipeline), as GET /api/boards/* answer it. */
export type LeadCard = Wire<LeadCardResponse>;

export type OpenLeadsColumn = Wire<OpenLeadsResponse>["columns"][number];

/* ---- Pipeline and lead form (GET /api/boards/pipeline, /api/leads/:id and friends) ---- */

export interface Stage {
  id: number;
  name: string;
  sequence: number;
  fold: boolean;
  isWon: boolean;
  isLost: boolean;
}

/** A pipeline card: the same card as Open Leads (it carries its stage). */
export type PipelineCard = LeadCard;

export type PipelineColumn = Wire<PipelineResponse>["columns"][number];

export type LostReason = "price" | "competitor" | "timing" | "model_unavailable" | "financing" | "other";
export type FinancingType = "bank" | "in_house" | "cash" | "other";
export type EndorsementStatus = "none" | "pending" | "delivered" | "failed";


/** GET /api/leads/:id: every lead column plus display names of what it points to. */
export type LeadView = Wire<LeadViewResponse>;

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
