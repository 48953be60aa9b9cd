import { PageHeader } from "@crm/ui-kit";
import type { User } from "../api";

export function LeadFormPage({ leadId }: { user: User; leadId: number | null }) {
  return <PageHeader title={leadId === null ? "New lead" : `Lead ${leadId}`} subtitle="This screen is being built." />;
}
