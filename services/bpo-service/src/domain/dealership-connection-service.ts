import { z } from "zod";
import {
  CONTRACT_VERSION,
  RpcErrorCode,
  SYSTEM_PING,
  ZSystemPingResponseSchema,
} from "@crm/contracts";
import { AppError, RpcRemoteError, type SecretBox, hashToken, newToken, notFound } from "@crm/platform/core";
import type { RpcCaller } from "@crm/platform/http";
import type { BpoStore } from "../data-access/bpo-store";
import type { DealerRpcClientFactory } from "../integrations/dealer-rpc-client";
import { type Actor, requireRole } from "./actor";
import { type ConnectionCheck, ZSetDealershipConnectionRequestSchema } from "./dealership-connection-schemas";

/** What a flow that calls dealerships needs of the link: a client for one, or a readable refusal. */
export type DealerClients = Pick<DealershipConnectionService, "clientFor">;

/**
 * The BPO's side of the dealership link: where the dealer-service is and the key it gave us (sealed at
 * rest, never returned), and the keys we issue to it for its callbacks (only hashes stored).
 */
export class DealershipConnectionService {
  constructor(
    private readonly store: BpoStore,
    private readonly box: SecretBox,
    private readonly clients: DealerRpcClientFactory,
  ) {}

  async get(actor: Actor, dealershipId: number) {
    requireRole(actor, "manager", "see dealership connections");
    const c = await this.store.repos.dealerLinks.findConnection(dealershipId);
    if (!c) throw notFound("Dealership", dealershipId);
    return { dealershipId, url: c.rpcUrl, hasKey: c.rpcKeySealed !== null };
  }

  async set(actor: Actor, dealershipId: number, input: z.output<typeof ZSetDealershipConnectionRequestSchema>) {
    requireRole(actor, "manager", "configure dealership connections");
    const current = await this.store.repos.dealerLinks.findConnection(dealershipId);
    if (!current) throw notFound("Dealership", dealershipId);
    const sealed = input.key ? this.box.seal(input.key) : current.rpcKeySealed;
    if (!sealed) throw new AppError("validation", "validation_failed", "Service key is required for a new connection", { issues: [{ path: "key", message: "Service key is required" }] });
    await this.store.repos.dealerLinks.setConnection(dealershipId, input.url.replace(/\/+$/, ""), sealed);
    return this.get(actor, dealershipId);
  }

  async clear(actor: Actor, dealershipId: number): Promise<void> {
    requireRole(actor, "manager", "configure dealership connections");
    if (!(await this.store.repos.dealerLinks.findConnection(dealershipId))) throw notFound("Dealership", dealershipId);
    await this.store.repos.dealerLinks.setConnection(dealershipId, null, null);
  }

  /** A client for the dealership, or a readable refusal when it is not configured (bpo-2 troubleshooting). */
  async clientFor(dealershipId: number) {
    const c = await this.store.repos.dealerLinks.findConnection(dealershipId);
    if (!c) throw notFound("Dealership", dealershipId);
    if (!c.rpcUrl || !c.rpcKeySealed) {
      throw new AppError("precondition", "dealership_not_configured", `Dealership ${c.name} has no connection configured. Set its URL and service key, then use Test Connection.`);
    }
    return { client: this.clients(c.rpcUrl, this.box.open(c.rpcKeySealed)), dealership: c };
  }

  /** Test Connection: reach the dealer-service, authenticate with the stored key, compare contract versions. */
  async test(actor: Actor, dealershipId: number): Promise<{ ok: boolean; checks: ConnectionCheck[] }> {
    requireRole(actor, "manager", "test dealership connections");
    const { client, dealership } = await this.clientFor(dealershipId);
    const checks: ConnectionCheck[] = [];
    try {
      const pong = await client.call(SYSTEM_PING, { contractVersion: CONTRACT_VERSION }, ZSystemPingResponseSchema);
      checks.push({ name: "reach", ok: true, detail: `${dealership.rpcUrl} answered as ${pong.instance}` });
      checks.push({ name: "authenticate", ok: true, detail: `Accepted as ${pong.caller}` });
      checks.push({ name: "contract", ok: pong.contractVersion === CONTRACT_VERSION, detail: `Contract version ${pong.contractVersion} (ours ${CONTRACT_VERSION})` });
    } catch (e) {
      if (e instanceof RpcRemoteError && e.rpcCode === RpcErrorCode.Unauthenticated) {
        checks.push({ name: "reach", ok: true, detail: `${dealership.rpcUrl} answered` });
        checks.push({ name: "authenticate", ok: false, detail: "The dealership refused the service key. Ask its admin for a new key." });
      } else {
        checks.push({ name: "reach", ok: false, detail: (e as Error).message });
      }
    }
    return { ok: checks.every((c) => c.ok), checks };
  }

  async issuePeerKey(actor: Actor, dealershipId: number, label: string) {
    requireRole(actor, "manager", "issue service keys");
    if (!(await this.store.repos.dealerLinks.findConnection(dealershipId))) throw notFound("Dealership", dealershipId);
    const key = newToken("bpok_");
    const rec = await this.store.repos.dealerLinks.createPeerKey({ dealershipId, keyHash: hashToken(key), label });
    // The only time the plaintext exists outside the dealer's config: it is not stored here.
    return { ...rec, key };
  }

  async listPeerKeys(actor: Actor, dealershipId: number) {
    requireRole(actor, "manager", "see service keys");
    return this.store.repos.dealerLinks.listPeerKeys(dealershipId);
  }

  async revokePeerKey(actor: Actor, dealershipId: number, keyId: number): Promise<void> {
    requireRole(actor, "manager", "revoke service keys");
    if (!(await this.store.repos.dealerLinks.revokePeerKey(keyId, dealershipId))) throw notFound("Active service key", keyId);
  }

  /** /rpc authentication: the dealership a bearer key belongs to. */
  async authenticatePeer(key: string): Promise<RpcCaller | null> {
    const d = await this.store.repos.dealerLinks.findDealershipByKeyHash(hashToken(key));
    return d ? { id: d.id, name: d.code, displayName: d.name } : null;
  }
}
