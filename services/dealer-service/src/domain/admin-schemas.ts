import { z } from "zod";
import { ZNewUserFields, ZUserPasswordField } from "@crm/platform/core";
import { ROLES } from "./actor";

/* ---- Requests: users, service keys, the BPO connection (Dealer Admins) ---- */

export const ZCreateUserRequestSchema = z
  .object({
    ...ZNewUserFields,
    role: z.enum(ROLES),
    /** Not needed for service accounts: they never log in with a password. */
    password: ZUserPasswordField.optional(),
  })
  .strict();
export const ZUpdateUserRequestSchema = z
  .object({ name: z.string().trim().min(1).max(200), email: z.email().nullable(), active: z.boolean(), password: ZUserPasswordField })
  .partial()
  .strict();

export const ZIssueServiceKeyRequestSchema = z
  .object({
    userId: z.number({ error: "userId (a service account) is required" }).int().positive(),
    label: z.string().trim().min(1, "Label is required (e.g. the peer's name)").max(200),
  })
  .strict();

export const ZSetBpoConnectionRequestSchema = z
  .object({
    url: z.url("url must be the BPO's base URL, e.g. https://bpo.example.com").max(300),
    key: z.string().trim().min(8, "key is the service key the BPO issued to this dealership").max(500),
  })
  .strict();
export type SetBpoConnectionRequest = z.output<typeof ZSetBpoConnectionRequestSchema>;

/* ---- Responses (the web app types its fetches with these) ---- */

const id = z.number().int();

export const ZUserSchema = z.object({ id, login: z.string(), name: z.string(), email: z.string().nullable(), role: z.enum(ROLES), active: z.boolean() });
export const ZUsersResponseSchema = z.object({ users: z.array(ZUserSchema) });
export type UserAccount = z.input<typeof ZUserSchema>;

/** Hashes are never shown; the plaintext key only in the answer that issues it. */
export const ZServiceKeySchema = z.object({ id, userId: id, label: z.string(), createdAt: z.date(), revokedAt: z.date().nullable() });
export const ZIssuedServiceKeySchema = ZServiceKeySchema.extend({ key: z.string() });
export const ZServiceKeysResponseSchema = z.object({ keys: z.array(ZServiceKeySchema) });
export type ServiceKey = z.input<typeof ZServiceKeySchema>;

/** What Admins see: never the key, only whether one is stored. */
export const ZBpoConnectionResponseSchema = z.object({ configured: z.boolean(), url: z.string().nullable(), hasKey: z.boolean(), updatedAt: z.date().nullable() });
export type BpoConnectionView = z.input<typeof ZBpoConnectionResponseSchema>;

export const ZTestConnectionResponseSchema = z.object({
  ok: z.boolean(),
  message: z.string(),
  instance: z.string().optional(),
  caller: z.string().optional(),
  latencyMs: z.number(),
});
export type TestConnectionResult = z.input<typeof ZTestConnectionResponseSchema>;

/** GET /instance: which dealership this is. */
export const ZDealershipInstanceSchema = z.object({
  code: z.string(),
  name: z.string(),
  /** IANA zone whose calendar days the created-date filters count. */
  timeZone: z.string(),
});
export type DealershipInstance = z.input<typeof ZDealershipInstanceSchema>;
