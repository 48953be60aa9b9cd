import { AppError, SecretBox } from "@crm/platform/core";
import type { DealerStore } from "../data-access/dealer-store";
import type { BpoPeer, BpoPeerFactory } from "../integrations/bpo-rpc-client";
import { type Actor, requireRole } from "./actor";
import type { BpoConnectionView, SetBpoConnectionRequest, TestConnectionResult } from "./admin-schemas";

/** The BPO this dealership reports outcomes to: URL + the BPO-issued key, sealed with SecretBox under APP_SECRET. */
export class BpoConnectionService {
  private readonly box: SecretBox;

  constructor(
    private readonly store: DealerStore,
    appSecret: string,
    private readonly peerFactory: BpoPeerFactory,
  ) {
    this.box = new SecretBox(appSecret);
  }

  async get(actor: Actor): Promise<BpoConnectionView> {
    requireRole(actor, "dealer_admin", "view the BPO connection");
    const c = await this.store.repos.bpoConnection.get();
    return { configured: !!c, url: c?.url ?? null, hasKey: !!c, updatedAt: c?.updatedAt ?? null };
  }

  async set(actor: Actor | null, input: SetBpoConnectionRequest): Promise<BpoConnectionView> {
    if (actor) requireRole(actor, "dealer_admin", "change the BPO connection");
    const url = input.url.replace(/\/+$/, "");
    const c = await this.store.repos.bpoConnection.set({ url, keySealed: this.box.seal(input.key), updatedById: actor?.id ?? null });
    return { configured: true, url: c.url, hasKey: true, updatedAt: c.updatedAt };
  }

  /** A client for the configured BPO; `unavailable` (retried by the outbox) while none is configured. */
  async peer(): Promise<BpoPeer> {
    const c = await this.store.repos.bpoConnection.get();
    if (!c) throw new AppError("unavailable", "bpo_connection_missing", "No BPO connection is configured on this dealership (Admin → BPO connection).");
    let key: string;
    try {
      key = this.box.open(c.keySealed);
    } catch {
      throw new AppError("unavailable", "bpo_key_unreadable", "The stored BPO key cannot be decrypted (APP_SECRET changed?): set the connection again.");
    }
    return this.peerFactory(c.url, key);
  }

  /** Test Connection: system.ping on the BPO, with a readable answer either way. */
  async test(actor: Actor): Promise<TestConnectionResult> {
    requireRole(actor, "dealer_admin", "test the BPO connection");
    const started = Date.now();
    try {
      const pong = await (await this.peer()).ping();
      return {
        ok: true,
        message: `Connected to ${pong.service.toUpperCase()} instance "${pong.instance}" as ${pong.caller} (contract v${pong.contractVersion})`,
        instance: pong.instance,
        caller: pong.caller,
        latencyMs: Date.now() - started,
      };
    } catch (e) {
      return { ok: false, message: `Connection failed: ${(e as Error).message}`, latencyMs: Date.now() - started };
    }
  }
}
