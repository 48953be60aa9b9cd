import { type KeyboardEvent, useEffect, useId, useRef, useState } from "react";
import { ReadOnlyField, Shell, describedBy, useFieldsReadOnly } from "./form-fields";

export interface ComboboxOption {
  id: number;
  label: string;
  /** A second line in the list (mobile, e-mail…). */
  detail?: string | null;
}

export interface ComboboxFieldProps {
  label: string;
  /** The picked record, or null. */
  value: ComboboxOption | null;
  onSelect(option: ComboboxOption | null): void;
  /** Asked (debounced) for what matches the typed text; may throw, the message is shown in the list. */
  search(text: string, signal: AbortSignal): Promise<ComboboxOption[]>;
  placeholder?: string;
  hint?: string;
  error?: string | null;
  disabled?: boolean;
  /** Marks the label and sets aria-required (a picker has no native `required`). */
  required?: boolean;
  /** Wait after the last keystroke before searching. */
  delayMs?: number;
}

/**
 * A search-as-you-type picker for a many2one field (WAI-ARIA combobox with a listbox popup): type to search,
 * arrows to move, Enter to pick, Escape to give up; the Clear button empties the field.
 */
export function ComboboxField(props: ComboboxFieldProps) {
  const readOnly = useFieldsReadOnly();
  return readOnly ? <ReadOnlyField label={props.label}>{props.value?.label ?? null}</ReadOnlyField> : <Combobox {...props} />;
}

function Combobox({ label, value, onSelect, search, placeholder, hint, error, disabled, required, delayMs = 250 }: ComboboxFieldProps) {
  const id = useId();
  const listId = `${id}-list`;
  const [text, setText] = useState<string | null>(null); // null: not typing, the input shows the picked value
  const [options, setOptions] = useState<ComboboxOption[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [state, setState] = useState<"idle" | "loading" | "error">("idle");
  const [searchError, setSearchError] = useState<string | null>(null);
  const searchRef = useRef(search);
  searchRef.current = search;

  useEffect(() => {
    if (text === null) return;
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      setState("loading");
      searchRef.current(text, ctrl.signal).then(
        (found) => {
          setOptions(found);
          setActive(found.length > 0 ? 0 : -1);
          setState("idle");
          setOpen(true);
        },
        (e: unknown) => {
          if (ctrl.signal.aborted) return;
          setSearchError(e instanceof Error ? e.message : String(e));
          setState("error");
          setOpen(true);
        },
      );
    }, delayMs);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [text, delayMs]);

  const close = () => {
    setOpen(false);
    setText(null);
    setActive(-1);
  };
  const pick = (o: ComboboxOption) => {
    onSelect(o);
    close();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      if (!open) setText(text ?? "");
      setActive((i) => Math.min(i + 1, options.length - 1));
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (e.key === "Enter" && open) {
      // Enter picks instead of submitting the form around the field.
      e.preventDefault();
      const o = options[active];
      if (o) pick(o);
    } else if (e.key === "Escape" && (open || text !== null)) {
      e.preventDefault();
      close();
    }
  };

  const shown = open && text !== null;
  return (
    <Shell id={id} label={label} error={error} hint={hint} required={required} className="uk-combobox">
      <div className="uk-combobox__control">
        <input
          id={id}
          className="uk-input"
          role="combobox"
          aria-expanded={shown}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={shown && active >= 0 ? `${listId}-${active}` : undefined}
          aria-invalid={error ? true : undefined}
          aria-required={required || undefined}
          aria-describedby={describedBy(id, { label, error, hint })}
          autoComplete="off"
          placeholder={placeholder}
          disabled={disabled}
          value={text ?? value?.label ?? ""}
          onChange={(e) => setText(e.target.value)}
          onFocus={(e) => e.target.select()}
          // Leaving the field gives up an unfinished search; a click on an option lands first (mousedown).
          onBlur={close}
          onKeyDown={onKeyDown}
        />
        {value && !disabled && (
          <button type="button" className="uk-combobox__clear" aria-label={`Clear ${label}`} onClick={() => onSelect(null)}>
            ×
          </button>
        )}
        <ul id={listId} role="listbox" aria-label={label} className="uk-combobox__list" hidden={!shown}>
          {state === "loading" && options.length === 0 && <li className="uk-combobox__note">Searching…</li>}
          {state === "error" && <li className="uk-combobox__note uk-combobox__note--error">Search failed: {searchError}</li>}
          {state === "idle" && options.length === 0 && <li className="uk-combobox__note">Nothing matches “{text}”.</li>}
          {options.map((o, i) => (
            <li
              key={o.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className="uk-combobox__option"
              onMouseDown={(e) => {
                e.preventDefault();
                pick(o);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span>{o.label}</span>
              {o.detail && <span className="uk-combobox__detail">{o.detail}</span>}
            </li>
          ))}
        </ul>
      </div>
    </Shell>
  );
}
