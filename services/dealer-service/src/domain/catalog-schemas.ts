import { z } from "zod";
import { patchSchemaOf } from "@crm/platform/core";

/* ---- Requests: configuration (dealer-1), Dealer Admins change it ---- */

const code = (label: string) =>
  z.string().trim().min(1, `${label} is required`).max(40).regex(/^[A-Za-z0-9_.-]+$/, `${label} may contain letters, digits, _ . -`);

export const ZCreateBrandRequestSchema = z.object({ code: code("Code").transform((v) => v.toUpperCase()), name: z.string().trim().min(1).max(200) }).strict();
export const ZUpdateBrandRequestSchema = z
  .object({ code: code("Code").transform((v) => v.toUpperCase()), name: z.string().trim().min(1).max(200), active: z.boolean() })
  .partial()
  .strict();
export const ZCreateProductRequestSchema = z
  .object({
    brandId: z.number().int().positive("Brand is required"),
    defaultCode: code("Internal reference"),
    name: z.string().trim().min(1, "Name is required").max(200),
    listPrice: z.number().min(0).max(1e11).default(0),
  })
  .strict();
export const ZUpdateProductRequestSchema = patchSchemaOf(ZCreateProductRequestSchema.omit({ brandId: true }).extend({ active: z.boolean() }));
export const ZCreateSourceRequestSchema = z
  .object({
    code: z.string().trim().regex(/^[a-z0-9_]{1,40}$/, "Code may contain a-z, 0-9 and _ (at most 40)"),
    name: z.string().trim().min(1).max(200),
    sequence: z.number().int().min(0).max(10_000).optional(),
  })
  .strict();
export const ZUpdateSourceRequestSchema = z
  .object({ name: z.string().trim().min(1).max(200), sequence: z.number().int().min(0).max(10_000), active: z.boolean() })
  .partial()
  .strict();
export const ZCreateLostReasonRequestSchema = ZCreateSourceRequestSchema;
// The code may be sent back unchanged (a form posting the whole row); a different one is refused in the domain.
export const ZUpdateLostReasonRequestSchema = ZUpdateSourceRequestSchema.extend({ code: z.string().trim().max(40).optional() });

/* ---- Responses: what the configuration routes answer (the web app types its fetches with these) ---- */

const id = z.number().int();

export const ZBrandSchema = z.object({ id, code: z.string(), name: z.string(), active: z.boolean() });
export const ZProductSchema = z.object({ id, brandId: id, defaultCode: z.string(), name: z.string(), listPrice: z.number(), active: z.boolean() });
export const ZCountrySchema = z.object({ id, code: z.string(), name: z.string() });
export const ZStateSchema = z.object({ id, countryId: id, code: z.string(), name: z.string() });
export const ZLeadSourceSchema = z.object({
  id,
  code: z.string(),
  name: z.string(),
  sequence: z.number().int(),
  /** false for the endorsement sources only the BPO push may stamp. */
  manual: z.boolean(),
  active: z.boolean(),
});
export const ZLostReasonSchema = z.object({ id, code: z.string(), name: z.string(), sequence: z.number().int(), active: z.boolean() });

export const ZBrandsResponseSchema = z.object({ brands: z.array(ZBrandSchema) });
export const ZProductsResponseSchema = z.object({ products: z.array(ZProductSchema) });
export const ZCountriesResponseSchema = z.object({ countries: z.array(ZCountrySchema) });
export const ZStatesResponseSchema = z.object({ states: z.array(ZStateSchema) });
export const ZLeadSourcesResponseSchema = z.object({ sources: z.array(ZLeadSourceSchema) });
export const ZLostReasonsResponseSchema = z.object({ lostReasons: z.array(ZLostReasonSchema) });

export type Brand = z.input<typeof ZBrandSchema>;
export type Product = z.input<typeof ZProductSchema>;
export type Country = z.input<typeof ZCountrySchema>;
export type StateRef = z.input<typeof ZStateSchema>;
export type LeadSource = z.input<typeof ZLeadSourceSchema>;
export type LostReason = z.input<typeof ZLostReasonSchema>;
