import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { type DealerTestApp, startDealerTestApp } from "../../../dealer-service/test/helpers/dealer-test-app";

export interface RunningDealer {
  d: DealerTestApp;
  url: string;
  /** The key this dealership issued to the BPO's service account. */
  serviceKey: string;
  serviceAccountLogin: string;
  stop(): Promise<void>;
}

/** A real dealer-service on its own database, listening on a free loopback port. */
export async function startRunningDealer(env: Record<string, string> = {}): Promise<RunningDealer> {
  const d = await startDealerTestApp(env);
  const server: Server = await new Promise((resolve) => {
    const s = d.app.listen(0, "127.0.0.1", () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const admin = await d.user("dealer_admin");
  const account = await d.user("service_account", "BPO service");
  const { key } = await d.c.serviceKeys.issue({ id: admin.id, name: admin.name, role: "dealer_admin" }, { userId: account.id, label: "BPO" });
  return {
    d,
    url,
    serviceKey: key,
    serviceAccountLogin: account.login,
    async stop() {
      await new Promise<void>((r) => server.close(() => r()));
      await d.close();
    },
  };
}
