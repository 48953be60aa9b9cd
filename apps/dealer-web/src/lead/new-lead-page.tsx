import { type FormEvent, useState } from "react";
import { Link, PageHeader, UnsavedChangesGuard, navigate, useDocumentTitle, useToast } from "@crm/ui-kit";
import { type Lead, type User, api } from "../api";
import { FIELDS_NEED_ATTENTION, type FieldErrors, fieldErrorsOf, formBannerOf } from "@crm/ui-kit";
import { createBody, emptyDraft, validateDraft } from "./lead-draft";
import { LeadFields } from "./lead-fields";

/** Manual intake (dealer-2): walk-ins, phone enquiries. Customer Name, Mobile and Brand are required; starts in New. */
export function NewLeadPage({ user }: { user: User }) {
  useDocumentTitle("New lead", "Dealer CRM");
  const toast = useToast();
  const [draft, setDraft] = useState(() => emptyDraft(user.id));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local = validateDraft(draft);
    setErrors(local);
    if (Object.keys(local).length > 0) {
      setError(FIELDS_NEED_ATTENTION);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const lead = await api<Lead>("/api/leads", { method: "POST", body: createBody(draft) });
      toast.show(`Lead ${lead.reference} created.`, "success");
      navigate(`/leads/${lead.id}`, { force: true });
    } catch (err) {
      const fields = fieldErrorsOf(err);
      setErrors(fields);
      setError(formBannerOf(err, fields));
      setBusy(false);
    }
  };

  return (
    <form onSubmit={(e) => void submit(e)} noValidate className="lead-form">
      <UnsavedChangesGuard when={!busy && JSON.stringify(draft) !== JSON.stringify(emptyDraft(user.id))} what="the new lead" />
      <PageHeader
        title="New lead"
        subtitle="A walk-in, showroom visitor or phone enquiry. It starts in New."
        actions={
          <>
            <Link to="/" className="uk-button uk-button--secondary">
              Cancel
            </Link>
            <button type="submit" className="uk-button" disabled={busy}>
              {busy ? "Saving…" : "Save"}
            </button>
          </>
        }
      />
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <LeadFields draft={draft} onChange={(p) => setDraft((d) => ({ ...d, ...p }))} errors={errors} user={user} lead={null} />
    </form>
  );
}
