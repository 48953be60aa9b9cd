import { useState } from "react";
import { DataTable, SelectField, TextField, WizardDialog, useAsync, useToast } from "@crm/ui-kit";
import { ROLE_LABEL, type User, type UserRecord, api, errorMessage } from "../api";
import { type FieldErrors, submitForm } from "@crm/ui-kit";
import { useReferenceData } from "../reference-data";
import { ActiveBadge, Section } from "./section";

const ROLES = ["dealer_user", "dealer_manager", "dealer_admin", "service_account"] as const;

interface Draft {
  login: string;
  name: string;
  email: string;
  role: string;
  password: string;
}

/** People of the dealership (Dealer User / Manager / Admin) and the service account the BPO calls in with. */
export function UsersSection({ user }: { user: User }) {
  const toast = useToast();
  const ref = useReferenceData();
  const state = useAsync((signal) => api<{ users: UserRecord[] }>("/api/users", { signal }), []);
  const [editing, setEditing] = useState<UserRecord | "new" | null>(null);
  const [draft, setDraft] = useState<Draft>({ login: "", name: "", email: "", role: "dealer_user", password: "" });
  const [errors, setErrors] = useState<FieldErrors>({});
  const open = (u: UserRecord | "new") => {
    setEditing(u);
    setDraft(u === "new" ? { login: "", name: "", email: "", role: "dealer_user", password: "" } : { login: u.login, name: u.name, email: u.email ?? "", role: u.role, password: "" });
    setErrors({});
  };
  const done = () => {
    state.reload();
    ref.reload();
  };
  const toggle = async (u: UserRecord) => {
    try {
      await api(`/api/users/${u.id}`, { method: "PATCH", body: { active: !u.active } });
      toast.show(`${u.name} ${u.active ? "deactivated" : "reactivated"}.`, "success");
      done();
    } catch (e) {
      toast.show(errorMessage(e), "error");
    }
  };
  const isNew = editing === "new";
  const service = draft.role === "service_account";
  const validate = () => {
    const e: FieldErrors = {};
    if (isNew && !draft.login.trim()) e.login = "Login is required";
    if (!draft.name.trim()) e.name = "Name is required";
    if (isNew && !service && draft.password.length < 10) e.password = "Password must be at least 10 characters";
    if (!isNew && draft.password && draft.password.length < 10) e.password = "Password must be at least 10 characters";
    return e;
  };
  return (
    <Section
      title="Users"
      intro="Dealer Users work their own leads, Managers any lead, Admins also configure. Service accounts never log in; they call /rpc with a service key."
      action={
        <button type="button" className="uk-button" onClick={() => open("new")}>
          New user
        </button>
      }
      state={state}
      render={(d) => (
        <DataTable
          label="Users"
          rows={d.users}
          rowKey={(u) => u.id}
          emptyText="No users."
          columns={[
            { key: "name", header: "Name", render: (u) => u.name },
            { key: "login", header: "Login", render: (u) => <code>{u.login}</code> },
            { key: "email", header: "Email", render: (u) => u.email ?? <span className="uk-muted">—</span> },
            { key: "role", header: "Role", render: (u) => ROLE_LABEL[u.role] ?? u.role },
            { key: "active", header: "Status", render: (u) => <ActiveBadge active={u.active} /> },
            {
              key: "actions",
              header: "Actions",
              render: (u) => (
                <span className="row-actions">
                  <button type="button" className="uk-button uk-button--secondary" onClick={() => open(u)} aria-label={`Edit ${u.name}`}>
                    Edit
                  </button>
                  {u.id !== user.id && (
                    <button type="button" className="uk-button uk-button--secondary" onClick={() => void toggle(u)} aria-label={`${u.active ? "Deactivate" : "Reactivate"} ${u.name}`}>
                      {u.active ? "Deactivate" : "Reactivate"}
                    </button>
                  )}
                </span>
              ),
            },
          ]}
        />
      )}
    >
      <WizardDialog
        open={editing !== null}
        title={isNew ? "New user" : `Edit ${typeof editing === "object" && editing ? editing.name : ""}`}
        submitLabel="Save"
        onClose={() => setEditing(null)}
        onSubmit={() =>
          submitForm(validate, setErrors, async () => {
            const email = draft.email.trim() || null;
            if (isNew) {
              await api("/api/users", {
                method: "POST",
                body: { login: draft.login.trim(), name: draft.name.trim(), email, role: draft.role, ...(draft.password ? { password: draft.password } : {}) },
              });
            } else if (editing) {
              await api(`/api/users/${editing.id}`, { method: "PATCH", body: { name: draft.name.trim(), email, ...(draft.password ? { password: draft.password } : {}) } });
            }
            toast.show(`${draft.name.trim()} saved.`, "success");
            done();
          })
        }
      >
        {isNew ? (
          <TextField label="Login" required autoComplete="off" value={draft.login} onValue={(v) => setDraft({ ...draft, login: v })} error={errors.login} />
        ) : (
          <p className="uk-muted">
            Login: <code>{draft.login}</code> · {ROLE_LABEL[draft.role] ?? draft.role}
          </p>
        )}
        <TextField label="Name" required value={draft.name} onValue={(v) => setDraft({ ...draft, name: v })} error={errors.name} />
        <TextField label="Email" type="email" value={draft.email} onValue={(v) => setDraft({ ...draft, email: v })} error={errors.email} />
        {isNew && <SelectField label="Role" required value={draft.role} onValue={(v) => setDraft({ ...draft, role: v })} options={ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r] ?? r }))} error={errors.role} />}
        {!service && (
          <TextField
            label={isNew ? "Password" : "New password"}
            required={isNew}
            type="password"
            autoComplete="new-password"
            value={draft.password}
            onValue={(v) => setDraft({ ...draft, password: v })}
            error={errors.password}
            hint={isNew ? "At least 10 characters" : "Leave empty to keep the current one; a new password signs the user out everywhere."}
          />
        )}
      </WizardDialog>
    </Section>
  );
}
