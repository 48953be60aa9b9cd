/** Shapes of the configuration API answers (services/bpo-service catalog, distributor and dealership routes). */
import type { Wire } from "@crm/contracts/src/wire";
import type { LeadSource, UserSummary } from "../api";
// Type-only: the configuration answers are the service's response schemas (nothing server-side is bundled).
import type {
  CatalogSyncResponse,
  DistributorConnectionView,
  DistributorTestResponse,
  SyncRunResponse,
  SyncRunsResponse,
  SyncSettingsResponse,
} from "../../../../services/bpo-service/src/domain/distributor-connection-schemas";
import type {
  ConnectionTestResponse,
  DealershipConnectionResponse,
  PeerKeyResponse,
} from "../../../../services/bpo-service/src/domain/dealership-connection-schemas";

export type SourceType = LeadSource["sourceType"];

export const SOURCE_TYPE_LABEL: Record<SourceType, string> = {
  inbound_call: "Inbound Call",
  outbound_call: "Outbound Call",
  campaign: "Campaign",
  referral: "Referral",
  walk_in: "Walk-In",
  website: "Website",
  social_media: "Social Media",
  event_exhibition: "Event/Exhibition",
};

/** bpo-3: the distributor sync looks these up by exact code; the server refuses renaming, archiving, deleting them. */
export const PROTECTED_SOURCE_CODES = ["source_web_quotation", "source_web_test_drive"];

export type { Brand, Dealership, LeadSource, Stage, VehicleModel } from "../api";

export type ConfigUser = UserSummary;

/** Never carries the password: only whether one is stored. */
export type DistributorConnection = DistributorConnectionView;
export type DistributorTestResult = DistributorTestResponse;
export type CatalogSyncResult = CatalogSyncResponse;
export type SyncRun = Wire<SyncRunResponse>;
/** A page of sync runs, newest first (GET /api/distributor-sync/runs). */
export type SyncRunsPage = Wire<SyncRunsResponse>;
export type SyncSettings = SyncSettingsResponse;
/** The dealer-service's URL and whether its key is stored (never the key). */
export type DealershipConnection = DealershipConnectionResponse;
export type DealershipTestResult = ConnectionTestResponse;
export type PeerKey = Wire<PeerKeyResponse>;
