import type { z } from "zod";
import { AppError, hashToken, newToken, notFound } from "@crm/platform/core";
import type { RpcCaller } from "@crm/platform/http";
import type { DealerStore, ServiceKeyRecord } from "../data-access/dealer-store";
import { type Actor, requireRole } from "./actor";
import type { ZIssueServiceKeyRequestSchema } from "./admin-schemas";

/** Keys peers use on POST /rpc. Admins issue (plaintext shown once) and revoke them; only hashes are stored. */
export class ServiceKeyService {
  constructor(private readonly store: DealerStore) {}

  list(actor: Actor): Promise<ServiceKeyRecord[]> {
    requireRole(actor, "dealer_admin", "manage service keys");
    return this.store.repos.users.listServiceKeys();
  }

  async issue(actor: Actor, input: z.output<typeof ZIssueServiceKeyRequestSchema>): Promise<ServiceKeyRecord & { key: string }> {
    requireRole(actor, "dealer_admin", "issue service keys");
    const user = await this.store.repos.users.findById(input.userId);
    if (!user || user.role !== "service_account" || !user.active) {
      throw new AppError("validation", "not_a_service_account", `User ${input.userId} is not an active service account`, { issues: [{ path: "userId", message: "Not an active service account" }] });
    }
    const key = newToken("dsk_");
    const record = await this.store.repos.users.createServiceKey({ userId: user.id, keyHash: hashToken(key), label: input.label });
    return { ...record, key };
  }

  async revoke(actor: Actor, id: number): Promise<ServiceKeyRecord> {
    requireRole(actor, "dealer_admin", "revoke service keys");
    const k = await this.store.repos.users.findServiceKey(id);
    if (!k) throw notFound("Service key", id);
    return k.revokedAt ? k : this.store.repos.users.revokeServiceKey(id, new Date());
  }

  /** POST /rpc authentication: a live key of an active service account. */
  async authenticate(key: string): Promise<RpcCaller | null> {
    const user = await this.store.repos.users.findServiceKeyUser(hashToken(key));
    return user && user.role === "service_account" ? { id: user.id, name: user.login } : null;
  }
}
