import { useCallback, useEffect, useRef, useState } from "react";
import { type LeadActivity, type LeadCallLog, type LeadMessage, type LeadView, api, errorMessage } from "../api";

interface Slice<T> {
  data: T | null;
  loading: boolean;
  error: string | null;
}

const idle = <T,>(): Slice<T> => ({ data: null, loading: true, error: null });

/**
 * One lead and what hangs off it (chatter, activities, call logs), each loaded on its own so a failing
 * panel never blanks the form. Answers to superseded requests are dropped.
 */
export function useLeadRecord(leadId: number) {
  const [lead, setLeadSlice] = useState<Slice<LeadView>>(idle);
  const [messages, setMessages] = useState<Slice<LeadMessage[]>>(idle);
  const [activities, setActivities] = useState<Slice<LeadActivity[]>>(idle);
  const [calls, setCalls] = useState<Slice<LeadCallLog[]>>(idle);
  const seq = useRef({ lead: 0, messages: 0, activities: 0, calls: 0 });

  const fetchInto = useCallback(<T,>(key: keyof typeof seq.current, set: (f: (s: Slice<T>) => Slice<T>) => void, load: () => Promise<T>) => {
    const n = ++seq.current[key];
    set((s) => ({ ...s, loading: true }));
    load().then(
      (data) => {
        if (n === seq.current[key]) set(() => ({ data, loading: false, error: null }));
      },
      (e: unknown) => {
        if (n === seq.current[key]) set((s) => ({ ...s, loading: false, error: errorMessage(e) }));
      },
    );
  }, []);

  const reloadLead = useCallback(() => fetchInto("lead", setLeadSlice, () => api<LeadView>(`/api/leads/${leadId}`)), [fetchInto, leadId]);
  const reloadMessages = useCallback(
    () => fetchInto("messages", setMessages, async () => (await api<{ messages: LeadMessage[] }>(`/api/leads/${leadId}/messages`)).messages),
    [fetchInto, leadId],
  );
  const reloadActivities = useCallback(
    () => fetchInto("activities", setActivities, async () => (await api<{ activities: LeadActivity[] }>(`/api/leads/${leadId}/activities`)).activities),
    [fetchInto, leadId],
  );
  const reloadCalls = useCallback(
    () => fetchInto("calls", setCalls, async () => (await api<{ callLogs: LeadCallLog[] }>(`/api/leads/${leadId}/call-logs?limit=100`)).callLogs),
    [fetchInto, leadId],
  );
  const reloadAll = useCallback(() => {
    reloadLead();
    reloadMessages();
    reloadActivities();
    reloadCalls();
  }, [reloadLead, reloadMessages, reloadActivities, reloadCalls]);

  useEffect(reloadAll, [reloadAll]);

  /** An action answered with the new lead: show it at once (and drop any older load still in flight). */
  const setLead = useCallback((l: LeadView) => {
    seq.current.lead++;
    setLeadSlice({ data: l, loading: false, error: null });
  }, []);

  return { lead, messages, activities, calls, setLead, reloadLead, reloadMessages, reloadActivities, reloadCalls, reloadAll };
}
