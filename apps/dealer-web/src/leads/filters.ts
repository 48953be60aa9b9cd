import { queryString } from "../api";

/** The search view's filters, kept in the URL so a filtered board can be bookmarked, shared and exported. */
export interface LeadFilters {
  endorsed: "" | "true" | "false";
  createdFrom: string;
  createdTo: string;
  brandId: string;
  sourceId: string;
  stageId: string;
  userId: string;
  q: string;
  archived: "" | "true";
}

export const FILTER_KEYS: (keyof LeadFilters)[] = ["endorsed", "createdFrom", "createdTo", "brandId", "sourceId", "stageId", "userId", "q", "archived"];

export function filtersFromSearch(search: URLSearchParams): LeadFilters {
  const get = (k: string) => search.get(k) ?? "";
  const endorsed = get("endorsed");
  return {
    endorsed: endorsed === "true" || endorsed === "false" ? endorsed : "",
    createdFrom: get("createdFrom"),
    createdTo: get("createdTo"),
    brandId: get("brandId"),
    sourceId: get("sourceId"),
    stageId: get("stageId"),
    userId: get("userId"),
    q: get("q"),
    archived: get("archived") === "true" ? "true" : "",
  };
}

/** `?endorsed=true&brandId=3…` of the set filters; `extra` (paging, My Pipeline's user) is appended. */
export const filterQuery = (f: LeadFilters, extra: Record<string, string | number | undefined> = {}) => queryString({ ...f, ...extra });

export const activeFilterCount = (f: LeadFilters) => FILTER_KEYS.filter((k) => f[k] !== "").length;

/** What an empty board or list says: "match these filters" only when a filter is set. */
export const noLeadsText = (f: LeadFilters, mine: boolean) =>
  activeFilterCount(f) > 0 ? "No leads match these filters." : mine ? "No leads assigned to you yet." : "No leads yet.";
