import { type DatePreset, type DateRange, PRESETS, presetOf, presetRange, todayIn } from "./date-presets";

export interface DateRangeFilterProps {
  /** What the dates are ("Created", "Call date"): the group's name. */
  label: string;
  /** The business time zone whose days the presets count; null while it is being fetched (presets wait). */
  timeZone: string | null;
  value: DateRange;
  /** A preset was picked (the range is set at once) or a date typed ("custom"); the page decides when it applies. */
  onChange(range: DateRange, preset: DatePreset): void;
  /** Offers "Any date" (no range) first; pages that always show a window leave it out. */
  anyDate?: boolean;
  error?: string;
}

/**
 * The one date filter of both apps: presets Today / Last 7 days / This month as toggle buttons, then a custom
 * From–To. The inputs always show the range in force, so a preset's days can be read and adjusted.
 */
export function DateRangeFilter({ label, timeZone, value, onChange, anyDate = false, error }: DateRangeFilterProps) {
  const today = timeZone ? todayIn(timeZone) : null;
  const current = today ? presetOf(value, today) : value.from || value.to ? "custom" : "any";
  const presets = [...(anyDate ? [{ key: "any" as const, label: "Any date" }] : []), ...PRESETS];
  return (
    <fieldset className="uk-daterange" aria-label={label}>
      <legend className="uk-field__label">{label}</legend>
      <div className="uk-daterange__presets" role="group" aria-label={`${label} presets`}>
        {presets.map((p) => (
          <button
            key={p.key}
            type="button"
            className={`uk-button uk-daterange__preset${current === p.key ? "" : " uk-button--secondary"}`}
            aria-pressed={current === p.key}
            disabled={!today}
            onClick={() => today && onChange(presetRange(p.key, today), p.key)}
          >
            {p.label}
          </button>
        ))}
      </div>
      <div className={`uk-daterange__custom${current === "custom" ? " uk-daterange__custom--on" : ""}`}>
        <label className="uk-daterange__end">
          <span>From</span>
          <input className="uk-input" type="date" value={value.from} max={value.to || undefined} onChange={(e) => onChange({ ...value, from: e.target.value }, "custom")} />
        </label>
        <label className="uk-daterange__end">
          <span>To</span>
          <input className="uk-input" type="date" value={value.to} min={value.from || undefined} onChange={(e) => onChange({ ...value, to: e.target.value }, "custom")} />
        </label>
      </div>
      {error && (
        <p className="uk-field__error" role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
