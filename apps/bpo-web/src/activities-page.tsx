import { PageHeader } from "@crm/ui-kit";
import type { User } from "./api";

export function ActivitiesPage(_props: { user: User }) {
  return <PageHeader title="My Activities" subtitle="This screen is being built." />;
}
