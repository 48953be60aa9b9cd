import { useState } from "react";
import { Badge, CheckboxField, DataTable, ErrorState, Loading, TextField, WizardDialog, navigate, useAsync, useLocation, useToast } from "@crm/ui-kit";
import { OpenEditActions } from "@crm/ui-kit/src/config-section";
import { api } from "../api";
import { DistributorConnectionPanel } from "./distributor-connection-panel";
import { type FieldErrors, required, submitForm } from "./form-errors";
import { SectionTitle } from "./section-title";
import { SyncRunsPanel } from "./sync-runs-panel";
import { SyncSettingsPanel } from "./sync-settings-panel";
import type { Brand } from "./types";
import { VehicleModelsPanel } from "./vehicle-models-panel";

/** Brands: the list, then the opened brand (`?brand=<id>`) with its distributor connection, models and sync history. */
export function BrandsSection() {
  const toast = useToast();
  const { search } = useLocation();
  const openId = Number(search.get("brand")) || null;
  const list = useAsync((signal) => api<{ brands: Brand[] }>("/api/brands?includeInactive=true", { signal }), []);
  const [editing, setEditing] = useState<Brand | "new" | null>(null);
  const brands = list.data?.brands;
  const open = brands?.find((b) => b.id === openId) ?? null;

  return (
    <>
      <SectionTitle
        subtitle="Each brand pulls its web leads from its own distributor. Open a brand to set its connection."
        actions={
          <button type="button" className="uk-button" onClick={() => setEditing("new")}>
            New brand
          </button>
        }
      >
        Brands
      </SectionTitle>
      {list.status === "error" && <ErrorState message={list.error} onRetry={list.reload} />}
      {list.status === "loading" && !brands && <Loading label="Loading brands…" />}
      {brands && (
        <DataTable
          label="Brands"
          rows={brands}
          rowKey={(b) => b.id}
          emptyText="No brands yet. Create one to start receiving leads for it."
          columns={[
            { key: "code", header: "Code", render: (b) => <code>{b.code}</code> },
            { key: "name", header: "Name", render: (b) => <strong>{b.name}</strong> },
            { key: "active", header: "Status", render: (b) => (b.active ? <Badge tone="success">Active</Badge> : <Badge>Archived</Badge>) },
            {
              key: "open",
              header: "Actions",
              render: (b) => (
                <OpenEditActions
                  name={b.name}
                  open={b.id === openId}
                  onToggle={() => navigate(b.id === openId ? "/config/brands" : `/config/brands?brand=${b.id}`)}
                  onEdit={() => setEditing(b)}
                />
              ),
            },
          ]}
        />
      )}
      {brands && openId !== null && !open && <ErrorState message={`Brand #${openId} does not exist (any more).`} />}
      {open ? <BrandDetail brand={open} /> : brands && <OverviewPanels />}
      {editing !== null && (
        <BrandDialog
          brand={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(b, created) => {
            list.reload();
            toast.show(created ? `Brand ${b.name} created.` : `Brand ${b.name} saved.`, "success");
            if (created) navigate(`/config/brands?brand=${b.id}`);
          }}
        />
      )}
    </>
  );
}

/** Without an opened brand: the schedule and every brand's recent runs. */
function OverviewPanels() {
  const [refresh, setRefresh] = useState(0);
  return (
    <div className="cfg-stack">
      <SyncSettingsPanel onSaved={() => setRefresh((n) => n + 1)} />
      <SyncRunsPanel refreshKey={refresh} showBrand />
    </div>
  );
}

function BrandDetail({ brand }: { brand: Brand }) {
  const [modelsKey, setModelsKey] = useState(0);
  const [runsKey, setRunsKey] = useState(0);
  return (
    <section className="cfg-detail" aria-labelledby="brand-detail-title">
      <h2 id="brand-detail-title" className="cfg-detail__title">
        {brand.name} <code>{brand.code}</code> {!brand.active && <Badge>Archived</Badge>}
      </h2>
      <div className="cfg-detail__grid">
        <DistributorConnectionPanel brandId={brand.id} onCatalogSynced={() => setModelsKey((n) => n + 1)} onRunRecorded={() => setRunsKey((n) => n + 1)} />
        <VehicleModelsPanel brandId={brand.id} refreshKey={modelsKey} />
      </div>
      <SyncRunsPanel brandId={brand.id} refreshKey={runsKey} />
    </section>
  );
}

function BrandDialog({ brand, onClose, onSaved }: { brand: Brand | null; onClose(): void; onSaved(b: Brand, created: boolean): void }) {
  const [code, setCode] = useState(brand?.code ?? "");
  const [name, setName] = useState(brand?.name ?? "");
  const [active, setActive] = useState(brand?.active ?? true);
  const [errors, setErrors] = useState<FieldErrors>({});
  return (
    <WizardDialog
      open
      title={brand ? `Edit ${brand.name}` : "New brand"}
      submitLabel={brand ? "Save" : "Create brand"}
      onClose={onClose}
      onSubmit={() =>
        submitForm(
          () => {
            const e: FieldErrors = {};
            required(code, "Code is required", e, "code");
            required(name, "Name is required", e, "name");
            return e;
          },
          setErrors,
          async () => {
            const body = { code: code.trim(), name: name.trim(), active };
            const saved = brand ? await api<Brand>(`/api/brands/${brand.id}`, { method: "PATCH", body }) : await api<Brand>("/api/brands", { method: "POST", body });
            onSaved(saved, !brand);
          },
        )
      }
    >
      <TextField label="Code" required value={code} onValue={setCode} error={errors.code} hint="Letters, digits, - and _ (e.g. CHERY). Dealerships use it." />
      <TextField label="Name" required value={name} onValue={setName} error={errors.name} />
      <CheckboxField label="Active" checked={active} onValue={setActive} />
    </WizardDialog>
  );
}
