import type { z } from "zod";
import { AppError, type FieldIssue } from "./app-error";

export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join(".") || "(root)", message: i.message }));
}

/** Parses `input` or throws a validation AppError whose message names every bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what = "input"): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = toFieldIssues(result.error);
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join("; ");
  throw new AppError("validation", "validation_failed", `Invalid ${what}: ${summary}`, { issues });
}
