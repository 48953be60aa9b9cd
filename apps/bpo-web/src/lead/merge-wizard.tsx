import { useEffect, useRef, useState } from "react";
import { LEAD_MERGE_FIELDS, type LeadMergeField, type LeadMergeRequest } from "@crm/contracts";
import { ComboboxField, type ComboboxOption, WizardDialog, queryString } from "@crm/ui-kit";
import { type LeadListPage, type LeadView, type User, api, errorMessage } from "../api";
import { FINANCING_TYPES, PRIORITIES, labelOf } from "./lead-labels";
import { seesAllLeads } from "./lead-rules";
import type { Catalog } from "./use-catalog";

const FIELDS = Object.keys(LEAD_MERGE_FIELDS) as LeadMergeField[];
/** Always shown side by side, so the user sees which customer each lead is even when they agree. */
const IDENTITY: LeadMergeField[] = ["contactName", "mobile", "email"];
/** As the server counts it: only a non-empty value of the duplicate can win. */
const isEmpty = (v: unknown) => v === null || v === undefined || v === "";

type Step = "choose" | "confirm";

interface Props {
  user: User;
  /** The lead whose form is open: the duplicate, archived by the merge. */
  lead: LeadView;
  catalog: Catalog;
  open: boolean;
  onClose(): void;
  /** The kept lead as the merge answered it. */
  onDone(kept: LeadView): void;
}

/**
 * Merge into… (issue 16 part 2, Odoo's merge wizard): pick the lead to keep with the lead search, compare both
 * side by side, choose per field which non-empty value wins, confirm. The server moves chatter, call logs,
 * activities and distributor origins and archives this lead; its refusals show here.
 */
