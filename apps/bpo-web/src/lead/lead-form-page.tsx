import { ErrorState, Loading, useDocumentTitle } from "@crm/ui-kit";
import type { User } from "../api";
import { ExistingLeadForm } from "./existing-lead-form";
import { NewLeadForm } from "./new-lead-form";
import { useCatalog } from "./use-catalog";
import "./lead.css";

/** `/leads/new` (create) and `/leads/:id` (view, edit, work the lead). */
export function LeadFormPage({ user, leadId }: { user: User; leadId: number | null }) {
  useDocumentTitle(leadId === null ? "New lead" : `Lead ${leadId}`, "BPO CRM");
  const catalog = useCatalog();
  if (!catalog.data) {
    if (catalog.status === "error") return <ErrorState message={`Could not load the lead form's lists: ${catalog.error}`} onRetry={catalog.reload} />;
    return <Loading label="Loading lead…" />;
  }
  if (leadId === null) return <NewLeadForm catalog={catalog.data} />;
  return <ExistingLeadForm key={leadId} user={user} leadId={leadId} catalog={catalog.data} />;
}
