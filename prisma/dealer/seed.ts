// Demo data for one dealer instance (idempotent):
//   DATABASE_URL=postgresql://… DEALER_CODE=MAKATI [DEALER_SERVICE_KEY=…] tsx prisma/dealer/seed.ts
// DEALER_SERVICE_KEY, when set, is registered as the BPO service account's key for POST /rpc.
// BPO_URL + BPO_SERVICE_KEY (+ APP_SECRET, the instance's), when set, store the connection this dealer uses to call
// the BPO (outcome callbacks); BPO_SERVICE_KEY is the key the BPO issued to this dealer. Re-running overwrites it.
import { createDb } from "../../services/dealer-service/src/data-access/prisma";
import { DealerStore } from "../../services/dealer-service/src/data-access/dealer-store";
import { DEMO_PASSWORD, seedDemo } from "../../services/dealer-service/src/data-access/demo-seed";
import { BpoConnectionService } from "../../services/dealer-service/src/domain/bpo-connection-service";
import { bpoPeerFactory } from "../../services/dealer-service/src/integrations/bpo-rpc-client";

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
    const bpoUrl = process.env.BPO_URL;
    const bpoKey = process.env.BPO_SERVICE_KEY;
    if (bpoUrl && bpoKey) {
      const appSecret = process.env.APP_SECRET;
      if (!appSecret || appSecret.length < 32) throw new Error("Set APP_SECRET (the dealer instance's, at least 32 characters) to store the BPO connection");
      const conn = await new BpoConnectionService(store, appSecret, bpoPeerFactory(10_000)).set(null, { url: bpoUrl, key: bpoKey });
      lines.push(`BPO connection: ${conn.url} (key stored encrypted)`);
    } else if (bpoUrl || bpoKey) {
      throw new Error("Set both BPO_URL and BPO_SERVICE_KEY, or neither");
    }
    process.stdout.write(`${lines.join("\n")}\n`);
  } finally {
    await store.close();
  }
}

main().catch((e) => {
  process.stderr.write(`${(e as Error).message}\n`);
  process.exit(1);
});
