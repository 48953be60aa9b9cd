import { z } from "zod";
import { patchSchemaOf } from "../src";

describe("patchSchemaOf", () => {
  const create = z.object({ name: z.string().min(1), active: z.boolean().default(true), sequence: z.number().default(10) }).strict();
  const patch = patchSchemaOf(create);

  it("leaves out what was not sent instead of filling in the create defaults", () => {
    expect(patch.parse({ name: "Renamed" })).toEqual({ name: "Renamed" });
    expect(create.parse({ name: "New" })).toEqual({ name: "New", active: true, sequence: 10 });
  });

  it("keeps every field's own rules and refuses unknown fields", () => {
    expect(patch.safeParse({ name: "" }).success).toBe(false);
    expect(patch.safeParse({ active: "yes" }).success).toBe(false);
    expect(patch.safeParse({ colour: "red" }).success).toBe(false);
    expect(patch.parse({ active: false, sequence: 5 })).toEqual({ active: false, sequence: 5 });
  });
});
