import type { DbClient } from "./db-client";
import type { Prisma } from "./prisma-client/client";

export interface DealershipConnectionRecord {
  dealershipId: number;
  code: string;
  name: string;
  rpcUrl: string | null;
  rpcKeySealed: string | null;
}

const peerKeySelect = { id: true, dealershipId: true, label: true, createdAt: true, revokedAt: true } as const;
/** A key a dealership calls the BPO with (never its hash): the Prisma row of the select above. */
export type PeerKeyRecord = Prisma.PeerKeyGetPayload<{ select: typeof peerKeySelect }>;

/** The BPO's links to dealer-services: where to call them, and the keys they call us with. */
export class DealerLinkRepository {
  constructor(private readonly db: DbClient) {}

  async findConnection(dealershipId: number): Promise<DealershipConnectionRecord | null> {
    const d = await this.db.dealership.findUnique({
      where: { id: dealershipId },
      select: { id: true, code: true, name: true, rpcUrl: true, rpcKeySealed: true },
    });
    return d ? { dealershipId: d.id, code: d.code, name: d.name, rpcUrl: d.rpcUrl, rpcKeySealed: d.rpcKeySealed } : null;
  }

  async setConnection(dealershipId: number, rpcUrl: string | null, rpcKeySealed: string | null): Promise<void> {
    await this.db.dealership.update({ where: { id: dealershipId }, data: { rpcUrl, rpcKeySealed } });
  }

  async createPeerKey(data: { dealershipId: number; keyHash: string; label: string }): Promise<PeerKeyRecord> {
    return this.db.peerKey.create({ data, select: peerKeySelect });
  }

  listPeerKeys(dealershipId: number): Promise<PeerKeyRecord[]> {
    return this.db.peerKey.findMany({
      where: { dealershipId },
      select: peerKeySelect,
      orderBy: { id: "asc" },
    });
  }

  async revokePeerKey(id: number, dealershipId: number): Promise<boolean> {
    const n = await this.db.peerKey.updateMany({ where: { id, dealershipId, revokedAt: null }, data: { revokedAt: new Date() } });
    return n.count === 1;
  }

  /** The dealership behind an unrevoked key hash, for /rpc authentication. */
  async findDealershipByKeyHash(keyHash: string): Promise<{ id: number; code: string; name: string } | null> {
    const k = await this.db.peerKey.findUnique({
      where: { keyHash },
      select: { revokedAt: true, dealership: { select: { id: true, code: true, name: true, active: true } } },
    });
    if (!k || k.revokedAt || !k.dealership.active) return null;
    return { id: k.dealership.id, code: k.dealership.code, name: k.dealership.name };
  }
}
