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
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = "AppError";
    this.kind = kind;
    this.code = code;
    this.details = opts.details;
    this.issues = opts.issues;
  }

  /** True for errors a client caused and can fix; they are not logged as failures. */
  get isClientError(): boolean {
    return this.kind !== "internal" && this.kind !== "unavailable";
  }
}

export const notFound = (what: string, id?: string | number) =>
  new AppError("not_found", "not_found", id === undefined ? `${what} not found` : `${what} ${id} not found`);

export const forbidden = (message: string) => new AppError("forbidden", "forbidden", message);

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
