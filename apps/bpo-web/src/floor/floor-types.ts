/** What GET /api/floor answers (services/bpo-service/src/domain/floor-service.ts). */
export type Metric = "claim" | "first_call" | "settle";
export type Times = { count: number; medianSeconds: number; p90Seconds: number } | null;
export type MetricTimes = Record<Metric, Times>;

export interface ResponseWindow {
  label: string;
  from: string;
  to: string;
  overall: MetricTimes;
  byAgent: ({ userId: number; name: string } & MetricTimes)[];
  byBrand: ({ brandId: number; name: string } & MetricTimes)[];
}

export interface Thresholds {
  claimMinutes: number;
  firstCallMinutes: number;
}

export interface FloorBreach {
  leadId: number;
  reference: string;
  contactName: string;
  brandId: number;
  brandName: string;
  userId: number | null;
  userName: string | null;
  kind: "claim" | "first_call";
  since: string;
  minutesOver: number;
}

export interface FloorSummary {
  generatedAt: string;
  timeZone: string;
  today: string;
  thresholds: Thresholds;
  brands: { brandId: number; name: string; waiting: number; oldestWaitingAt: string | null; oldestWaitingMinutes: number | null; importedToday: number; createdToday: number }[];
  responseTimes: { today: ResponseWindow; last7Days: ResponseWindow; range: ResponseWindow | null };
  agents: { userId: number; name: string; claims: number; calls: Record<string, number>; callsTotal: number; overdueActivities: number; endorsements: number; won: number; lost: number }[];
  breaches: { claim: number; firstCall: number; leads: FloorBreach[] };
  chart: { hours: string[]; waiting: number[]; claimed: number[]; created: number[] };
}

/** "1 h 05 min", "12 min", "45 s". */
export function duration(seconds: number): string {
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const m = Math.round(seconds / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${String(m % 60).padStart(2, "0")} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}
