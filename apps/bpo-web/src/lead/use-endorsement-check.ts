import { useEffect, useState } from "react";
import { type LeadView, api } from "../api";
// Type-only: the answer's shape is the service's response schema.
import type { EndorsementCheckResponse } from "../../../../services/bpo-service/src/domain/endorsement/endorse-service";

/** A lead field a dealership would refuse on Endorse, named as the lead form names it. */
export type EndorsementIssue = EndorsementCheckResponse["issues"][number];

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
    api<EndorsementCheckResponse>(`/api/leads/${id}/endorsement-check`, { signal: ctrl.signal }).then(
      (r) => setIssues(r.issues),
      () => undefined, // the Endorse button still answers with the server's refusal
    );
    return () => ctrl.abort();
  }, [id, version, enabled]);
  return issues;
}
