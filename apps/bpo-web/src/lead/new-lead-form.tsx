import { type FormEvent, useState } from "react";
import { CheckboxField, Link, PageHeader, UnsavedChangesGuard, navigate, useCameFrom, useNavSection, useToast } from "@crm/ui-kit";
import { type LeadView, api } from "../api";
import { type DraftKey, EMPTY_DRAFT, type FieldErrors, type LeadDraft, toPayload, validateDraft } from "./lead-draft";
import { LeadFields } from "./lead-fields";
import { FIELDS_NEED_ATTENTION, fieldErrorsOf, formBannerOf } from "@crm/ui-kit";
import { type Catalog, dealershipsOf, modelsOf } from "./use-catalog";

/** The code the Source picker starts on (bpo-3: pre-selected and visible; the API has no default). */
const PRESELECTED_SOURCE_CODE = "inbound_call";

/** Manual intake (bpo-1): Customer Name, Mobile, Interested Brand and Source are required; the rest when known. */
export function NewLeadForm({ catalog }: { catalog: Catalog }) {
  const toast = useToast();
  const [initial] = useState<LeadDraft>(() => {
    const source = catalog.sources.find((s) => s.active && s.code === PRESELECTED_SOURCE_CODE);
    return { ...EMPTY_DRAFT, sourceId: source ? String(source.id) : "" };
  });
  const [draft, setDraft] = useState<LeadDraft>(initial);
  const [claim, setClaim] = useState(true);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // New lead stays under the menu item it was opened from (Open Leads unless My Pipeline said otherwise).
  const from = useCameFrom() === "/pipeline" ? "/pipeline" : "/";
  useNavSection(from);

  const change = (key: DraftKey, value: string | boolean) => setDraft((d) => withBrandRules(catalog, { ...d, [key]: value }, key));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local = validateDraft(draft);
    setErrors(local);
    if (Object.keys(local).length) {
      setError(FIELDS_NEED_ATTENTION);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const created = await api<LeadView>("/api/leads", { method: "POST", body: { ...toPayload(draft, null), claim } });
      toast.show(`Lead ${created.reference} created${claim ? " and claimed" : ""}.`, "success");
      navigate(`/leads/${created.id}`, { replace: true, force: true });
    } catch (err) {
      const fields = fieldErrorsOf(err);
      setErrors(fields);
      setError(formBannerOf(err, fields));
      setSaving(false);
    }
  };

  return (
    <form className="lead-page" onSubmit={(e) => void submit(e)} noValidate aria-label="New lead">
      <UnsavedChangesGuard when={!saving && JSON.stringify(draft) !== JSON.stringify(initial)} what="the new lead" />
      <nav className="lead-crumbs" aria-label="Breadcrumb">
        <Link to={from}>{from === "/" ? "Open Leads" : "My Pipeline"}</Link> <span aria-hidden="true">/</span> <span>New lead</span>
      </nav>
      <PageHeader
        title="New lead"
        subtitle="Walk-ins, inbound calls and other channels not wired to a distributor. Never deduplicated."
        actions={
          <>
            <Link to={from} className="uk-button uk-button--secondary lead-linklike">
              Cancel
            </Link>
            <button type="submit" className="uk-button" disabled={saving}>
              {saving ? "Creating…" : "Create lead"}
            </button>
          </>
        }
      />
      {error && (
        <p className="lead-alert lead-alert--error" role="alert">
          {error}
        </p>
      )}
      <div className="lead-new-claim">
        <CheckboxField label="Claim it: the lead goes to my pipeline (otherwise it waits in Open Leads)" checked={claim} onValue={setClaim} />
      </div>
      <LeadFields draft={draft} onChange={change} errors={errors} catalog={catalog} lead={null} readOnly={false} />
    </form>
  );
}

/** A model or dealership of another brand cannot stay once the brand changes (the server refuses it). */
export function withBrandRules(catalog: Catalog, d: LeadDraft, changed: DraftKey): LeadDraft {
  if (changed !== "brandId") return d;
  const brandId = d.brandId ? Number(d.brandId) : null;
  const next = { ...d };
  if (d.vehicleModelId && !modelsOf(catalog, brandId).some((m) => String(m.id) === d.vehicleModelId)) next.vehicleModelId = "";
  if (d.dealershipId && !dealershipsOf(catalog, brandId).some((x) => String(x.id) === d.dealershipId)) next.dealershipId = "";
  return next;
}
