/** Unique-constraint violation, in terms the domain can act on without knowing Prisma. */
export class UniqueViolation extends Error {
  override name = "UniqueViolation";
  constructor(readonly fields: string[]) {
    super(`unique constraint on ${fields.join(", ")}`);
  }
}

/** A row the statement needed is referenced elsewhere (FK restrict). */
export class ReferencedRowError extends Error {
  override name = "ReferencedRowError";
}

interface PrismaKnownError {
  name: string;
  code: string;
  message: string;
  meta?: { target?: string[] | string; driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } };
}

const isPrismaKnownError = (e: unknown): e is PrismaKnownError =>
  typeof e === "object" && e !== null && (e as { name?: unknown }).name === "PrismaClientKnownRequestError" && typeof (e as { code?: unknown }).code === "string";

/**
 * Turns Prisma's constraint errors (P2002 unique, P2003/P2014 references) into the two errors above; anything
 * else passes through. Each service has its own generated client, so this goes by the error's shape.
 */
export function translateDbError(e: unknown): unknown {
  if (!isPrismaKnownError(e)) return e;
  if (e.code === "P2002") {
    const target = e.meta?.target ?? e.meta?.driverAdapterError?.cause?.constraint?.fields;
    return new UniqueViolation(Array.isArray(target) ? target : target ? [target] : []);
  }
  if (e.code === "P2003" || e.code === "P2014") return new ReferencedRowError(e.message);
  return e;
}
