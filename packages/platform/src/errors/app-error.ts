/**
 * The one error type domain code throws. `kind` says what went wrong in transport-neutral terms; edges
 * (HTTP, JSON-RPC, jobs) map it to their own codes. `code` is a stable string clients can branch on.
 */
export type AppErrorKind =
  | "validation"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "precondition"
  | "rate_limited"
  | "unavailable"
  | "internal";

export interface FieldIssue {
  path: string;
  message: string;
}

const CLIENT_KINDS: ReadonlySet<AppErrorKind> = new Set<AppErrorKind>(["validation", "unauthenticated", "forbidden", "not_found", "conflict", "precondition", "rate_limited"]);

export class AppError extends Error {
  readonly kind: AppErrorKind;
  readonly code: string;
  readonly details?: Record<string, unknown>;
  readonly issues?: FieldIssue[];

  constructor(
    kind: AppErrorKind,
    code: string,
    message: string,
    opts: { details?: Record<string, unknown>; issues?: FieldIssue[]; cause?: unknown } = {},
  ) {
    // A refusal the client caused is an expected answer, not a fault to trace: capturing its stack was a few per
    // cent of the API's CPU in the claim race (mostly 409s). Faults (internal, unavailable) keep theirs.
    const stackLimit = Error.stackTraceLimit;
    if (CLIENT_KINDS.has(kind)) Error.stackTraceLimit = 0;
    try {
      super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    } finally {
      Error.stackTraceLimit = stackLimit;
    }
    this.name = "AppError";
    this.kind = kind;
    this.code = code;
    this.details = opts.details;
    this.issues = opts.issues;
  }

  /** True for errors a client caused and can fix; they are not logged as failures. */
  get isClientError(): boolean {
    return CLIENT_KINDS.has(this.kind);
  }
}

export const notFound = (what: string, id?: string | number) =>
  new AppError("not_found", "not_found", id === undefined ? `${what} not found` : `${what} ${id} not found`);

export const forbidden = (message: string) => new AppError("forbidden", "forbidden", message);

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
