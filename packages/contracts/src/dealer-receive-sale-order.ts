import { z } from "zod";
import { ZContractVersion } from "./contract-version";

export const DEALER_RECEIVE_SALE_ORDER = "dealer.receiveSaleOrder";

/** BPO Mark Won (bpo-2): partner lookup/create and a sale order for the lead's vehicle on the dealer side. */
export const ZReceiveSaleOrderRequestSchema = z
  .object({
    contractVersion: ZContractVersion,
    bpoSourceLeadId: z.number().int().positive(),
    bpoSourceLeadName: z.string().trim().min(1).max(40),
    bpoSourceUrl: z.url().max(300),
    customer: z
      .object({
        name: z.string().trim().min(1).max(200),
        mobile: z.string().trim().min(1).max(40),
        email: z.email().max(254).nullish(),
        phone: z.string().trim().max(40).nullish(),
        street: z.string().trim().max(200).nullish(),
        city: z.string().trim().max(100).nullish(),
      })
      .strict(),
    brandCode: z.string().trim().min(1).max(40),
    productCode: z.string().trim().max(60).nullish(),
    vehicleModelName: z.string().trim().max(100).nullish(),
    quantity: z.number().int().min(1).max(1000).default(1),
    unitPrice: z.number().min(0).max(1e11).nullish(),
  })
  .strict();
export type ReceiveSaleOrderRequest = z.output<typeof ZReceiveSaleOrderRequestSchema>;

export const ZReceiveSaleOrderResponseSchema = z.object({
  saleOrderId: z.number().int(),
  saleOrderName: z.string(),
  partnerId: z.number().int(),
  /** false when this BPO lead already had an order (the same lead never creates two). */
  created: z.boolean(),
});
export type ReceiveSaleOrderResponse = z.output<typeof ZReceiveSaleOrderResponseSchema>;
