import { type FormEvent, useEffect, useState } from "react";
import { DataTable, useAsync, useToast } from "@crm/ui-kit";
import { type Product, type SaleOrder, api, errorMessage } from "../api";
import { type FieldErrors, fieldErrorsOf } from "@crm/ui-kit";
import { formatMoney } from "../format";

interface LineDraft {
  key: number;
  productId: string;
  description: string;
  quantity: string;
  /** Empty = the product's list price (the server fills it in). */
  unitPrice: string;
}

let keySeq = 0;
const draftOf = (o: SaleOrder): LineDraft[] =>
  o.lines.map((l) => ({ key: ++keySeq, productId: String(l.productId), description: l.description, quantity: String(l.quantity), unitPrice: String(l.unitPrice) }));

/** The order lines: a read-only table once confirmed; while a draft quotation, an editor saved with PUT …/lines. */
export function OrderLines({ order, editable, brandId, onSaved }: { order: SaleOrder; editable: boolean; brandId: number | null; onSaved(o: SaleOrder): void }) {
  if (!editable) {
    return (
      <section aria-labelledby="lines-title">
        <h2 id="lines-title" className="uk-section-title">
          Order lines
        </h2>
        <DataTable
          label="Order lines"
          rows={order.lines}
          rowKey={(l) => l.id}
          emptyText="No lines."
          columns={[
            { key: "product", header: "Product", render: (l) => l.productName },
            { key: "desc", header: "Description", render: (l) => l.description },
            { key: "qty", header: "Quantity", numeric: true, render: (l) => l.quantity },
            { key: "price", header: "Unit price", numeric: true, render: (l) => formatMoney(l.unitPrice) },
            { key: "subtotal", header: "Subtotal", numeric: true, render: (l) => formatMoney(l.subtotal) },
          ]}
        />
        <p className="order-total">Total: {formatMoney(order.amountTotal)}</p>
      </section>
    );
  }
  return <LinesEditor order={order} brandId={brandId} onSaved={onSaved} />;
}

