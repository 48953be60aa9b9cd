import { Link, PageHeader, useDocumentTitle } from "@crm/ui-kit";
import { type User, isAdmin } from "../api";
import { BpoConnectionSection } from "./bpo-connection-section";
import { BrandsSection } from "./brands-section";
import { CallbacksSection } from "./callbacks-section";
import { CodeListSection } from "./code-list-section";
import { ProductsSection } from "./products-section";
import { ServiceKeysSection } from "./service-keys-section";
import { UsersSection } from "./users-section";

const SECTIONS = [
  { key: "brands", label: "Brands" },
  { key: "products", label: "Products" },
  { key: "lost-reasons", label: "Lost reasons" },
  { key: "lead-sources", label: "Lead sources" },
  { key: "bpo-connection", label: "BPO connection" },
  { key: "service-keys", label: "Service keys" },
  { key: "users", label: "Users" },
  { key: "callbacks", label: "Undelivered callbacks" },
] as const;

/** Configuration (dealer-1 one-time setup): Dealer Admins only. */
export function ConfigPage({ user, section }: { user: User; section: string }) {
  const current = SECTIONS.find((s) => s.key === section);
  useDocumentTitle(`Configuration${current ? ` · ${current.label}` : ""}`, "Dealer CRM");
  if (!isAdmin(user)) {
    return (
      <div className="uk-page-state" role="alert">
        <h1>Configuration</h1>
        <p>Only a Dealer Admin can open Configuration.</p>
        <p>
          <Link to="/">Go to All Leads</Link>
        </p>
      </div>
    );
  }
  return (
    <>
      <PageHeader title="Configuration" subtitle="One-time setup of this dealership: catalogue, BPO connection, keys and people." />
      <div className="config">
        <nav className="config__nav" aria-label="Configuration sections">
          {SECTIONS.map((s) => (
            <Link key={s.key} to={`/config/${s.key}`} aria-current={s.key === section ? "page" : undefined}>
              {s.label}
            </Link>
          ))}
        </nav>
        <div className="config__body">
          {section === "brands" && <BrandsSection />}
          {section === "products" && <ProductsSection />}
          {section === "lost-reasons" && <CodeListSection kind="lost-reasons" />}
          {section === "lead-sources" && <CodeListSection kind="lead-sources" />}
          {section === "bpo-connection" && <BpoConnectionSection />}
          {section === "service-keys" && <ServiceKeysSection />}
          {section === "users" && <UsersSection user={user} />}
          {section === "callbacks" && <CallbacksSection />}
          {!current && (
            <p role="alert">
              No section “{section}”. Pick one on the left.
            </p>
          )}
        </div>
      </div>
    </>
  );
}
