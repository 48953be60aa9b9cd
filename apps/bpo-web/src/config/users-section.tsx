import { useState } from "react";
import { Badge, CheckboxField, DataTable, ErrorState, Loading, SelectField, TextField, WizardDialog, useAsync, useToast } from "@crm/ui-kit";
import { type User, api } from "../api";
import { type FieldErrors, required, submitForm } from "./form-errors";
import { SectionTitle } from "./section-title";
import type { ConfigUser } from "./types";

const ROLE_OPTIONS = [
  { value: "agent", label: "Agent" },
  { value: "supervisor", label: "Supervisor" },
  { value: "manager", label: "Manager" },
];
const ROLE_LABEL: Record<ConfigUser["role"], string> = { agent: "Agent", supervisor: "Supervisor", manager: "Manager" };
const MIN_PASSWORD = 10;

/** BPO users: Managers create them, change role, deactivate and reset passwords (which ends their sessions). */
export function UsersSection({ user: me }: { user: User }) {
  const toast = useToast();
  const list = useAsync((signal) => api<{ users: ConfigUser[] }>("/api/users", { signal }), []);
  const [editing, setEditing] = useState<ConfigUser | "new" | null>(null);

  return (
    <>
      <SectionTitle
        subtitle="Agents work their own leads; Supervisors and Managers see every lead; only Managers change configuration."
        actions={
          <button type="button" className="uk-button" onClick={() => setEditing("new")}>
            New user
          </button>
        }
      >
        Users
      </SectionTitle>
      {list.status === "error" && <ErrorState message={list.error} onRetry={list.reload} />}
      {list.status === "loading" && !list.data && <Loading label="Loading users…" />}
      {list.data && (
        <DataTable
          label="Users"
          rows={list.data.users}
          rowKey={(u) => u.id}
          emptyText="No users yet."
          columns={[
            {
              key: "name",
              header: "Name",
              render: (u) => (
                <>
                  <strong>{u.name}</strong>
                  {u.id === me.id && <span className="uk-muted"> (you)</span>}
                </>
              ),
            },
            { key: "login", header: "Login", render: (u) => <code>{u.login}</code> },
            { key: "email", header: "E-mail", render: (u) => u.email ?? <span className="uk-muted">—</span> },
            { key: "role", header: "Role", render: (u) => ROLE_LABEL[u.role] },
            { key: "active", header: "Status", render: (u) => (u.active ? <Badge tone="success">Active</Badge> : <Badge>Inactive</Badge>) },
            {
              key: "edit",
              header: "Actions",
              render: (u) => (
                <button type="button" className="uk-button uk-button--secondary" onClick={() => setEditing(u)} aria-label={`Edit ${u.name}`}>
                  Edit
                </button>
              ),
            },
          ]}
        />
      )}
      {editing !== null && (
        <UserDialog
          user={editing === "new" ? null : editing}
          isSelf={editing !== "new" && editing.id === me.id}
          onClose={() => setEditing(null)}
          onSaved={(u, created) => {
            list.reload();
            toast.show(created ? `User ${u.name} created.` : `User ${u.name} saved.`, "success");
          }}
        />
      )}
    </>
  );
}

function UserDialog({ user, isSelf, onClose, onSaved }: { user: ConfigUser | null; isSelf: boolean; onClose(): void; onSaved(u: ConfigUser, created: boolean): void }) {
  const [login, setLogin] = useState(user?.login ?? "");
  const [name, setName] = useState(user?.name ?? "");
  const [email, setEmail] = useState(user?.email ?? "");
  const [role, setRole] = useState<ConfigUser["role"] | "">(user?.role ?? "");
  const [active, setActive] = useState(user?.active ?? true);
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});

  const validate = () => {
    const e: FieldErrors = {};
    if (!user) required(login, "Login is required", e, "login");
    required(name, "Name is required", e, "name");
    if (!role) e.role = "Role is required";
    if (!user && !password) e.password = "Password is required";
    else if (password && password.length < MIN_PASSWORD) e.password = `Password must be at least ${MIN_PASSWORD} characters`;
    return e;
  };

  return (
    <WizardDialog
      open
      title={user ? `Edit ${user.name}` : "New user"}
      submitLabel={user ? "Save" : "Create user"}
      onClose={onClose}
      onSubmit={() =>
        submitForm(validate, setErrors, async () => {
          const saved = user
            ? await api<ConfigUser>(`/api/users/${user.id}`, {
                method: "PATCH",
                body: { name: name.trim(), email: email.trim() || null, ...(isSelf ? {} : { role, active }), ...(password ? { password } : {}) },
              })
            : await api<ConfigUser>("/api/users", { method: "POST", body: { login: login.trim(), name: name.trim(), email: email.trim() || null, role, password } });
          onSaved(saved, !user);
        })
      }
    >
      <div className="cfg-form-grid">
        {user ? (
          <TextField label="Login" value={user.login} readOnly hint="Logins do not change." />
        ) : (
          <TextField label="Login" required value={login} onValue={setLogin} error={errors.login} hint="a-z, 0-9, . _ @ -" autoComplete="off" />
        )}
        <TextField label="Name" required value={name} onValue={setName} error={errors.name} />
        <TextField label="E-mail" type="email" value={email} onValue={setEmail} error={errors.email} />
        <SelectField
          label="Role"
          required
          value={role}
          placeholder={role ? undefined : "Choose a role…"}
          options={ROLE_OPTIONS}
          onValue={(v) => setRole(v as ConfigUser["role"])}
          error={errors.role}
          disabled={isSelf}
          hint={isSelf ? "You cannot demote yourself." : undefined}
        />
        <TextField
          label={user ? "New password" : "Password"}
          type="password"
          required={!user}
          value={password}
          onValue={setPassword}
          error={errors.password}
          autoComplete="new-password"
          hint={user ? `Leave empty to keep the current one. A new password signs the user out everywhere.` : `At least ${MIN_PASSWORD} characters.`}
        />
      </div>
      {user && !isSelf && <CheckboxField label="Active (can sign in)" checked={active} onValue={setActive} />}
    </WizardDialog>
  );
}