function LinesEditor({ order, brandId, onSaved }: { order: SaleOrder; brandId: number | null; onSaved(o: SaleOrder): void }) {
  const toast = useToast();
  const products = useAsync((signal) => api<{ products: Product[] }>(`/api/products${brandId ? `?brandId=${brandId}` : ""}`, { signal }), [brandId]);
  const [lines, setLines] = useState<LineDraft[]>(() => draftOf(order));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => setLines(draftOf(order)), [order]);

  const list = products.data?.products ?? [];
  const byId = new Map(list.map((p) => [String(p.id), p]));
  const set = (key: number, p: Partial<LineDraft>) => setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...p } : l)));
  const price = (l: LineDraft) => (l.unitPrice.trim() === "" ? (byId.get(l.productId)?.listPrice ?? 0) : Number(l.unitPrice));
  const total = lines.reduce((n, l) => n + (Number(l.quantity) || 0) * (price(l) || 0), 0);
  const dirty = JSON.stringify(lines.map(({ key: _k, ...l }) => l)) !== JSON.stringify(draftOf(order).map(({ key: _k, ...l }) => l));

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const local: FieldErrors = {};
    lines.forEach((l, i) => {
      if (!l.productId) local[`lines.${i}.productId`] = "Pick a product";
      if (!/^\d+$/.test(l.quantity.trim()) || Number(l.quantity) < 1) local[`lines.${i}.quantity`] = "Quantity must be at least 1";
      if (l.unitPrice.trim() !== "" && !(Number(l.unitPrice) >= 0)) local[`lines.${i}.unitPrice`] = "Unit price cannot be negative";
    });
    if (lines.length === 0) local.lines = "An order needs at least one line";
    setErrors(local);
    if (Object.keys(local).length > 0) {
      setError(local.lines ?? "Some lines need attention.");
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const body = {
        lines: lines.map((l) => ({
          productId: Number(l.productId),
          ...(l.description.trim() ? { description: l.description.trim() } : {}),
          quantity: Number(l.quantity),
          ...(l.unitPrice.trim() !== "" ? { unitPrice: Number(l.unitPrice) } : {}),
        })),
      };
      onSaved(await api<SaleOrder>(`/api/sale-orders/${order.id}/lines`, { method: "PUT", body }));
      toast.show(`${order.name} lines saved.`, "success");
    } catch (err) {
      setErrors(fieldErrorsOf(err));
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form onSubmit={(e) => void save(e)} noValidate aria-labelledby="lines-title" className="lines-editor">
      <h2 id="lines-title" className="uk-section-title">
        Order lines <span className="uk-muted lines-editor__hint">(editable while this is a quotation)</span>
      </h2>
      {products.status === "error" && (
        <p className="form-error" role="alert">
          Could not load the products: {products.error}{" "}
          <button type="button" className="uk-button uk-button--secondary" onClick={products.reload}>
            Try again
          </button>
        </p>
      )}
      <div className="uk-table-wrap">
        <table className="uk-table" aria-label="Order lines">
          <thead>
            <tr>
              <th scope="col">Product</th>
              <th scope="col">Description</th>
              <th scope="col" className="uk-num">
                Quantity
              </th>
              <th scope="col" className="uk-num">
                Unit price
              </th>
              <th scope="col" className="uk-num">
                Subtotal
              </th>
              <th scope="col">
                <span className="uk-visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {lines.length === 0 && (
              <tr>
                <td colSpan={6} className="uk-table__empty">
                  No lines. Add one below.
                </td>
              </tr>
            )}
            {lines.map((l, i) => {
              const err = (f: string) => errors[`lines.${i}.${f}`];
              const n = i + 1;
              return (
                <tr key={l.key}>
                  <td>
                    <select className="uk-input" aria-label={`Line ${n} product`} value={l.productId} aria-invalid={err("productId") ? true : undefined} onChange={(e) => set(l.key, { productId: e.target.value, unitPrice: "" })}>
                      <option value="">Pick a product</option>
                      {list.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.name} [{p.defaultCode}]
                        </option>
                      ))}
                      {l.productId && !byId.has(l.productId) && <option value={l.productId}>{order.lines.find((x) => String(x.productId) === l.productId)?.productName ?? `Product ${l.productId}`}</option>}
                    </select>
                    {err("productId") && <p className="uk-field__error">{err("productId")}</p>}
                  </td>
                  <td>
                    <input className="uk-input" aria-label={`Line ${n} description`} value={l.description} placeholder={byId.get(l.productId)?.name ?? ""} onChange={(e) => set(l.key, { description: e.target.value })} />
                  </td>
                  <td className="uk-num">
                    <input className="uk-input lines-editor__num" aria-label={`Line ${n} quantity`} type="number" min={1} step={1} value={l.quantity} aria-invalid={err("quantity") ? true : undefined} onChange={(e) => set(l.key, { quantity: e.target.value })} />
                    {err("quantity") && <p className="uk-field__error">{err("quantity")}</p>}
                  </td>
                  <td className="uk-num">
                    <input
                      className="uk-input lines-editor__num"
                      aria-label={`Line ${n} unit price`}
                      type="number"
                      min={0}
                      step="0.01"
                      value={l.unitPrice}
                      placeholder={byId.get(l.productId) ? String(byId.get(l.productId)!.listPrice) : "List price"}
                      onChange={(e) => set(l.key, { unitPrice: e.target.value })}
                    />
                    {err("unitPrice") && <p className="uk-field__error">{err("unitPrice")}</p>}
                  </td>
                  <td className="uk-num">{formatMoney((Number(l.quantity) || 0) * (price(l) || 0))}</td>
                  <td>
                    <button type="button" className="uk-button uk-button--secondary" aria-label={`Remove line ${n}`} onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))}>
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="order-total">Total: {formatMoney(total)}</p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-footer">
        <button type="button" className="uk-button uk-button--secondary" onClick={() => setLines((ls) => [...ls, { key: ++keySeq, productId: "", description: "", quantity: "1", unitPrice: "" }])}>
          Add a line
        </button>
        <button type="button" className="uk-button uk-button--secondary" disabled={!dirty || saving} onClick={() => setLines(draftOf(order))}>
          Discard
        </button>
        <button type="submit" className="uk-button" disabled={!dirty || saving}>
          {saving ? "Saving…" : "Save lines"}
        </button>
      </div>
    </form>
  );
}
