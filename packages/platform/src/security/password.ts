import { hash, verify } from "@node-rs/argon2";

// argon2id with the library defaults (19 MiB, 2 passes): OWASP's recommended minimum.
export const hashPassword = (plain: string): Promise<string> => hash(plain);

export async function verifyPassword(stored: string, plain: string): Promise<boolean> {
  try {
    return await verify(stored, plain);
  } catch {
    return false;
  }
}
