import { Link, PageHeader, useDocumentTitle, useLocation } from "@crm/ui-kit";
import type { User } from "../api";
import { BoardView } from "./board-view";
import { FilterBar } from "./filter-bar";
import { filterQuery, filtersFromSearch, noLeadsText } from "./filters";
import { ListView } from "./list-view";

export type Scope = "all" | "mine";

/** All Leads / My Pipeline, as a kanban by stage or a list, with the search view's filters and CSV export. */
export function LeadsPage({ user, scope, view }: { user: User; scope: Scope; view: "kanban" | "list" }) {
  const { search } = useLocation();
  const filters = filtersFromSearch(search);
  const title = scope === "all" ? "All Leads" : "My Pipeline";
  useDocumentTitle(title, "Dealer CRM");
  const base = scope === "all" ? "" : "/my-pipeline";
  const path = view === "kanban" ? base || "/" : `${base}/list`;
  // My Pipeline is the caller's own leads: the list and the export say so explicitly (the board does it server-side).
  const scoped = scope === "mine" ? { ...filters, userId: String(user.id) } : filters;
  const exportHref = `/api/leads/export.csv${filterQuery(scoped)}`;
  const q = filterQuery(filters);
  const empty = noLeadsText(filters, scope === "mine");
  return (
    <>
      <PageHeader
        title={title}
        subtitle={`${scope === "all" ? "Every lead of the dealership" : `Leads assigned to ${user.name}`}, ${view === "kanban" ? "by stage" : "newest first"}.`}
        actions={
          <>
            <Link to="/leads/new" className="uk-button">
              New lead
            </Link>
            <div className="view-switch" role="group" aria-label="View">
              <Link to={`${base || "/"}${q}`} className="view-switch__item" aria-current={view === "kanban" ? "page" : undefined}>
                Kanban
              </Link>
              <Link to={`${base}/list${q}`} className="view-switch__item" aria-current={view === "list" ? "page" : undefined}>
                List
              </Link>
            </div>
            <a className="uk-button uk-button--secondary" href={exportHref} download="dealer-leads.csv">
              Export CSV
            </a>
          </>
        }
      />
      <FilterBar path={path} filters={filters} showUser={scope === "all"} />
      {view === "kanban" ? <BoardView user={user} scope={scope} filters={filters} emptyText={empty} /> : <ListView filters={scoped} emptyText={empty} />}
    </>
  );
}
