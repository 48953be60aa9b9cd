import { z } from "zod";

/** Optional text: trimmed, empty string means "clear it" (null). */
export const optionalText = (label: string, max = 200) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .transform((v) => (v === "" ? null : v))
    .nullish();

/** Optional non-negative amount. */
export const optionalMoney = (label: string) =>
  z.number({ error: `${label} must be a number` }).min(0, `${label} cannot be negative`).max(1e11).nullish();

/** Optional reference to another record. */
export const optionalId = (label: string) =>
  z.number({ error: `${label} must be an id` }).int().positive(`${label} must be an id`).nullish();

/** Phone-like text: digits, spaces and + ( ) - . / */
export const MOBILE_PATTERN = /^[0-9+()\-.\s/]{3,40}$/;
