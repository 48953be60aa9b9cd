import { PageHeader } from "@crm/ui-kit";
import type { User } from "../api";

export function ConfigPage({ section }: { user: User; section: string }) {
  return <PageHeader title="Configuration" subtitle={`Section ${section} is being built.`} />;
}
