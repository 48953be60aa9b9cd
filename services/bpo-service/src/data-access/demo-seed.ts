import { hashPassword } from "@crm/platform/core";
import type { Db } from "./prisma";

export const DEMO_PASSWORD = "demo1234!";

export const DEMO_USERS = [
  { login: "manager", name: "Marites Manager", role: "manager" },
  { login: "supervisor", name: "Santi Supervisor", role: "supervisor" },
  { login: "agent1", name: "Ana Agent", role: "agent" },
  { login: "agent2", name: "Ben Agent", role: "agent" },
] as const;

const BRANDS = [
  { code: "CHERY", name: "Chery", models: ["Tiggo 2 Pro", "Tiggo 5X", "Tiggo 7 Pro", "Tiggo 8 Pro"] },
  { code: "JAECOO", name: "Jaecoo", models: ["J7", "J8"] },
] as const;

const DEALERSHIPS = [
  { code: "MAKATI", name: "UAAGI Makati", brand: "CHERY", managerEmail: "manager.makati@dealer.example" },
  { code: "CEBU", name: "UAAGI Cebu", brand: "JAECOO", managerEmail: "manager.cebu@dealer.example" },
] as const;

const FIRST = ["Juan", "Maria", "Jose", "Ana", "Mark", "Grace", "Paolo", "Liza", "Carlo", "Bea", "Miguel", "Joy"];
const LAST = ["Dela Cruz", "Santos", "Reyes", "Garcia", "Mendoza", "Torres", "Flores", "Ramos", "Aquino", "Bautista"];

/**
 * Idempotent demo data: users, brands, dealerships, vehicle models and, on an empty lead table, a spread
 * of leads across the pool and the pipeline.
 */
export async function seedDemo(db: Db, opts: { leads?: number } = {}): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const users: Record<string, number> = {};
  for (const u of DEMO_USERS) {
    const row = await db.user.upsert({
      where: { login: u.login },
      // A demo start re-applies the demo logins even if someone changed or deactivated them in the UI.
      update: { name: u.name, role: u.role, passwordHash, active: true },
      create: { login: u.login, name: u.name, role: u.role, email: `${u.login}@bpo.example`, passwordHash },
    });
    users[u.login] = row.id;
  }
  const brandIds: Record<string, number> = {};
  const modelIds: Record<string, number[]> = {};
  for (const b of BRANDS) {
    const brand = await db.brand.upsert({ where: { code: b.code }, update: { name: b.name, active: true }, create: { code: b.code, name: b.name } });
    brandIds[b.code] = brand.id;
    modelIds[b.code] = [];
    for (const name of b.models) {
      const m = await db.vehicleModel.upsert({
        where: { brandId_name: { brandId: brand.id, name } },
        update: {},
        create: { brandId: brand.id, name, code: name.toUpperCase().replace(/\s+/g, "") },
      });
      modelIds[b.code]!.push(m.id);
    }
  }
  for (const d of DEALERSHIPS) {
    await db.dealership.upsert({
      where: { code: d.code },
      update: {},
      create: { code: d.code, name: d.name, brandId: brandIds[d.brand]!, managerEmail: d.managerEmail },
    });
  }
  if ((await db.lead.count()) > 0) return;

  const stages = await db.stage.findMany();
  const stage = (name: string) => stages.find((s) => s.name === name)!;
  const sources = await db.leadSource.findMany();
  const source = (code: string) => sources.find((s) => s.code === code)!;
  const plan: { stage: string; user: string | null }[] = [];
  const total = opts.leads ?? 40;
  for (let i = 0; i < total; i++) {
    if (i % 5 < 3) plan.push({ stage: "New", user: null });
    else if (i % 5 === 3) plan.push({ stage: ["New", "Qualified", "Negotiation"][i % 3]!, user: i % 2 ? "agent1" : "agent2" });
    else plan.push({ stage: i % 2 ? "Qualified" : "Negotiation", user: "agent1" });
  }
  const dealerships = await db.dealership.findMany();
  await db.lead.createMany({
    data: plan.map((p, i) => {
      const brand = BRANDS[i % BRANDS.length]!;
      const first = FIRST[i % FIRST.length]!;
      const last = LAST[(i * 7) % LAST.length]!;
      const models = modelIds[brand.code]!;
      return {
        contactName: `${first} ${last}`,
        mobile: `+63917${String(5550000 + i)}`,
        email: `${first}.${last.replace(/\s+/g, "")}${i}@mail.example`.toLowerCase(),
        city: ["Makati", "Taguig", "Cebu City", "Quezon City"][i % 4],
        countryCode: "PH",
        brandId: brandIds[brand.code]!,
        dealershipId: dealerships.find((d) => d.brandId === brandIds[brand.code])?.id ?? null,
        vehicleModelId: models[i % models.length]!,
        sourceId: source(["inbound_call", "source_web_quotation", "source_web_test_drive", "walkin", "referral"][i % 5]!).id,
        stageId: stage(p.stage).id,
        userId: p.user ? users[p.user]! : null,
        claimedAt: p.user ? new Date() : null,
        priority: i % 4,
        createdById: users.manager!,
        createdAt: new Date(Date.now() - i * 3_600_000),
      };
    }),
  });
}
