import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes, useId } from "react";

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

export type TextFieldProps = FieldShell & Omit<InputHTMLAttributes<HTMLInputElement>, "id"> & { onValue?(v: string): void };

export function TextField({ label, error, hint, required, onValue, onChange, ...input }: TextFieldProps) {
  const id = useId();
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
  return (
    <div className="uk-field uk-field--check">
      <input id={id} type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onValue(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/** Read-only label/value pair for record views; empty values show a dash, not a blank. */
export function ReadOnlyField({ label, children }: { label: string; children: ReactNode }) {
  const empty = children === null || children === undefined || children === "";
  return (
    <div className="uk-readonly">
      <dt>{label}</dt>
      <dd>{empty ? <span className="uk-muted">—</span> : children}</dd>
    </div>
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
