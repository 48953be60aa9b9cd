import { z } from "zod";

/* ---- Requests: customers (res.partner) ---- */

const optText = (max = 200) => z.string().trim().max(max).transform((v) => (v === "" ? null : v)).nullish();
const partnerFields = {
  mobile: optText(40),
  email: z.string().trim().toLowerCase().max(254).transform((v) => (v === "" ? null : v)).pipe(z.email("Email is not a valid address").nullable()).nullish(),
  phone: optText(40),
  street: optText(),
  city: optText(100),
  zipCode: optText(20),
  countryId: z.number().int().positive().nullish(),
  stateId: z.number().int().positive().nullish(),
};
export const ZCreatePartnerRequestSchema = z.object({ name: z.string().trim().min(1, "Name is required").max(200), ...partnerFields }).strict();
export const ZUpdatePartnerRequestSchema = z
  .object({ name: z.string().trim().min(1).max(200).optional(), ...partnerFields, active: z.boolean().optional() })
  .strict();

/* ---- Responses ---- */

const id = z.number().int();

/** A customer as GET /partners/:id and every partner write answer it. */
export const ZPartnerSchema = z.object({
  id,
  name: z.string(),
  mobile: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  street: z.string().nullable(),
  city: z.string().nullable(),
  zipCode: z.string().nullable(),
  countryId: id.nullable(),
  stateId: id.nullable(),
  active: z.boolean(),
});
export const ZPartnersResponseSchema = z.object({ partners: z.array(ZPartnerSchema) });
export type Partner = z.input<typeof ZPartnerSchema>;
