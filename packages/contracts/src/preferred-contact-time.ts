import { z } from "zod";

/** When the customer prefers to be called (optional on BPO and dealer leads; the endorsement carries it). */
export const PREFERRED_CONTACT_TIMES = [
  { value: "morning", label: "Morning" },
  { value: "afternoon", label: "Afternoon" },
  { value: "evening", label: "Evening" },
] as const;

export type PreferredContactTime = (typeof PREFERRED_CONTACT_TIMES)[number]["value"];

export const ZPreferredContactTime = z.enum(["morning", "afternoon", "evening"], {
  error: "Preferred contact time must be morning, afternoon or evening",
});

export const contactTimeLabel = (value: PreferredContactTime): string =>
  PREFERRED_CONTACT_TIMES.find((t) => t.value === value)?.label ?? value;
