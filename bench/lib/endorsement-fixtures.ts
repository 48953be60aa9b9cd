/** Fixtures written straight to the databases, and the endorsement flow driven and audited over HTTP. */
import type { Client } from "pg";
import { http } from "./http-client";
import type { BpoBench, DealerBench } from "./in-process-stacks";

export interface EndorsementLink {
  brandId: number;
  dealershipId: number;
  vehicleModelId: number;
}

/**
 * What an endorsement needs on both sides, as in the cross-service tests: one brand and vehicle model on the
 * BPO, the same brand and product at the dealership, a dealer service account whose key the BPO stores, and a
 * key the BPO issued for the dealer's callbacks. URLs default to the in-process servers.
 */
export async function linkForEndorsement(bpo: BpoBench, dealer: DealerBench, urls: { bpoUrl?: string; dealerUrl?: string } = {}): Promise<EndorsementLink> {
  const brand = await bpo.c.store.repos.catalog.createBrand({ code: "CHERY", name: "Chery" });
  const vm = await bpo.c.store.repos.catalog.createVehicleModel({ brandId: brand.id, name: "Tiggo 7 Pro", code: "TIGGO7PRO" });
  const dealership = await bpo.c.store.repos.catalog.createDealership({ code: "BENCH", name: "Dealer BENCH", brandId: brand.id, managerEmail: null });
  const dealerBrand = await dealer.c.store.repos.catalog.createBrand({ code: "CHERY", name: "Chery" });
  await dealer.c.store.repos.catalog.createProduct({ brandId: dealerBrand.id, defaultCode: "TIGGO7PRO", name: "Chery Tiggo 7 Pro", listPrice: 1_298_000 });
  const admin = await dealer.user("dealer_admin");
  const account = await dealer.user("service_account");
  const { key } = await dealer.c.serviceKeys.issue({ id: admin.id, name: admin.name, role: "dealer_admin" }, { userId: account.id, label: "BPO" });
  const manager = { id: 0, name: "bench", role: "manager" as const };
  await bpo.c.dealerLinks.set(manager, dealership.id, { url: urls.dealerUrl ?? dealer.url, key });
  const peer = await bpo.c.dealerLinks.issuePeerKey(manager, dealership.id, "callbacks");
  await dealer.c.bpoConnection.set(null, { url: urls.bpoUrl ?? bpo.url, key: peer.key });
  return { brandId: brand.id, dealershipId: dealership.id, vehicleModelId: vm.id };
}

export interface BurstResult {
  /** Request start (epoch ms) per lead id whose request was answered 200. */
  accepted: Map<number, number>;
  statuses: Map<number | string, number>;
  wallMs: number;
}

/** POST /api/leads/:id/endorse for every id, `concurrency` requests in flight, bounded by `timeoutMs` in all. */
export async function endorseBurst(baseUrl: string, token: string, ids: number[], dealershipId: number, opts: { concurrency: number; timeoutMs: number; withQuotation?: boolean }): Promise<BurstResult> {
  const accepted = new Map<number, number>();
  const statuses = new Map<number | string, number>();
  const queue = [...ids];
  const t0 = Date.now();
  const deadline = t0 + opts.timeoutMs;
  await Promise.all(
    Array.from({ length: opts.concurrency }, async () => {
      for (let id = queue.shift(); id !== undefined && Date.now() < deadline; id = queue.shift()) {
        const start = Date.now();
        let status: number | string;
        try {
          status = (await http(baseUrl, "post", `/api/leads/${id}/endorse`, { token, body: { dealershipId, withQuotation: opts.withQuotation ?? true } })).status;
        } catch (e) {
          status = (e as Error).name;
        }
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        if (status === 200) accepted.set(id, start);
      }
    }),
  );
  return { accepted, statuses, wallMs: Date.now() - t0 };
}

export interface DeliveryAudit {
  sent: number;
  delivered: number;
  lost: number;
  duplicated: number;
  /** Deliveries repeated after the dealer had already created the lead (answered "already existed"; idempotent). */
  redelivered: number;
  /** BPO side: leads still pending / failed, outbox rows per status. */
  bpoStatus: Record<string, number>;
  outbox: Record<string, number>;
}

/** Counts dealer leads per BPO lead id (delivered once, lost, more than once) and the BPO-side states. */
export async function auditEndorsements(bpoPg: Client, dealerPg: Client, ids: number[]): Promise<DeliveryAudit> {
  const perLead = await dealerPg.query<{ id: number; n: number }>(
    "SELECT bpo_source_lead_id AS id, count(*)::int AS n FROM leads WHERE bpo_source_lead_id = ANY($1::int[]) GROUP BY 1",
    [ids],
  );
  const bpo = await bpoPg.query<{ s: string; n: number }>("SELECT endorsement_status::text AS s, count(*)::int AS n FROM leads WHERE id = ANY($1::int[]) GROUP BY 1", [ids]);
  const outbox = await bpoPg.query<{ s: string; n: number }>("SELECT status::text AS s, count(*)::int AS n FROM outbox_messages GROUP BY 1");
  const again = await bpoPg.query<{ n: number }>("SELECT count(*)::int AS n FROM lead_messages WHERE lead_id = ANY($1::int[]) AND body LIKE 'Dealer lead % already existed at %'", [ids]);
  return {
    redelivered: again.rows[0]!.n,
    sent: ids.length,
    delivered: perLead.rows.length,
    lost: ids.length - perLead.rows.length,
    duplicated: perLead.rows.filter((r) => r.n > 1).length,
    bpoStatus: Object.fromEntries(bpo.rows.map((r) => [r.s, r.n])),
    outbox: Object.fromEntries(outbox.rows.map((r) => [r.s, r.n])),
  };
}

/** Dealer leads created for these BPO lead ids so far. */
export async function dealerLeadCount(dealerPg: Client, ids: number[]): Promise<number> {
  return (await dealerPg.query<{ n: number }>("SELECT count(DISTINCT bpo_source_lead_id)::int AS n FROM leads WHERE bpo_source_lead_id = ANY($1::int[])", [ids])).rows[0]!.n;
}
