import { useEffect, useState } from "react";
import { type LeadView, api } from "../api";

export interface EndorsementIssue {
  path: string;
  message: string;
}

/**
 * The fields of this lead a dealership would refuse on Endorse, as the server judges them (the endorse
 * contract), asked again whenever the saved lead changes. Empty while unknown or when nothing blocks it.
 */
export function useEndorsementCheck(lead: LeadView | null, enabled: boolean): EndorsementIssue[] {
  const [issues, setIssues] = useState<EndorsementIssue[]>([]);
  const id = lead?.id;
  const version = lead?.updatedAt;
  useEffect(() => {
    if (!enabled || id === undefined) {
      setIssues([]);
      return;
    }
    const ctrl = new AbortController();
    api<{ endorsable: boolean; issues: EndorsementIssue[] }>(`/api/leads/${id}/endorsement-check`, { signal: ctrl.signal }).then(
      (r) => setIssues(r.issues),
      () => undefined, // the Endorse button still answers with the server's refusal
    );
    return () => ctrl.abort();
  }, [id, version, enabled]);
  return issues;
}