export function MergeWizard({ user, lead, catalog, open, onClose, onDone }: Props) {
  const [picked, setPicked] = useState<ComboboxOption | null>(null);
  const [kept, setKept] = useState<LeadView | null>(null);
  const [take, setTake] = useState<Set<LeadMergeField>>(new Set());
  const [step, setStep] = useState<Step>("choose");
  const [error, setError] = useState<string | null>(null);
  // Live refreshes replace the lead object: they must not reset a comparison the user is making.
  const leadRef = useRef(lead);
  leadRef.current = lead;

  useEffect(() => {
    setKept(null);
    setStep("choose");
    if (!picked) return;
    const ctrl = new AbortController();
    api<LeadView>(`/api/leads/${picked.id}`, { signal: ctrl.signal }).then(
      (k) => {
        setKept(k);
        // Odoo's default: the kept lead's values, except where it has none and this lead has one.
        setTake(new Set(FIELDS.filter((f) => !isEmpty(leadRef.current[f]) && isEmpty(k[f]))));
      },
      (e: unknown) => !ctrl.signal.aborted && setError(errorMessage(e)),
    );
    return () => ctrl.abort();
  }, [picked]);

  const search = async (text: string, signal: AbortSignal): Promise<ComboboxOption[]> => {
    const page = await api<LeadListPage>(`/api/leads${queryString({ q: text.trim(), brandId: lead.brandId, limit: 20 })}`, { signal });
    return page.rows
      .filter((r) => r.id !== lead.id && r.active && !r.restricted && (seesAllLeads(user) || r.userId === user.id))
      .map((r) => ({ id: r.id, label: `${r.reference} ${r.contactName}`, detail: [r.mobile, r.email, r.stageName, r.userName ?? "Unclaimed"].filter(Boolean).join(" · ") }));
  };

  const shown = (l: LeadView, f: LeadMergeField): string => {
    const v = l[f];
    if (isEmpty(v)) return "—";
    if (f === "dealershipId") return catalog.dealerships.find((d) => d.id === v)?.name ?? (l.dealership?.name ?? `#${String(v)}`);
    if (f === "vehicleModelId") return catalog.vehicleModels.find((m) => m.id === v)?.name ?? (l.vehicleModel?.name ?? `#${String(v)}`);
    if (f === "financingType") return labelOf(FINANCING_TYPES, v as string) ?? String(v);
    if (f === "priority") return labelOf(PRIORITIES, v as number) ?? String(v);
    if (typeof v === "boolean") return v ? "Yes" : "No";
    return String(v);
  };

  const rows = kept ? FIELDS.filter((f) => IDENTITY.includes(f) || shown(lead, f) !== shown(kept, f)) : [];
  const choose = (f: LeadMergeField, fromDuplicate: boolean) =>
    setTake((s) => {
      const next = new Set(s);
      if (fromDuplicate) next.add(f);
      else next.delete(f);
      return next;
    });
  // Only choices that change something are sent (an identical value taken would be a no-op).
  const taken = kept ? FIELDS.filter((f) => take.has(f) && !isEmpty(lead[f]) && shown(lead, f) !== shown(kept, f)) : [];

  const submit = async (): Promise<void | "stay"> => {
    if (!kept) return "stay";
    if (step === "choose") {
      setStep("confirm");
      return "stay";
    }
    try {
      const body: LeadMergeRequest = { intoId: kept.id, take: taken };
      onDone(await api<LeadView>(`/api/leads/${lead.id}/merge`, { method: "POST", body }));
    } catch (err) {
      // The refusal shows under the comparison, where the user can pick another lead.
      setStep("choose");
      throw err;
    }
  };

  return (
    <WizardDialog
      open={open}
      title={`Merge ${lead.reference} into…`}
      submitLabel={step === "confirm" && kept ? `Merge into ${kept.reference}` : "Review merge"}
      danger={step === "confirm"}
      onClose={onClose}
      onSubmit={submit}
      canSubmit={kept !== null}
      blockedReason="Pick the lead to keep first."
    >
      <div className="lead-merge">
        {step === "choose" ? (
          <>
            <p className="lead-wizard-text">
              Pick the lead to keep. {lead.reference} ({lead.contactName}) is archived with a link to it; its chatter, call logs, activities and distributor origins move there.
            </p>
            <ComboboxField
              label="Lead to keep"
              value={picked}
              onSelect={setPicked}
              search={search}
              placeholder="Mobile, e-mail, name or LEAD/…"
              hint={`Leads of ${lead.brand.name}${seesAllLeads(user) ? "" : " that you hold"}`}
            />
            {picked && !kept && !error && <p className="lead-wizard-text">Loading {picked.label}…</p>}
            {kept && (
              <table className="lead-merge__table" aria-label="Both leads side by side">
                <thead>
                  <tr>
                    <th scope="col">Field</th>
                    <th scope="col">{kept.reference} (kept)</th>
                    <th scope="col">{lead.reference} (archived)</th>
                  </tr>
                </thead>
                <tbody>
                  {rows.map((f) => {
                    const label = LEAD_MERGE_FIELDS[f];
                    const choice = !isEmpty(lead[f]) && shown(lead, f) !== shown(kept, f);
                    const fromDup = take.has(f);
                    return (
                      <tr key={f} role={choice ? "radiogroup" : undefined} aria-label={choice ? `${label} to keep` : undefined}>
                        <th scope="row">{label}</th>
                        <td className={choice && !fromDup ? "lead-merge__win" : undefined}>
                          {choice ? (
                            <label>
                              <input type="radio" name={`merge-${f}`} checked={!fromDup} onChange={() => choose(f, false)} aria-label={`${label}: ${shown(kept, f)} (kept lead)`} /> {shown(kept, f)}
                            </label>
                          ) : (
                            shown(kept, f)
                          )}
                        </td>
                        <td className={choice && fromDup ? "lead-merge__win" : undefined}>
                          {choice ? (
                            <label>
                              <input type="radio" name={`merge-${f}`} checked={fromDup} onChange={() => choose(f, true)} aria-label={`${label}: ${shown(lead, f)} (${lead.reference})`} /> {shown(lead, f)}
                            </label>
                          ) : (
                            shown(lead, f)
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
            {kept && <p className="uk-field__hint">Fields not listed are the same on both leads. Only a non-empty value can win.</p>}
          </>
        ) : (
          kept && (
            <div className="lead-merge__confirm" role="region" aria-label="Confirm the merge">
              <p className="lead-wizard-text">
                Merge {lead.reference} ({lead.contactName}) into {kept.reference} ({kept.contactName})?
              </p>
              <ul>
                <li>{taken.length ? `Taken from ${lead.reference}: ${taken.map((f) => LEAD_MERGE_FIELDS[f]).join(", ")}.` : `${kept.reference} keeps all its values.`}</li>
                <li>Chatter, call logs, activities and distributor origins move to {kept.reference}.</li>
                <li>{lead.reference} is archived with a link to {kept.reference}. This cannot be undone.</li>
              </ul>
            </div>
          )
        )}
        {error && (
          <p className="uk-wizard__error" role="alert">
            {error}
          </p>
        )}
        {step === "confirm" && (
          <button type="button" className="uk-button uk-button--secondary lead-merge__back" onClick={() => setStep("choose")}>
            Back to the comparison
          </button>
        )}
      </div>
    </WizardDialog>
  );
}
