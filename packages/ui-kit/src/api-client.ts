/** Same-origin JSON client for the CRM REST APIs: the cookie session travels by itself, errors carry the server's message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Field-level details of a 400 (zod issues), when the server sent them. */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export interface ApiInit {
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export async function api<T>(path: string, init: ApiInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? "GET",
      credentials: "same-origin",
      headers: { ...init.headers, ...(init.body !== undefined ? { "content-type": "application/json" } : {}) },
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
      signal: init.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError(0, "network", "Cannot reach the server. Check your connection and try again.");
  }
  const text = await res.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    throw new ApiError(res.status, "bad_response", `The server answered ${res.status} with something that is not JSON.`);
  }
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string; details?: unknown; issues?: unknown } } | undefined)?.error;
    // Field issues of a 400 travel beside `details` in the body; callers read them as `details.issues`.
    const details = err?.issues === undefined ? err?.details : { ...(typeof err.details === "object" ? err.details : {}), issues: err.issues };
    throw new ApiError(res.status, err?.code ?? "http_error", humanMessage(err) ?? `Request failed (${res.status})`, details);
  }
  return data as T;
}

/**
 * What a person reads for a refusal. A validation error's server message is for developers ("Invalid body:
 * mobile: …", field paths included); people get the fields' own messages, which every schema writes for them.
 * The paths stay in `details.issues` for the form to put each message under its field.
 */
function humanMessage(err: { code?: string; message?: string; issues?: unknown } | undefined): string | undefined {
  const issues = Array.isArray(err?.issues) ? (err.issues as { message?: unknown }[]) : [];
  const messages = [...new Set(issues.map((i) => i.message).filter((m): m is string => typeof m === "string" && m !== ""))];
  if (err?.code === "validation_failed" && messages.length > 0) return `Please check: ${messages.join("; ")}.`.replace(/\.\.$/, ".");
  return err?.message;
}

/** Readable message of anything thrown by `api` (or by code around it). */
export function errorMessage(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}

/** Builds `?a=1&b=x` from the defined, non-empty values. */
export function queryString(params: Record<string, string | number | boolean | null | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : "";
}
