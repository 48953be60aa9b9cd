import { type ReactNode, createContext, useCallback, useContext, useEffect, useState } from "react";
import { ErrorState } from "@crm/ui-kit";
import { type Brand, type DealershipInstance, type LeadSource, type LostReason, type Stage, type UserRecord, api } from "./api";

/** Small reference tables every screen needs (the dealership, stages, brands, sources, lost reasons, users), loaded once. */
export interface ReferenceData {
  instance: DealershipInstance;
  stages: Stage[];
  brands: Brand[];
  sources: LeadSource[];
  lostReasons: LostReason[];
  users: UserRecord[];
  /** Re-read after Configuration changed something. */
  reload(): void;
}

const Ctx = createContext<ReferenceData | null>(null);

/** `loading` is what shows until the tables are in (the app's loading shell). */
export function ReferenceDataProvider({ children, loading }: { children: ReactNode; loading: ReactNode }) {
  const [data, setData] = useState<Omit<ReferenceData, "reload"> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    setError(null);
    Promise.all([
      api<DealershipInstance>("/api/instance"),
      api<{ stages: Stage[] }>("/api/stages"),
      api<{ brands: Brand[] }>("/api/brands"),
      api<{ sources: LeadSource[] }>("/api/lead-sources"),
      api<{ lostReasons: LostReason[] }>("/api/lost-reasons"),
      api<{ users: UserRecord[] }>("/api/users"),
    ]).then(
      ([i, s, b, src, lr, u]) => setData({ instance: i, stages: s.stages, brands: b.brands, sources: src.sources, lostReasons: lr.lostReasons, users: u.users }),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, []);
  useEffect(load, [load]);
  if (error && !data) return <ErrorState message={`Could not load the dealership's reference data: ${error}`} onRetry={load} />;
  if (!data) return loading;
  return <Ctx.Provider value={{ ...data, reload: load }}>{children}</Ctx.Provider>;
}

export function useReferenceData(): ReferenceData {
  const v = useContext(Ctx);
  if (!v) throw new Error("useReferenceData needs a <ReferenceDataProvider>");
  return v;
}

/** People who can own leads (salesperson pickers and the user filter). */
export const salespeople = (users: UserRecord[]) => users.filter((u) => u.active && u.role !== "service_account");
