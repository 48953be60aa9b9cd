import { PageHeader } from "@crm/ui-kit";
import type { User } from "./api";

export function CallLogsPage(_props: { user: User }) {
  return <PageHeader title="Call Logs" subtitle="This screen is being built." />;
}
