import { useState } from "react";
import { DataTable, TextField, WizardDialog, useAsync, useToast } from "@crm/ui-kit";
import { type LeadSource, type LostReason, api, errorMessage } from "../api";
import { type FieldErrors, submitForm } from "@crm/ui-kit";
import { useReferenceData } from "../reference-data";
import { ActiveBadge, Section } from "./section";

type Row = (LeadSource | LostReason) & { manual?: boolean };

const KINDS = {
  "lost-reasons": {
    title: "Lost reasons",
    noun: "lost reason",
    intro: "The reasons a salesperson picks in the Mark Lost wizard (sent to the BPO with the outcome).",
    key: "lostReasons",
  },
  "lead-sources": {
    title: "Lead sources",
    noun: "lead source",
    intro: "Where manual leads come from (Walk-In, Inbound Call, Referral…). Endorsement sources are stamped only by the BPO push.",
    key: "sources",
  },
} as const;

/** Lost reasons and lead sources: the same small code / name / order lists. */
export function CodeListSection({ kind }: { kind: keyof typeof KINDS }) {
  const k = KINDS[kind];
  const toast = useToast();
  const ref = useReferenceData();
  const state = useAsync(async (signal) => {
    const res = await api<Record<string, Row[]>>(`/api/${kind}?includeInactive=true`, { signal });
    return res[k.key] ?? [];
  }, [kind]);
  const [editing, setEditing] = useState<Row | "new" | null>(null);
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  const [sequence, setSequence] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const open = (r: Row | "new") => {
    setEditing(r);
    setCode(r === "new" ? "" : r.code);
    setName(r === "new" ? "" : r.name);
    setSequence(r === "new" ? "" : String(r.sequence));
    setErrors({});
  };
  const done = () => {
    state.reload();
    ref.reload();
  };
  const toggle = async (r: Row) => {
    try {
      await api(`/api/${kind}/${r.id}`, { method: "PATCH", body: { active: !r.active } });
      toast.show(`${r.name} ${r.active ? "archived" : "restored"}.`, "success");
      done();
    } catch (e) {
      toast.show(errorMessage(e), "error");
    }
  };
  const validate = () => {
    const e: FieldErrors = {};
    if (editing === "new" && !/^[a-z0-9_]{1,40}$/.test(code.trim())) e.code = "Code may contain a-z, 0-9 and _ (at most 40)";
    if (!name.trim()) e.name = "Name is required";
    if (sequence.trim() !== "" && !/^\d+$/.test(sequence.trim())) e.sequence = "Order is a whole number";
    return e;
  };
  return (
    <Section
      title={k.title}
      intro={k.intro}
      action={
        <button type="button" className="uk-button" onClick={() => open("new")}>
          New {k.noun}
        </button>
      }
      state={state}
      render={(rows) => (
        <DataTable
          label={k.title}
          rows={rows}
          rowKey={(r) => r.id}
          emptyText={`No ${k.noun}s yet.`}
          columns={[
            { key: "seq", header: "Order", numeric: true, render: (r) => r.sequence },
            { key: "code", header: "Code", render: (r) => <code>{r.code}</code> },
            { key: "name", header: "Name", render: (r) => r.name },
            ...(kind === "lead-sources" ? [{ key: "manual", header: "Picked by", render: (r: Row) => (r.manual ? "Salespeople" : "BPO push only") }] : []),
            { key: "active", header: "Status", render: (r) => <ActiveBadge active={r.active} /> },
            {
              key: "actions",
              header: "Actions",
              render: (r) => (
                <span className="row-actions">
                  <button type="button" className="uk-button uk-button--secondary" onClick={() => open(r)} aria-label={`Edit ${r.name}`}>
                    Edit
                  </button>
                  <button type="button" className="uk-button uk-button--secondary" onClick={() => void toggle(r)} aria-label={`${r.active ? "Archive" : "Restore"} ${r.name}`}>
                    {r.active ? "Archive" : "Restore"}
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
        title={editing === "new" ? `New ${k.noun}` : `Edit ${editing?.name ?? ""}`}
        submitLabel="Save"
        onClose={() => setEditing(null)}
        onSubmit={() =>
          submitForm(validate, setErrors, async () => {
            const seq = sequence.trim() === "" ? {} : { sequence: Number(sequence) };
            if (editing === "new") await api(`/api/${kind}`, { method: "POST", body: { code: code.trim(), name: name.trim(), ...seq } });
            else if (editing) await api(`/api/${kind}/${editing.id}`, { method: "PATCH", body: { name: name.trim(), ...seq } });
            toast.show(`${name.trim()} saved.`, "success");
            done();
          })
        }
      >
        {editing === "new" ? (
          <TextField label="Code" required value={code} onValue={setCode} error={errors.code} hint="a-z, 0-9 and _, e.g. price_too_high" />
        ) : (
          <p className="uk-muted">
            Code: <code>{editing?.code}</code> (fixed)
          </p>
        )}
        <TextField label="Name" required value={name} onValue={setName} error={errors.name} />
        <TextField label="Order" type="number" min={0} step={1} value={sequence} onValue={setSequence} error={errors.sequence} hint="Lower comes first in the lists" />
      </WizardDialog>
    </Section>
  );
}
