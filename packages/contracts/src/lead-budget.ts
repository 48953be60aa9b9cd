import { z } from "zod";

const BUDGET_ORDER_MESSAGE = "Budget min cannot exceed budget max";

const inOrder = (v: { budgetMin?: number | null; budgetMax?: number | null }) =>
  v.budgetMin == null || v.budgetMax == null || v.budgetMin <= v.budgetMax;

/**
 * A lead's budget range, min ≤ max: the one place the rule is written. The request schemas of both services
 * refine with it, the lead services check it against the stored lead merged with a patch (a patch may carry one
 * end only), and both lead forms run it for their in-place error.
 */
export const ZLeadBudgetSchema = z
  .object({ budgetMin: z.number().nullish(), budgetMax: z.number().nullish() })
  .refine(inOrder, { message: BUDGET_ORDER_MESSAGE, path: ["budgetMin"] });

/** The same rule as a refinement of a larger object schema (create / update requests). */
export const budgetInOrder: [typeof inOrder, { message: string; path: PropertyKey[] }] = [inOrder, { message: BUDGET_ORDER_MESSAGE, path: ["budgetMin"] }];
