import type { FormEvent } from "react";
import { CheckboxField, DateRangeFilter, SelectField, TextField, useFilterDraft } from "@crm/ui-kit";
import { salespeople, useReferenceData } from "../reference-data";
import { type LeadFilters, activeFilterCount, filterQuery, filtersFromSearch } from "./filters";

/**
 * Filters of All Leads / My Pipeline (board and list alike). Choices apply at once, with the search box as it
 * reads; the search text applies on Enter or "Search". Everything lives in the URL, which is what the CSV
 * export link is built from.
 */
export function FilterBar({ path, filters, showUser }: { path: string; filters: LeadFilters; showUser: boolean }) {
  const { brands, sources, stages, users, instance } = useReferenceData();
  const { draft, setDraft, go } = useFilterDraft(filters);
  const apply = (patch: Partial<LeadFilters>) => {
    const next = { ...draft, ...patch, q: (patch.q ?? draft.q).trim() };
    go(`${path}${filterQuery(next)}`, next);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    apply({});
  };
  const clear = () => go(path, filtersFromSearch(new URLSearchParams()));
  const n = activeFilterCount(filters);
  return (
    <form className="filter-bar" role="search" aria-label="Filter leads" onSubmit={submit}>
      <div className="filter-bar__search">
        <TextField label="Search" type="search" placeholder="Name, mobile, email, ref." value={draft.q} onValue={(q) => setDraft((x) => ({ ...x, q }))} />
        <button type="submit" className="uk-button">
          Search
        </button>
      </div>
      <div className="filter-bar__endorsed">
        <CheckboxField label="Endorsed from BPO" checked={draft.endorsed === "true"} onValue={(v) => apply({ endorsed: v ? "true" : "" })} />
      </div>
      <DateRangeFilter
        label="Created"
        anyDate
        timeZone={instance.timeZone}
        value={{ from: draft.createdFrom, to: draft.createdTo }}
        onChange={(r) => apply({ createdFrom: r.from, createdTo: r.to })}
      />
      <SelectField label="Brand" value={draft.brandId} onValue={(v) => apply({ brandId: v })} options={brands.map((b) => ({ value: b.id, label: b.name }))} placeholder="All brands" />
      <SelectField label="Source" value={draft.sourceId} onValue={(v) => apply({ sourceId: v })} options={sources.map((s) => ({ value: s.id, label: s.name }))} placeholder="All sources" />
      <SelectField label="Stage" value={draft.stageId} onValue={(v) => apply({ stageId: v })} options={stages.map((s) => ({ value: s.id, label: s.name }))} placeholder="All stages" />
      {showUser && (
        <SelectField
          label="Salesperson"
          value={draft.userId}
          onValue={(v) => apply({ userId: v })}
          options={salespeople(users).map((u) => ({ value: u.id, label: u.name }))}
          placeholder="Everyone"
        />
      )}
      <div className="filter-bar__end">
        <CheckboxField label="Archived" checked={draft.archived === "true"} onValue={(v) => apply({ archived: v ? "true" : "" })} />
        {n > 0 && (
          <button type="button" className="uk-button uk-button--secondary" onClick={clear}>
            Clear filters ({n})
          </button>
        )}
      </div>
    </form>
  );
}
