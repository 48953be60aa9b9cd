import { useState } from "react";
import { DataTable, TextField, WizardDialog, useAsync, useToast } from "@crm/ui-kit";
import { type Brand, api, errorMessage } from "../api";
import { type FieldErrors, submitForm } from "@crm/ui-kit";
import { useReferenceData } from "../reference-data";
import { ActiveBadge, Section } from "./section";

/** Brands: the code must match the BPO's brand code, or endorsements of that brand are refused (dealer-2). */
export function BrandsSection() {
  const toast = useToast();
  const ref = useReferenceData();
  const state = useAsync((signal) => api<{ brands: Brand[] }>("/api/brands?includeInactive=true", { signal }), []);
  const [editing, setEditing] = useState<Brand | "new" | null>(null);
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const open = (b: Brand | "new") => {
    setEditing(b);
    setCode(b === "new" ? "" : b.code);
    setName(b === "new" ? "" : b.name);
    setErrors({});
  };
  const done = () => {
    state.reload();
    ref.reload();
  };
  const toggle = async (b: Brand) => {
    try {
      await api(`/api/brands/${b.id}`, { method: "PATCH", body: { active: !b.active } });
      toast.show(`${b.name} ${b.active ? "archived" : "restored"}.`, "success");
      done();
    } catch (e) {
      toast.show(errorMessage(e), "error");
    }
  };
  return (
    <Section
      title="Brands"
      intro="Every brand the BPO may endorse needs the same code here, or the push fails with “brand code not configured”."
      action={
        <button type="button" className="uk-button" onClick={() => open("new")}>
          New brand
        </button>
      }
      state={state}
      render={(d) => (
        <DataTable
          label="Brands"
          rows={d.brands}
          rowKey={(b) => b.id}
          emptyText="No brands yet. Add the brands the BPO endorses."
          columns={[
            { key: "code", header: "Code", render: (b) => <code>{b.code}</code> },
            { key: "name", header: "Name", render: (b) => b.name },
            { key: "active", header: "Status", render: (b) => <ActiveBadge active={b.active} /> },
            {
              key: "actions",
              header: "Actions",
              render: (b) => (
                <span className="row-actions">
                  <button type="button" className="uk-button uk-button--secondary" onClick={() => open(b)} aria-label={`Edit ${b.name}`}>
                    Edit
                  </button>
                  <button type="button" className="uk-button uk-button--secondary" onClick={() => void toggle(b)} aria-label={`${b.active ? "Archive" : "Restore"} ${b.name}`}>
                    {b.active ? "Archive" : "Restore"}
                  </button>
                </span>
              ),
            },
          ]}
        />
      )}
    >
      <WizardDialog
        open={editing !== null}
        title={editing === "new" ? "New brand" : `Edit ${editing?.name ?? ""}`}
        submitLabel="Save"
        onClose={() => setEditing(null)}
        onSubmit={() =>
          submitForm(
            () => ({ ...(code.trim() ? {} : { code: "Code is required" }), ...(name.trim() ? {} : { name: "Name is required" }) }),
            setErrors,
            async () => {
              const body = { code: code.trim(), name: name.trim() };
              if (editing === "new") await api("/api/brands", { method: "POST", body });
              else if (editing) await api(`/api/brands/${editing.id}`, { method: "PATCH", body });
              toast.show(`Brand ${body.name} saved.`, "success");
              done();
            },
          )
        }
      >
        <TextField label="Code" required value={code} onValue={setCode} error={errors.code} hint="As on the BPO, e.g. CHERY" />
        <TextField label="Name" required value={name} onValue={setName} error={errors.name} />
      </WizardDialog>
    </Section>
  );
}
