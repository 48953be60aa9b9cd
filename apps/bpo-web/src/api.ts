/** Thin fetch wrapper for the BPO API: same-origin cookie session, errors carry the server's message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: init.method ?? "GET",
      credentials: "same-origin",
      headers: init.body !== undefined ? { "content-type": "application/json" } : {},
      body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    });
  } catch {
    throw new ApiError(0, "network", "Cannot reach the server. Check your connection and try again.");
  }
  const text = await res.text();
  const data = text ? (JSON.parse(text) as unknown) : undefined;
  if (!res.ok) {
    const err = (data as { error?: { code?: string; message?: string } } | undefined)?.error;
    throw new ApiError(res.status, err?.code ?? "http_error", err?.message ?? `Request failed (${res.status})`);
  }
  return data as T;
}

export interface User {
  id: number;
  name: string;
  role: "agent" | "supervisor" | "manager";
  login?: string;
}

export interface LeadCard {
  id: number;
  reference: string;
  contactName: string;
  mobile: string;
  brandId: number;
  userId: number | null;
  userName: string | null;
  vehicleModelName: string | null;
  sourceName: string;
  sourceType: string;
}

export interface OpenLeadsColumn {
  brand: { id: number; name: string; code: string };
  count: number;
  cards: LeadCard[];
  nextCursor: string | null;
}

export type LiveEvent = { type: "lead.claimed"; leadId: number; userId: number } | { type: "lead.changed"; leadId: number };
