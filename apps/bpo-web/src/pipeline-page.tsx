import { PageHeader } from "@crm/ui-kit";
import type { User } from "./api";

export function PipelinePage(_props: { user: User }) {
  return <PageHeader title="My Pipeline" subtitle="This screen is being built." />;
}
