import { Link, PageHeader, useDocumentTitle } from "@crm/ui-kit";
import type { User } from "../api";
import { BrandsSection } from "./brands-section";
import { DealershipsSection } from "./dealerships-section";
import { LeadSourcesSection } from "./lead-sources-section";
import { StagesSection } from "./stages-section";
import { UsersSection } from "./users-section";

const SECTIONS = [
  { key: "lead-sources", label: "Lead Sources" },
  { key: "brands", label: "Brands" },
  { key: "dealerships", label: "Dealerships" },
  { key: "stages", label: "Stages" },
  { key: "users", label: "Users" },
] as const;

/** BPO CRM → Configuration: Managers maintain the reference data (bpo-3 "BPO Managers only"). */
export function ConfigPage({ user, section }: { user: User; section: string }) {
  const current = SECTIONS.find((s) => s.key === section);
  useDocumentTitle(current ? `${current.label} · Configuration` : "Configuration", "BPO CRM");

  // The API refuses every change anyway; this says so before anyone fills a form in vain.
  if (user.role !== "manager") {
    return (
      <div className="uk-page-state" role="alert">
        <h1>Managers only</h1>
        <p>Configuration is for BPO Managers. Ask a Manager if a lead source, brand, dealership or user needs changing.</p>
        <p>
          <Link to="/">Back to Open Leads</Link>
        </p>
      </div>
    );
  }

  return (
    <div className="cfg">
      <PageHeader title="Configuration" subtitle="Reference data every lead points to. Changes apply at once for everyone." />
      <nav className="cfg-tabs" aria-label="Configuration sections">
        {SECTIONS.map((s) => (
          <Link key={s.key} to={`/config/${s.key}`} aria-current={s.key === section ? "page" : undefined}>
            {s.label}
          </Link>
        ))}
      </nav>
      <section className="cfg-section" aria-labelledby="cfg-section-title">
        {section === "lead-sources" && <LeadSourcesSection />}
        {section === "brands" && <BrandsSection />}
        {section === "dealerships" && <DealershipsSection />}
        {section === "stages" && <StagesSection />}
        {section === "users" && <UsersSection user={user} />}
        {!current && (
          <div className="uk-page-state" role="alert">
            <h2 id="cfg-section-title">Section not found</h2>
            <p>
              There is no configuration section called <code>{section}</code>. Pick one of the tabs above.
            </p>
          </div>
        )}
      </section>
    </div>
  );
}
