import type { Wire } from "@crm/contracts/src/wire";
// Type-only: what GET /api/floor answers is the service's response schema (nothing server-side is bundled).
import type { FloorSummaryResponse } from "../../../../services/bpo-service/src/domain/floor-schemas";

export type FloorSummary = Wire<FloorSummaryResponse>;
export type Thresholds = FloorSummary["thresholds"];
export type ResponseWindow = FloorSummary["responseTimes"]["today"];
export type MetricTimes = ResponseWindow["overall"];
export type Times = MetricTimes["claim"];

/** "1 h 05 min", "12 min", "45 s". */
export function duration(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const m = Math.round(seconds / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${String(m % 60).padStart(2, "0")} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}
