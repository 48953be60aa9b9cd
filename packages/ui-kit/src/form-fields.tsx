import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes, createContext, useContext, useId } from "react";

const ReadOnlyContext = createContext(false);

/**
 * Inside `when`, every ui-kit field shows its value as a ReadOnlyField instead of a control: one read-only
 * look in both apps for a record the user may read but not change.
 */
export function ReadOnlyFields({ when, children }: { when: boolean; children: ReactNode }) {
  return <ReadOnlyContext.Provider value={when}>{children}</ReadOnlyContext.Provider>;
}

/** Whether the fields around are shown read-only (see ReadOnlyFields). */
export const useFieldsReadOnly = () => useContext(ReadOnlyContext);

interface FieldShell {
  label: string;
  /** Shown under the control and announced with it (aria-describedby). */
  error?: string | null;
  hint?: ReactNode;
  required?: boolean;
}

/** Label, control, hint and error of one field; the control's id is `id`. Shared with ComboboxField. */
export function Shell({ id, label, error, hint, required, className, children }: FieldShell & { id: string; className?: string; children: ReactNode }) {
  return (
    <div className={`uk-field${className ? ` ${className}` : ""}${error ? " uk-field--invalid" : ""}`}>
      <label htmlFor={id} className="uk-field__label">
        {label}
        {required && (
          <span className="uk-field__required" aria-hidden="true">
            {" "}
            *
          </span>
        )}
      </label>
      {children}
      {hint && !error && (
        <p className="uk-field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="uk-field__error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

export const describedBy = (id: string, f: FieldShell) => (f.error ? `${id}-error` : f.hint ? `${id}-hint` : undefined);

export type TextFieldProps = FieldShell & Omit<InputHTMLAttributes<HTMLInputElement>, "id"> & { onValue?(v: string): void; /** What a read-only view shows instead of the raw value (a formatted amount or date). */ display?: ReactNode };

export function TextField({ label, error, hint, required, onValue, onChange, display, ...input }: TextFieldProps) {
  const id = useId();
  if (useFieldsReadOnly()) return <ReadOnlyField label={label}>{display !== undefined ? display : (input.value as string | undefined)}</ReadOnlyField>;
  return (
    <Shell id={id} label={label} error={error} hint={hint} required={required}>
      <input
        id={id}
        className="uk-input"
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, { label, error, hint })}
        onChange={(e) => {
          onChange?.(e);
          onValue?.(e.target.value);
        }}
        {...input}
      />
    </Shell>
  );
}

export type TextAreaFieldProps = FieldShell & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id"> & { onValue?(v: string): void };

export function TextAreaField({ label, error, hint, required, onValue, onChange, ...input }: TextAreaFieldProps) {
  const id = useId();
  if (useFieldsReadOnly()) return <ReadOnlyField label={label}>{input.value ? <span className="uk-readonly__text">{String(input.value)}</span> : null}</ReadOnlyField>;
  return (
    <Shell id={id} label={label} error={error} hint={hint} required={required}>
      <textarea
        id={id}
        className="uk-input uk-input--area"
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, { label, error, hint })}
        onChange={(e) => {
          onChange?.(e);
          onValue?.(e.target.value);
        }}
        {...input}
      />
    </Shell>
  );
}

export interface SelectOption {
  value: string | number;
  label: string;
}

export type SelectFieldProps = FieldShell &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> & {
    options: SelectOption[];
    /** Label of the empty first option; omit to have none. */
    placeholder?: string;
    onValue?(v: string): void;
  };

export function SelectField({ label, error, hint, required, options, placeholder, onValue, onChange, ...select }: SelectFieldProps) {
  const id = useId();
  if (useFieldsReadOnly()) return <ReadOnlyField label={label}>{options.find((o) => String(o.value) === String(select.value))?.label ?? null}</ReadOnlyField>;
  return (
    <Shell id={id} label={label} error={error} hint={hint} required={required}>
      <select
        id={id}
        className="uk-input"
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, { label, error, hint })}
        onChange={(e) => {
          onChange?.(e);
          onValue?.(e.target.value);
        }}
        {...select}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Shell>
  );
}

export function CheckboxField({ label, checked, onValue, disabled }: { label: string; checked: boolean; onValue(v: boolean): void; disabled?: boolean }) {
  const id = useId();
  if (useFieldsReadOnly()) return <ReadOnlyField label={label}>{checked ? "Yes" : "No"}</ReadOnlyField>;
  return (
    <div className="uk-field uk-field--check">
      <input id={id} type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onValue(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/**
 * A read-only label and value (a term and its definition), the one read-only look of both apps, standing on
 * its own in a form grid or a panel; empty values show a dash, not a blank.
 */
export function ReadOnlyField({ label, children }: { label: string; children: ReactNode }) {
  const empty = children === null || children === undefined || children === "";
  return (
    <dl className="uk-readonly">
      <dt>{label}</dt>
      <dd>{empty ? <span className="uk-muted">—</span> : children}</dd>
    </dl>
  );
}

/** A titled group of fields, as a salesperson reads the record (Customer, Vehicle, …). */
export function FieldGroup({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="uk-group">
      <legend>{title}</legend>
      <div className="uk-group__grid">{children}</div>
    </fieldset>
  );
}
