import { z } from "zod";

interface Choice<V extends string> {
  value: V;
  label: string;
}

/** An optional pick-one lead field: its values, how people read them, and how screens show it. */
function choiceField<const V extends readonly [string, ...string[]]>(d: {
  label: string;
  options: { [I in keyof V]: Choice<V[I]> };
  error: string;
  /** What the empty choice says in the forms. */
  placeholder: string;
  /** Shown on the lead cards after this icon, with "label: value" in the tooltip. */
  cardIcon?: string;
}) {
  const values = d.options.map((o) => o.value) as unknown as V;
  return { ...d, options: d.options as readonly Choice<V[number]>[], schema: z.enum(values, { error: d.error }) };
}

/**
 * Optional lead fields both services keep under the same name and the endorsement carries as they are: the one
 * declaration of each. The request schemas (nullish), the lead and card answers (nullable), the endorse contract,
 * the BPO's endorsement message, the dealer's intake, the card columns, the form drafts and the cards' tooltip are
 * derived from it, so such a field needs this entry, its Prisma column (same name on both sides) and its place in
 * each form.
 */
export const SHARED_LEAD_FIELDS = {
  preferredContactTime: choiceField({
    label: "Preferred contact time",
    options: [
      { value: "morning", label: "Morning" },
      { value: "afternoon", label: "Afternoon" },
      { value: "evening", label: "Evening" },
    ],
    error: "Preferred contact time must be morning, afternoon or evening",
    placeholder: "Any time",
    cardIcon: "☎",
  }),
};

type Fields = typeof SHARED_LEAD_FIELDS;
export type SharedLeadKey = keyof Fields;
export const SHARED_LEAD_KEYS = Object.keys(SHARED_LEAD_FIELDS) as SharedLeadKey[];

/** The shared fields' values as stored (null when not given). */
export type SharedLeadValues = { [K in SharedLeadKey]: z.output<Fields[K]["schema"]> | null };

const shape = <T>(of: (schema: Fields[SharedLeadKey]["schema"]) => T) =>
  Object.fromEntries(SHARED_LEAD_KEYS.map((k) => [k, of(SHARED_LEAD_FIELDS[k].schema)]));

/** For create/update requests and the endorse contract: optional, null clears. */
export const sharedLeadRequestFields = shape((s) => s.nullish()) as { [K in SharedLeadKey]: z.ZodOptional<z.ZodNullable<Fields[K]["schema"]>> };
/** For lead and card answers: always present, null when not set. */
export const sharedLeadResponseFields = shape((s) => s.nullable()) as { [K in SharedLeadKey]: z.ZodNullable<Fields[K]["schema"]> };

/** The shared fields of a lead, a request or a contract payload, missing ones as null. */
export const sharedLeadValues = (from: { [K in SharedLeadKey]?: SharedLeadValues[K] | undefined }): SharedLeadValues =>
  Object.fromEntries(SHARED_LEAD_KEYS.map((k) => [k, from[k] ?? null])) as SharedLeadValues;

/** A stored value as people read it (the option's label). */
export const sharedLeadValueLabel = (key: SharedLeadKey, value: string): string =>
  SHARED_LEAD_FIELDS[key].options.find((o) => o.value === value)?.label ?? value;

/** What a lead card shows of the shared fields: icon, value and the tooltip naming the field. */
export const sharedLeadCardHints = (lead: Partial<SharedLeadValues>): { key: SharedLeadKey; icon: string; text: string; title: string }[] =>
  SHARED_LEAD_KEYS.flatMap((key) => {
    const { cardIcon, label } = SHARED_LEAD_FIELDS[key];
    const value = lead[key];
    if (!cardIcon || !value) return [];
    const text = sharedLeadValueLabel(key, value);
    return [{ key, icon: cardIcon, text, title: `${label}: ${text}` }];
  });

/** The shared fields as a form's controls hold them: the stored value as text, "" when not set. */
export const sharedLeadDraft = (lead: Partial<SharedLeadValues> | null = null): Record<SharedLeadKey, string> =>
  Object.fromEntries(SHARED_LEAD_KEYS.map((k) => [k, lead?.[k] ?? ""])) as Record<SharedLeadKey, string>;
