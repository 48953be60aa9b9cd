import { z } from "zod";
import { ZNewUserFields, ZUserPasswordField } from "@crm/platform/core";
import { ROLES } from "./actor";

export const ZCreateUserRequestSchema = z
  .object({
    ...ZNewUserFields,
    role: z.enum(ROLES),
    password: ZUserPasswordField,
  })
  .strict();
export const ZUpdateUserRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(200),
    email: z.email().nullable(),
    role: z.enum(ROLES),
    active: z.boolean(),
    password: ZUserPasswordField,
  })
  .partial()
  .strict();

/** A user as configuration and the assignee pickers list them (never the password). */
export const ZUserSchema = z.object({
  id: z.number().int(),
  login: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  role: z.enum(ROLES),
  active: z.boolean(),
});
export type UserResponse = z.input<typeof ZUserSchema>;
export const ZUsersResponseSchema = z.object({ users: z.array(ZUserSchema) });
