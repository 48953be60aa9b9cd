// Demo data for one dealer instance (idempotent):
//   DATABASE_URL=postgresql://… DEALER_CODE=MAKATI [DEALER_SERVICE_KEY=…] tsx prisma/dealer/seed.ts
// DEALER_SERVICE_KEY, when set, is registered as the BPO service account's key for POST /rpc.
import { createDb } from "../../services/dealer-service/src/data-access/prisma";
import { DealerStore } from "../../services/dealer-service/src/data-access/dealer-store";
import { DEMO_PASSWORD, seedDemo } from "../../services/dealer-service/src/seed/demo-seed";

async function main() {
  const url = process.env.DATABASE_URL;
  const dealerCode = process.env.DEALER_CODE;
  if (!url || !dealerCode) throw new Error("Set DATABASE_URL and DEALER_CODE");
  const store = new DealerStore(createDb(url, { poolSize: 2 }));
  try {
    const res = await seedDemo(store, { dealerCode, serviceKey: process.env.DEALER_SERVICE_KEY || undefined });
    const lines = [
      `Dealer ${dealerCode} seeded. Logins (password ${DEMO_PASSWORD}):`,
      ...res.logins.map((l) => `  ${l.login.padEnd(8)} ${l.role}`),
      `Service account: ${res.serviceAccountLogin} (JSON-RPC only; ${res.serviceKeyRegistered ? "DEALER_SERVICE_KEY registered" : "issue a key with POST /api/service-keys as admin"})`,
    ];
    process.stdout.write(`${lines.join("\n")}\n`);
  } finally {
    await store.close();
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
});
