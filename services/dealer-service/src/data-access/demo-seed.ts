import { hashPassword, hashToken } from "@crm/platform/core";
import type { DealerStore } from "./dealer-store";

export const DEMO_PASSWORD = "demo1234!";

/** Brand codes match the BPO demo brands, so endorsements resolve by code. */
const CATALOG = [
  {
    code: "CHERY",
    name: "Chery",
    products: [
      { defaultCode: "TIGGO2PRO", name: "Chery Tiggo 2 Pro", listPrice: 758_000 },
      { defaultCode: "TIGGO5X", name: "Chery Tiggo 5x", listPrice: 998_000 },
      { defaultCode: "TIGGO7PRO", name: "Chery Tiggo 7 Pro", listPrice: 1_398_000 },
      { defaultCode: "TIGGO8PRO", name: "Chery Tiggo 8 Pro", listPrice: 1_788_000 },
    ],
  },
  {
    code: "JAECOO",
    name: "Jaecoo",
    products: [
      { defaultCode: "J7", name: "Jaecoo J7", listPrice: 1_699_000 },
      { defaultCode: "J7PHEV", name: "Jaecoo J7 PHEV", listPrice: 1_999_000 },
      { defaultCode: "J8", name: "Jaecoo J8", listPrice: 2_499_000 },
    ],
  },
];

export interface SeedResult {
  logins: { login: string; role: string }[];
  serviceAccountLogin: string;
  serviceKeyRegistered: boolean;
}

/**
 * Demo data for one dealer instance; safe to run again (every write is an upsert). When `serviceKey` is
 * given, its hash is registered for the BPO service account so the demo can configure both sides with it.
 */
export async function seedDemo(store: DealerStore, opts: { dealerCode: string; serviceKey?: string }): Promise<SeedResult> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return store.transaction(async (r) => {
    for (const b of CATALOG) {
      const brand = await r.catalog.upsertBrand({ code: b.code, name: b.name });
      for (const p of b.products) await r.catalog.upsertProduct({ brandId: brand.id, ...p });
    }
    const code = opts.dealerCode.toLowerCase();
    const people = [
      { login: "admin", name: `Admin (${opts.dealerCode})`, role: "dealer_admin" as const },
      { login: "manager", name: `Sales Manager (${opts.dealerCode})`, role: "dealer_manager" as const },
      { login: "user", name: `Sales Executive (${opts.dealerCode})`, role: "dealer_user" as const },
    ];
    for (const p of people) await r.users.upsert({ ...p, email: `${p.login}@${code}.dealer.test`, passwordHash });
    const sa = await r.users.upsert({ login: "bpo-service", name: "BPO CRM (service account)", email: null, role: "service_account", passwordHash });
    if (opts.serviceKey) await r.users.upsertServiceKey({ userId: sa.id, keyHash: hashToken(opts.serviceKey), label: "BPO CRM (seeded)" });
    return { logins: people.map(({ login, role }) => ({ login, role })), serviceAccountLogin: sa.login, serviceKeyRegistered: Boolean(opts.serviceKey) };
  });
}
