import { z } from "zod";

export const ZSetDealershipConnectionRequestSchema = z
  .object({
    url: z.url("URL must be absolute, e.g. https://makati.dealer.example").max(300).refine((u) => /^https?:\/\//.test(u), "URL must be http(s)"),
    /** The service key the dealership issued to the BPO; omit to keep the stored one. */
    key: z.string().trim().min(16, "Service key looks too short").max(500).optional(),
  })
  .strict();

export const ZIssuePeerKeyRequestSchema = z.object({ label: z.string().trim().min(1).max(100).default("dealer callbacks") }).strict();

/* ---- Responses: what the dealership connection routes answer ---- */

/** Where the dealer-service is and whether its key is stored (the key itself is never returned). */
export const ZDealershipConnectionResponseSchema = z.object({ dealershipId: z.number().int(), url: z.string().nullable(), hasKey: z.boolean() });
const ZConnectionCheckSchema = z.object({ name: z.string(), ok: z.boolean(), detail: z.string() });
export type ConnectionCheck = z.input<typeof ZConnectionCheckSchema>;
/** Test Connection: each check (reachable, key accepted, contract version) with what it found. */
export const ZConnectionTestResponseSchema = z.object({ ok: z.boolean(), checks: z.array(ZConnectionCheckSchema) });
/** A key issued to a dealership for its callbacks (only its hash is stored). */
export const ZPeerKeySchema = z.object({ id: z.number().int(), dealershipId: z.number().int(), label: z.string(), createdAt: z.date(), revokedAt: z.date().nullable() });
export const ZPeerKeysResponseSchema = z.object({ keys: z.array(ZPeerKeySchema) });
/** POST …/peer-keys: the new key, in plaintext this once. */
export const ZIssuedPeerKeyResponseSchema = ZPeerKeySchema.extend({ key: z.string() });
export type DealershipConnectionResponse = z.input<typeof ZDealershipConnectionResponseSchema>;
export type ConnectionTestResponse = z.input<typeof ZConnectionTestResponseSchema>;
export type PeerKeyResponse = z.input<typeof ZPeerKeySchema>;
