/** Shapes of the configuration API answers (services/bpo-service catalog, distributor and dealership routes). */
import type { LeadSource, UserSummary } from "../api";

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
export interface DistributorConnection {
  brandId: number;
  brandName: string;
  configured: boolean;
  url: string | null;
  db: string | null;
  login: string | null;
  hasPassword: boolean;
  dealerModelName: string;
  vehicleModelModelName: string;
}

export interface DistributorTestResult {
  ok: boolean;
  checks: { check: string; ok: boolean; message: string }[];
}

export interface CatalogSyncResult {
  model: string;
  fetched: number;
  linked: number;
}

export interface SyncModelResult {
  model: string;
  batches: number;
  fetched: number;
  created: number;
  deduplicated: number;
  resumed: number;
  skipped: number;
  failed: number;
  error: string | null;
  /** Records the run skipped or corrected, with the field (runs recorded before this existed have none). */
  issues?: { remoteId: number; field: string | null; problem: string }[];
}

export interface SyncRun {
  id: number;
  brandId: number;
  brandName: string;
  trigger: "schedule" | "manual";
  status: "running" | "succeeded" | "partial" | "failed";
  startedAt: string;
  finishedAt: string | null;
  fetched: number;
  created: number;
  deduplicated: number;
  resumed: number;
  skipped: number;
  failed: number;
  error: string | null;
  details: SyncModelResult[] | null;
}

export interface SyncSettings {
  jobName: string;
  intervalMinutes: number;
}

export interface DealershipConnection {
  dealershipId: number;
  url: string | null;
  hasKey: boolean;
}

export interface DealershipTestResult {
  ok: boolean;
  checks: { name: string; ok: boolean; detail: string }[];
}

export interface PeerKey {
  id: number;
  dealershipId: number;
  label: string;
  createdAt: string;
  revokedAt: string | null;
}
