import { stringify } from "csv-stringify/sync";
import { AppError, nextCursorOf, parseCursor, type KeysetCursor } from "@crm/platform/core";
import type { BpoStore, LeadListFilter, LeadListRow, LeadSearchTerms } from "../data-access/bpo-store";
import { type Actor, seesAllLeads } from "./actor";
import type { LeadListQuery, LeadListResponse } from "./lead-search-schemas";

/** A row of the list. `restricted`: held by another agent, so the caller sees who to transfer to, not the lead. */
export type LeadListItem = LeadListRow & { restricted: boolean };

const REFERENCE_PREFIX = "LEAD/";
/** next_lead_reference(): five digits, zero-padded, wider once past 99999. */
const referenceOf = (n: number) => `${REFERENCE_PREFIX}${n < 100_000 ? String(n).padStart(5, "0") : String(n)}`;
const MIN_PHONE_FRAGMENT = 4;
const PHONE_CHARS = /^[\d\s+().\-/]+$/;
const COUNTRY_CODE = "63";

/**
 * The national number a typed phone number stands for: `+63 917 123 4567`, `639171234567`, `09171234567` and
 * `9171234567` all give `9171234567`. Short fragments are kept as typed (they match the end of a number).
 */
export function phoneSuffixOf(digits: string): string {
  if (digits.length >= 11 && digits.startsWith(COUNTRY_CODE)) return digits.slice(COUNTRY_CODE.length);
  if (digits.length >= 10 && digits.startsWith("0")) return digits.replace(/^0+/, "");
  return digits;
}

/**
 * Reads what the user typed: a reference (`LEAD/00042`, `42`), a phone number or its last digits (at least 4),
 * an e-mail address, or parts of a name. A bare number can be a reference and the end of a phone number at once.
 */
export function searchTermsOf(text: string): LeadSearchTerms | undefined {
  const q = text.trim().replace(/\s+/g, " ");
  if (!q) return undefined;
  const ref = /^lead\s*\/?\s*(\d{1,9})$/i.exec(q);
  if (ref) return { reference: referenceOf(Number(ref[1])) };
  if (PHONE_CHARS.test(q) && /\d/.test(q)) {
    const digits = q.replace(/\D/g, "");
    const terms: LeadSearchTerms = {};
    if (digits.length <= 9 && /^\d+$/.test(q)) terms.reference = referenceOf(Number(digits));
    if (digits.length >= MIN_PHONE_FRAGMENT) terms.phoneSuffix = phoneSuffixOf(digits);
    if (!terms.reference && !terms.phoneSuffix) {
      throw new AppError("validation", "phone_fragment_too_short", `Type at least ${MIN_PHONE_FRAGMENT} digits of a phone number`, { issues: [{ path: "q", message: "Too few digits" }] });
    }
    return terms;
  }
  const lower = q.toLowerCase();
  if (q.includes("@")) return { emailPrefix: lower };
  // A single word may also be the start of an e-mail address ("juan.dc").
  return { nameWords: lower.split(" "), ...(q.includes(" ") ? {} : { emailPrefix: lower }) };
}

const EXPORT_PAGE = 500;
const EXPORT_MAX = 50_000;
export const LEAD_LIST_CSV_COLUMNS = ["reference", "customer", "mobile", "phone", "email", "stage", "brand", "salesperson", "dealership", "source", "endorsement", "archived", "created_at"] as const;

/**
 * Find any customer (issue 16): the Leads list view and the header search, across every lead. Agents follow
 * the existing rules: the pool and their own leads open; a lead another agent holds shows as a row naming
 * its owner (so the call can be transferred) with the customer's contact details left out.
 */
export class LeadSearchService {
  constructor(
    private readonly store: BpoStore,
    private readonly timeZone: string,
  ) {}

  private filterOf(actor: Actor, q: LeadListQuery): LeadListFilter {
    const terms = q.q ? searchTermsOf(q.q) : undefined;
    return {
      terms,
      stageId: q.stageId,
      brandId: q.brandId,
      sourceId: q.sourceId,
      userId: q.userId,
      dealershipId: q.dealershipId,
      endorsementStatus: q.endorsementStatus,
      createdFrom: q.createdFrom,
      createdTo: q.createdTo,
      timeZone: this.timeZone,
      archived: q.archived,
      // Browsing the whole book is for Supervisors and Managers; an Agent looking up a customer sees every match.
      visibleTo: seesAllLeads(actor) || terms ? undefined : actor.id,
    };
  }

  private present(actor: Actor, rows: LeadListRow[]): LeadListItem[] {
    return rows.map((r) => {
      const restricted = !seesAllLeads(actor) && r.userId !== null && r.userId !== actor.id;
      return restricted ? { ...r, mobile: "", phone: null, email: null, restricted } : { ...r, restricted };
    });
  }

  private page(actor: Actor, filter: LeadListFilter, cursor: KeysetCursor | null, limit: number) {
    return this.store.repos.leadSearch.list(filter, cursor, limit).then((rows) => this.present(actor, rows));
  }

  async list(actor: Actor, q: LeadListQuery): Promise<LeadListResponse> {
    const rows = await this.page(actor, this.filterOf(actor, q), parseCursor(q.cursor), q.limit);
    return { rows, nextCursor: nextCursorOf(rows, q.limit) };
  }

  /** The list as shown (same filters, same order, same masking), every page of it. */
  async csv(actor: Actor, q: LeadListQuery): Promise<string> {
    const filter = this.filterOf(actor, q);
    const rows: LeadListItem[] = [];
    let cursor: KeysetCursor | null = null;
    for (;;) {
      const page = await this.page(actor, filter, cursor, EXPORT_PAGE);
      rows.push(...page);
      if (rows.length > EXPORT_MAX) {
        throw new AppError("validation", "export_too_large", `The export holds at most ${EXPORT_MAX.toLocaleString("en")} leads: narrow the filters`);
      }
      const last = page[page.length - 1];
      if (page.length < EXPORT_PAGE || !last) break;
      cursor = { createdAt: last.createdAt, id: last.id };
    }
    return stringify(
      rows.map((r) => [
        r.reference,
        r.contactName,
        r.mobile,
        r.phone ?? "",
        r.email ?? "",
        r.stageName,
        r.brandName,
        r.userName ?? "",
        r.dealershipName ?? "",
        r.sourceName,
        r.endorsementStatus,
        r.active ? "" : "yes",
        r.createdAt.toISOString(),
      ]),
      { header: true, columns: [...LEAD_LIST_CSV_COLUMNS] },
    );
  }
}
