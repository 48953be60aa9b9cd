import { useState } from "react";
import { DataTable, SelectField, TextField, WizardDialog, useAsync, useToast } from "@crm/ui-kit";
import { type Brand, type Product, api, errorMessage } from "../api";
import { type FieldErrors, submitForm } from "@crm/ui-kit";
import { formatMoney } from "../format";
import { ActiveBadge, Section } from "./section";

interface Draft {
  brandId: string;
  defaultCode: string;
  name: string;
  listPrice: string;
}

/** Vehicles per brand: endorsed leads match their product by default code, so Convert to Quotation works. */
export function ProductsSection() {
  const toast = useToast();
  const state = useAsync(async (signal) => {
    const [p, b] = await Promise.all([api<{ products: Product[] }>("/api/products?includeInactive=true", { signal }), api<{ brands: Brand[] }>("/api/brands?includeInactive=true", { signal })]);
    return { products: p.products, brands: b.brands };
  }, []);
  const [brandFilter, setBrandFilter] = useState("");
  const [editing, setEditing] = useState<Product | "new" | null>(null);
  const [draft, setDraft] = useState<Draft>({ brandId: "", defaultCode: "", name: "", listPrice: "" });
  const [errors, setErrors] = useState<FieldErrors>({});
  const open = (p: Product | "new") => {
    setEditing(p);
    setDraft(p === "new" ? { brandId: brandFilter, defaultCode: "", name: "", listPrice: "" } : { brandId: String(p.brandId), defaultCode: p.defaultCode, name: p.name, listPrice: String(p.listPrice) });
    setErrors({});
  };
  const toggle = async (p: Product) => {
    try {
      await api(`/api/products/${p.id}`, { method: "PATCH", body: { active: !p.active } });
      toast.show(`${p.name} ${p.active ? "archived" : "restored"}.`, "success");
      state.reload();
    } catch (e) {
      toast.show(errorMessage(e), "error");
    }
  };
  const validate = () => {
    const e: FieldErrors = {};
    if (!draft.brandId) e.brandId = "Brand is required";
    if (!draft.defaultCode.trim()) e.defaultCode = "Internal reference is required";
    if (!draft.name.trim()) e.name = "Name is required";
    if (draft.listPrice.trim() !== "" && !(Number(draft.listPrice) >= 0)) e.listPrice = "List price must be a number, 0 or more";
    return e;
  };
  return (
    <Section
      title="Products"
      intro="The vehicles sold under each brand. The internal reference (default code) is what BPO endorsements match first."
      action={
        <button type="button" className="uk-button" onClick={() => open("new")}>
          New product
        </button>
      }
      state={state}
      render={(d) => {
        const brandName = (id: number) => d.brands.find((b) => b.id === id)?.name ?? `#${id}`;
        const rows = d.products.filter((p) => !brandFilter || String(p.brandId) === brandFilter);
        return (
          <>
            <div className="config-filter">
              <SelectField label="Show brand" value={brandFilter} onValue={setBrandFilter} options={d.brands.map((b) => ({ value: b.id, label: b.name }))} placeholder="All brands" />
            </div>
            <DataTable
              label="Products"
              rows={rows}
              rowKey={(p) => p.id}
              emptyText={d.brands.length === 0 ? "Add a brand first, then its vehicles." : "No products yet."}
              columns={[
                { key: "brand", header: "Brand", render: (p) => brandName(p.brandId) },
                { key: "code", header: "Internal reference", render: (p) => <code>{p.defaultCode}</code> },
                { key: "name", header: "Name", render: (p) => p.name },
                { key: "price", header: "List price", numeric: true, render: (p) => formatMoney(p.listPrice) },
                { key: "active", header: "Status", render: (p) => <ActiveBadge active={p.active} /> },
                {
                  key: "actions",
                  header: "Actions",
                  render: (p) => (
                    <span className="row-actions">
                      <button type="button" className="uk-button uk-button--secondary" onClick={() => open(p)} aria-label={`Edit ${p.name}`}>
                        Edit
                      </button>
                      <button type="button" className="uk-button uk-button--secondary" onClick={() => void toggle(p)} aria-label={`${p.active ? "Archive" : "Restore"} ${p.name}`}>
                        {p.active ? "Archive" : "Restore"}
                      </button>
                    </span>
                  ),
                },
              ]}
            />
            <WizardDialog
              open={editing !== null}
              title={editing === "new" ? "New product" : `Edit ${editing?.name ?? ""}`}
              submitLabel="Save"
              onClose={() => setEditing(null)}
              onSubmit={() =>
                submitForm(validate, setErrors, async () => {
                  const common = { defaultCode: draft.defaultCode.trim(), name: draft.name.trim(), ...(draft.listPrice.trim() !== "" ? { listPrice: Number(draft.listPrice) } : {}) };
                  if (editing === "new") await api("/api/products", { method: "POST", body: { brandId: Number(draft.brandId), ...common } });
                  else if (editing) await api(`/api/products/${editing.id}`, { method: "PATCH", body: common });
                  toast.show(`Product ${common.name} saved.`, "success");
                  state.reload();
                })
              }
            >
              <SelectField
                label="Brand"
                required
                value={draft.brandId}
                onValue={(v) => setDraft({ ...draft, brandId: v })}
                options={d.brands.filter((b) => b.active || String(b.id) === draft.brandId).map((b) => ({ value: b.id, label: b.name }))}
                placeholder="Pick a brand"
                disabled={editing !== "new"}
                hint={editing !== "new" ? "A product stays under its brand." : undefined}
                error={errors.brandId}
              />
              <TextField label="Internal reference" required value={draft.defaultCode} onValue={(v) => setDraft({ ...draft, defaultCode: v })} error={errors.defaultCode} hint="The default code, e.g. TIGGO7PRO" />
              <TextField label="Name" required value={draft.name} onValue={(v) => setDraft({ ...draft, name: v })} error={errors.name} />
              <TextField label="List price" type="number" min={0} step="0.01" value={draft.listPrice} onValue={(v) => setDraft({ ...draft, listPrice: v })} error={errors.listPrice} />
            </WizardDialog>
          </>
        );
      }}
    />
  );
}
