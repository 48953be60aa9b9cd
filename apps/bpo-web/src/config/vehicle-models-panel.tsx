import { useState } from "react";
import { Badge, CheckboxField, DataTable, ErrorState, TextField, WizardDialog, queryString, useAsync, useToast } from "@crm/ui-kit";
import { api } from "../api";
import { type FieldErrors, required, submitForm } from "./form-errors";
import type { VehicleModel } from "./types";

/** A brand's vehicle models: added by hand or by Sync Vehicle Models; archived ones stay for old leads. */
export function VehicleModelsPanel({ brandId, refreshKey }: { brandId: number; refreshKey: number }) {
  const toast = useToast();
  const list = useAsync(
    (signal) => api<{ vehicleModels: VehicleModel[] }>(`/api/vehicle-models${queryString({ brandId, includeInactive: true })}`, { signal }),
    [brandId, refreshKey],
  );
  const [editing, setEditing] = useState<VehicleModel | "new" | null>(null);
  return (
    <div className="cfg-panel">
      <div className="cfg-panel__head">
        <h3>Vehicle models</h3>
        <button type="button" className="uk-button uk-button--secondary" onClick={() => setEditing("new")}>
          New vehicle model
        </button>
      </div>
      {list.status === "error" && <ErrorState message={list.error} onRetry={list.reload} />}
      <DataTable
        label="Vehicle models of this brand"
        rows={list.data?.vehicleModels ?? []}
        loading={list.status === "loading"}
        rowKey={(m) => m.id}
        emptyText="No vehicle models yet. Add one, or use Sync Vehicle Models once the distributor connection works."
        columns={[
          { key: "name", header: "Name", render: (m) => m.name },
          { key: "code", header: "Code", render: (m) => (m.code ? <code>{m.code}</code> : <span className="uk-muted">—</span>) },
          { key: "active", header: "Status", render: (m) => (m.active ? <Badge tone="success">Active</Badge> : <Badge>Archived</Badge>) },
          {
            key: "edit",
            header: "Actions",
            render: (m) => (
              <button type="button" className="uk-button uk-button--secondary" aria-label={`Edit ${m.name}`} onClick={() => setEditing(m)}>
                Edit
              </button>
            ),
          },
        ]}
      />
      {editing !== null && (
        <VehicleModelDialog
          brandId={brandId}
          model={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(m) => {
            list.reload();
            toast.show(`Vehicle model "${m.name}" saved.`, "success");
          }}
        />
      )}
    </div>
  );
}

function VehicleModelDialog({ brandId, model, onClose, onSaved }: { brandId: number; model: VehicleModel | null; onClose(): void; onSaved(m: VehicleModel): void }) {
  const [name, setName] = useState(model?.name ?? "");
  const [code, setCode] = useState(model?.code ?? "");
  const [active, setActive] = useState(model?.active ?? true);
  const [errors, setErrors] = useState<FieldErrors>({});
  return (
    <WizardDialog
      open
      title={model ? `Edit ${model.name}` : "New vehicle model"}
      submitLabel={model ? "Save" : "Create"}
      onClose={onClose}
      onSubmit={() =>
        submitForm(
          () => {
            const e: FieldErrors = {};
            required(name, "Name is required", e, "name");
            return e;
          },
          setErrors,
          async () => {
            const body = { name: name.trim(), code: code.trim() || null, active };
            onSaved(
              model
                ? await api<VehicleModel>(`/api/vehicle-models/${model.id}`, { method: "PATCH", body })
                : await api<VehicleModel>("/api/vehicle-models", { method: "POST", body: { ...body, brandId } }),
            );
          },
        )
      }
    >
      <TextField label="Name" required value={name} onValue={setName} error={errors.name} />
      <TextField label="Code" value={code} onValue={setCode} error={errors.code} hint="Optional, e.g. the distributor's model code" />
      <CheckboxField label="Active" checked={active} onValue={setActive} />
    </WizardDialog>
  );
}
