import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** A random, URL-safe bearer token (256 bits). */
export const newToken = (prefix = ""): string => prefix + randomBytes(32).toString("base64url");

/** What we store instead of a token: its SHA-256, so a database leak reveals no usable credential. */
export const hashToken = (token: string): string => createHash("sha256").update(token).digest("hex");

export function safeEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && timingSafeEqual(ba, bb);
}
