import type { BpoTestApp } from "./bpo-test-app";

let n = 0;

/** Reference rows the tests build leads on. */
export async function makeBrand(t: BpoTestApp, code = `BR${++n}`) {
  return t.c.store.repos.catalog.createBrand({ code, name: `Brand ${code}` });
}

export async function makeDealership(t: BpoTestApp, brandId: number, code = `DL${++n}`) {
  return t.c.store.repos.catalog.createDealership({ code, name: `Dealer ${code}`, brandId, managerEmail: null });
}

export async function stageByName(t: BpoTestApp, name: string) {
  const s = (await t.c.store.repos.catalog.listStages()).find((x) => x.name === name);
  if (!s) throw new Error(`no stage ${name}`);
  return s;
}

export async function sourceByCode(t: BpoTestApp, code: string) {
  const s = await t.c.store.repos.catalog.findSourceByCode(code);
  if (!s) throw new Error(`no source ${code}`);
  return s;
}

/** The source the New lead form pre-selects (bpo-3: every lead needs one, the API has no default). */
export async function inboundCallId(t: BpoTestApp): Promise<number> {
  return (await sourceByCode(t, "inbound_call")).id;
}

/** A lead written straight to the database (no API), optionally owned and in a given stage. */
export async function makeLead(
  t: BpoTestApp,
  brandId: number,
  opts: { userId?: number | null; stage?: string; contactName?: string; mobile?: string; email?: string | null } = {},
) {
  const stage = await stageByName(t, opts.stage ?? "New");
  const source = await sourceByCode(t, "inbound_call");
  return t.c.store.repos.leads.create({
    contactName: opts.contactName ?? `Customer ${++n}`,
    mobile: opts.mobile ?? `+63917${String(1000000 + n).slice(-7)}`,
    email: opts.email ?? null,
    brandId,
    sourceId: source.id,
    stageId: stage.id,
    userId: opts.userId ?? null,
    isWon: stage.isWon,
    isLost: stage.isLost,
  });
}
