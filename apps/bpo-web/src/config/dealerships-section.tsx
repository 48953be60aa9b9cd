import { useState } from "react";
import { Badge, CheckboxField, DataTable, ErrorState, Loading, SelectField, TextField, WizardDialog, navigate, queryString, useAsync, useLocation, useToast } from "@crm/ui-kit";
import { OpenEditActions } from "@crm/ui-kit/src/config-section";
import { api } from "../api";
import { DealerConnectionPanel } from "./dealer-connection-panel";
import { type FieldErrors, required, submitForm } from "./form-errors";
import { PeerKeysPanel } from "./peer-keys-panel";
import { SectionTitle } from "./section-title";
import type { Brand, Dealership } from "./types";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Dealerships: who receives endorsed leads and sale orders; open one (`?dealership=<id>`) for its connection and keys. */
export function DealershipsSection() {
  const toast = useToast();
  const { search } = useLocation();
  const openId = Number(search.get("dealership")) || null;
  const [brandFilter, setBrandFilter] = useState("");
  const [showInactive, setShowInactive] = useState(false);
  const brands = useAsync((signal) => api<{ brands: Brand[] }>("/api/brands?includeInactive=true", { signal }), []);
  const list = useAsync(
    (signal) => api<{ dealerships: Dealership[] }>(`/api/dealerships${queryString({ brandId: brandFilter, includeInactive: showInactive || undefined })}`, { signal }),
    [brandFilter, showInactive],
  );
  const [editing, setEditing] = useState<Dealership | "new" | null>(null);
  const brandName = (id: number | null) => (id === null ? null : (brands.data?.brands.find((b) => b.id === id)?.name ?? `#${id}`));
  const rows = list.data?.dealerships;
  const open = rows?.find((d) => d.id === openId) ?? null;

  return (
    <>
      <SectionTitle
        subtitle="Dealerships receive endorsed leads and sale orders. The manager e-mail is notified when a sale order is pushed."
        actions={
          <button type="button" className="uk-button" onClick={() => setEditing("new")}>
            New dealership
          </button>
        }
      >
        Dealerships
      </SectionTitle>
      <div className="cfg-filters">
        <SelectField
          label="Brand"
          value={brandFilter}
          placeholder="All brands"
          options={(brands.data?.brands ?? []).map((b) => ({ value: b.id, label: b.name }))}
          onValue={setBrandFilter}
        />
        <CheckboxField label="Show archived" checked={showInactive} onValue={setShowInactive} />
      </div>
      {list.status === "error" && <ErrorState message={list.error} onRetry={list.reload} />}
      {list.status === "loading" && !rows && <Loading label="Loading dealerships…" />}
      {rows && (
        <DataTable
          label="Dealerships"
          rows={rows}
          rowKey={(d) => d.id}
          loading={list.status === "loading"}
          emptyText={brandFilter ? "No dealership for this brand." : "No dealerships yet. Create one, or use Sync Dealers on a brand."}
          columns={[
            { key: "code", header: "Code", render: (d) => <code>{d.code}</code> },
            { key: "name", header: "Name", render: (d) => <strong>{d.name}</strong> },
            { key: "brand", header: "Brand", render: (d) => brandName(d.brandId) ?? <span className="uk-muted">—</span> },
            { key: "email", header: "Manager e-mail", render: (d) => d.managerEmail ?? <span className="uk-muted">— (no notification)</span> },
            { key: "active", header: "Status", render: (d) => (d.active ? <Badge tone="success">Active</Badge> : <Badge>Archived</Badge>) },
            {
              key: "actions",
              header: "Actions",
              render: (d) => (
                <OpenEditActions
                  name={d.name}
                  open={d.id === openId}
                  onToggle={() => navigate(d.id === openId ? "/config/dealerships" : `/config/dealerships?dealership=${d.id}`)}
                  onEdit={() => setEditing(d)}
                />
              ),
            },
          ]}
        />
      )}
      {rows && openId !== null && !open && list.status === "ready" && <ErrorState message={`Dealership #${openId} is not in this list (filtered out or archived).`} />}
      {open && (
        <section className="cfg-detail" aria-labelledby="dealership-detail-title">
          <h2 id="dealership-detail-title" className="cfg-detail__title">
            {open.name} <code>{open.code}</code>
          </h2>
          <div className="cfg-detail__grid">
            <DealerConnectionPanel dealershipId={open.id} />
            <PeerKeysPanel dealershipId={open.id} />
          </div>
        </section>
      )}
      {editing !== null && (
        <DealershipDialog
          dealership={editing === "new" ? null : editing}
          brands={brands.data?.brands ?? []}
          onClose={() => setEditing(null)}
          onSaved={(d, created) => {
            list.reload();
            toast.show(created ? `Dealership ${d.name} created.` : `Dealership ${d.name} saved.`, "success");
            if (created) navigate(`/config/dealerships?dealership=${d.id}`);
          }}
        />
      )}
    </>
  );
}

function DealershipDialog({ dealership, brands, onClose, onSaved }: { dealership: Dealership | null; brands: Brand[]; onClose(): void; onSaved(d: Dealership, created: boolean): void }) {
  const [brandId, setBrandId] = useState(dealership?.brandId ? String(dealership.brandId) : "");
  const [code, setCode] = useState(dealership?.code ?? "");
  const [name, setName] = useState(dealership?.name ?? "");
  const [email, setEmail] = useState(dealership?.managerEmail ?? "");
  const [active, setActive] = useState(dealership?.active ?? true);
  const [errors, setErrors] = useState<FieldErrors>({});
  return (
    <WizardDialog
      open
      title={dealership ? `Edit ${dealership.name}` : "New dealership"}
      submitLabel={dealership ? "Save" : "Create dealership"}
      onClose={onClose}
      onSubmit={() =>
        submitForm(
          () => {
            const e: FieldErrors = {};
            required(code, "Code is required", e, "code");
            required(name, "Name is required", e, "name");
            if (email.trim() && !EMAIL.test(email.trim())) e.managerEmail = "Manager e-mail is not a valid address";
            return e;
          },
          setErrors,
          async () => {
            const body = { brandId: brandId ? Number(brandId) : null, code: code.trim(), name: name.trim(), managerEmail: email.trim() || null, active };
            const saved = dealership
              ? await api<Dealership>(`/api/dealerships/${dealership.id}`, { method: "PATCH", body })
              : await api<Dealership>("/api/dealerships", { method: "POST", body });
            onSaved(saved, !dealership);
          },
        )
      }
    >
      <div className="cfg-form-grid">
        <SelectField label="Brand" value={brandId} placeholder="No brand" options={brands.map((b) => ({ value: b.id, label: b.name }))} onValue={setBrandId} error={errors.brandId} />
        <TextField label="Code" required value={code} onValue={setCode} error={errors.code} hint="Letters, digits, - and _ (e.g. CHY-MAKATI)" />
        <TextField label="Name" required value={name} onValue={setName} error={errors.name} />
        <TextField
          label="Manager e-mail"
          type="email"
          value={email}
          onValue={setEmail}
          error={errors.managerEmail}
          hint="Notified after a sale order is pushed to this dealership."
        />
      </div>
      <CheckboxField label="Active" checked={active} onValue={setActive} />
    </WizardDialog>
  );
}
