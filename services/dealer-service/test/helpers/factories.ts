import type { LeadRecord } from "../../src/data-access/dealer-store";
import type { DealerTestApp } from "./dealer-test-app";

let n = 0;

/** Reference rows the tests build leads on. */
export async function makeBrand(t: DealerTestApp, code = `BR${++n}`) {
  return t.c.store.repos.catalog.createBrand({ code, name: `Brand ${code}` });
}

export async function makeProduct(t: DealerTestApp, brandId: number, opts: { defaultCode?: string; listPrice?: number } = {}) {
  const code = opts.defaultCode ?? `P${++n}`;
  return t.c.store.repos.catalog.createProduct({ brandId, defaultCode: code, name: `Vehicle ${code}`, listPrice: opts.listPrice ?? 1_000_000 });
}

export async function stageByName(t: DealerTestApp, name: string) {
  const s = (await t.c.store.repos.catalog.listStages()).find((x) => x.name === name);
  if (!s) throw new Error(`no stage ${name}`);
  return s;
}

export async function sourceByCode(t: DealerTestApp, code: string) {
  const s = await t.c.store.repos.catalog.findSourceByCode(code);
  if (!s) throw new Error(`no source ${code}`);
  return s;
}

/** A lead written straight to the database (no API), optionally owned, in a stage, or with a BPO origin. */
export async function makeLead(
  t: DealerTestApp,
  brandId: number,
  opts: Partial<Pick<LeadRecord, "userId" | "contactName" | "mobile" | "email" | "productId" | "bpoSourceLeadId" | "bpoSourceLeadName" | "bpoSourceUrl">> & {
    stage?: string;
    source?: string;
  } = {},
) {
  const { stage: stageName, source: sourceCode, ...rest } = opts;
  const stage = await stageByName(t, stageName ?? "New");
  const source = await sourceByCode(t, sourceCode ?? "walk_in");
  return t.c.store.repos.leads.create({
    contactName: `Customer ${++n}`,
    mobile: `+63917${String(1000000 + n).slice(-7)}`,
    ...rest,
    brandId,
    sourceId: source.id,
    stageId: stage.id,
    isWon: stage.isWon,
    isLost: stage.isLost,
  });
}
