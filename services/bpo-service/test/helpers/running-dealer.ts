import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { type DealerTestApp, startDealerTestApp } from "../../../dealer-service/test/helpers/dealer-test-app";
import type { BpoTestApp, TestUser } from "./bpo-test-app";

export interface RunningDealer {
  d: DealerTestApp;
  url: string;
  /** The key this dealership issued to the BPO's service account. */
  serviceKey: string;
  serviceAccountLogin: string;
  /** Stops answering HTTP (connections refused) until resume(), keeping the database. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
}

/** A real dealer-service on its own database, listening on a free loopback port. */
export async function startRunningDealer(env: Record<string, string> = {}): Promise<RunningDealer> {
  const d = await startDealerTestApp(env);
  const listen = (port: number): Promise<Server> =>
    new Promise((resolve) => {
      const s = d.app.listen(port, "127.0.0.1", () => resolve(s));
    });
  let server: Server | null = await listen(0);
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const close = async () => {
    const s = server;
    server = null;
    if (s) {
      s.closeAllConnections();
      await new Promise<void>((r) => s.close(() => r()));
    }
  };
  const admin = await d.user("dealer_admin");
  const account = await d.user("service_account", "BPO service");
  const { key } = await d.c.serviceKeys.issue({ id: admin.id, name: admin.name, role: "dealer_admin" }, { userId: account.id, label: "BPO" });
  return {
    d,
    url,
    serviceKey: key,
    serviceAccountLogin: account.login,
    pause: close,
    async resume() {
      if (!server) server = await listen(port);
    },
    async stop() {
      await close();
      await d.close();
    },
  };
}

/**
 * Lets `dealer` call back to the BPO at `bpoUrl` (outcomes, sale orders): the BPO issues a key for the dealership
 * as its Manager would, and the dealer stores it as its BPO connection. Answers the key.
 */
export async function connectDealerCallbacks(t: BpoTestApp, manager: TestUser, dealershipId: number, dealer: RunningDealer, bpoUrl: string): Promise<string> {
  const key = (await t.as(manager).post(`/api/dealerships/${dealershipId}/peer-keys`, { label: "callbacks" })).body.key as string;
  await dealer.d.c.bpoConnection.set(null, { url: bpoUrl, key });
  return key;
}
