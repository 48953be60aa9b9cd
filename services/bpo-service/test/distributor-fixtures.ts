import request from "supertest";
import { type RunningSimulator, type SimulatorOptions, startSimulator } from "../../../tools/distributor-simulator/src";
import type { Role } from "../src/domain/actor";
import type { BpoTestApp, TestUser } from "./helpers/bpo-test-app";
import { makeBrand } from "./helpers/factories";
import { bpoTestFile } from "./helpers/test-file";

export type { RunningSimulator };
export const QUOTATION = "cheryweb.quotation";
export const TEST_DRIVE = "cherywebsite.test.drive";

let n = 0;

/** A brand whose distributor connection (set through the API) points at a fresh simulator. */
export async function brandWithDistributor(t: BpoTestApp, manager: TestUser, opts: SimulatorOptions = {}) {
  const code = `DS${++n}${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
  const brand = await makeBrand(t, code);
  const sim = await startSimulator({ brand: code, seed: 0, login: "sync", password: "s3cret-pw", db: `${code.toLowerCase()}_db`, ...opts });
  const res = await put(t, manager, `/api/brands/${brand.id}/distributor`, { url: sim.url, db: sim.state.db, login: "sync", password: "s3cret-pw" });
  if (res.status !== 200) throw new Error(`set connection failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { brand, sim };
}

export async function leadsOfBrand(t: BpoTestApp, brandId: number) {
  return t.c.store.db.lead.findMany({ where: { brandId }, orderBy: { id: "asc" }, include: { source: true, stage: true, dealership: true, vehicleModel: true } });
}

export async function messagesOf(t: BpoTestApp, leadId: number) {
  return t.c.store.repos.messages.listForLead(leadId);
}

/** PUT with a user's bearer token (the shared helper has no put). */
export const put = (t: BpoTestApp, user: TestUser, path: string, body: object) =>
  request(t.app).put(path).set("authorization", `Bearer ${user.token}`).send(body);

/**
 * A distributor test file: its app with a Manager (and the other roles asked for), handed to `bind`; `setup`
 * gives a brand on a fresh simulator, every simulator in `sims` is closed after the file; `runNow` is Sync Now.
 */
export function distributorTestFile<R extends Role>(roles: readonly R[], bind: (t: BpoTestApp, users: Record<R | "manager", TestUser>) => void) {
  const sims: RunningSimulator[] = [];
  let t!: BpoTestApp;
  let manager!: TestUser;
  bpoTestFile<R | "manager">(
    ["manager", ...roles],
    (app, users) => {
      [t, manager] = [app, users.manager];
      bind(app, users);
    },
    () => Promise.all(sims.map((s) => s.close())),
  );
  return {
    sims,
    async setup(opts: SimulatorOptions = {}) {
      const r = await brandWithDistributor(t, manager, opts);
      sims.push(r.sim);
      return r;
    },
    runNow: async (brandId: number) => (await t.as(manager).post(`/api/brands/${brandId}/distributor/sync-now`).expect(200)).body,
  };
}
