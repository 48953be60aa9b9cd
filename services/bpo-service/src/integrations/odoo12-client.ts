import axios, { type AxiosInstance, isAxiosError } from "axios";
import { OdooAccessError, OdooAuthError, OdooError, OdooMissingModelError, OdooServerError, OdooTransportError } from "../domain/distributor-errors";

export { OdooAccessError, OdooAuthError, OdooError, OdooMissingModelError, OdooServerError, OdooTransportError };

/**
 * Client of an Odoo 12 server's external JSON-RPC API (`POST /jsonrpc`, services `common` and `object`).
 * Odoo answers HTTP 200 with `{error: {code: 200, message: "Odoo Server Error", data: {name, message}}}` for
 * every server-side exception; those become the typed errors below. Credentials are held here only and
 * never appear in an error message.
 */

export interface Odoo12Credentials {
  url: string;
  db: string;
  login: string;
  password: string;
}

export interface SearchReadOptions {
  fields?: string[];
  limit?: number;
  offset?: number;
  order?: string;
}

export type OdooDomain = unknown[];
export type OdooRecord = Record<string, unknown> & { id: number };

interface ErrorEnvelope {
  code?: number;
  message?: string;
  data?: { name?: string; message?: string };
}

let nextId = 1;

export class Odoo12Client {
  private readonly http: AxiosInstance;
  private uid: number | null = null;

  constructor(
    private readonly creds: Odoo12Credentials,
    opts: { timeoutMs?: number } = {},
  ) {
    this.http = axios.create({
      baseURL: creds.url.replace(/\/+$/, ""),
      timeout: opts.timeoutMs ?? 15_000,
      headers: { "content-type": "application/json" },
      // Odoo errors arrive with HTTP 200; anything else is a transport problem handled below.
      validateStatus: () => true,
      maxRedirects: 0,
    });
  }

  private async call<T>(service: "common" | "object", method: string, args: unknown[], model?: string): Promise<T> {
    const id = nextId++;
    let status: number;
    let body: { result?: T; error?: ErrorEnvelope } | undefined;
    try {
      const res = await this.http.post("/jsonrpc", { jsonrpc: "2.0", method: "call", params: { service, method, args }, id });
      status = res.status;
      body = typeof res.data === "object" && res.data !== null ? res.data : undefined;
    } catch (e) {
      // Never pass axios' error on: its config holds the request body (with the password).
      const code = isAxiosError(e) ? (e.code ?? "") : "";
      const reason = code === "ECONNABORTED" || code === "ETIMEDOUT" ? "timed out" : code || (e as Error).message;
      throw new OdooTransportError(`Distributor ${this.creds.url} unreachable (${reason})`);
    }
    if (status < 200 || status >= 300) throw new OdooTransportError(`Distributor ${this.creds.url} answered HTTP ${status}`);
    if (!body || !("result" in body || "error" in body)) throw new OdooTransportError(`Distributor ${this.creds.url} sent no JSON-RPC answer`);
    if (body.error) throw this.toError(body.error, model);
    return body.result as T;
  }

  private toError(err: ErrorEnvelope, model: string | undefined): OdooError {
    const name = err.data?.name ?? "";
    const message = err.data?.message || err.message || "Odoo Server Error";
    if (name === "odoo.exceptions.AccessDenied") return new OdooAuthError(`Distributor refused the login or password (${message})`);
    if (name === "odoo.exceptions.AccessError") return new OdooAccessError(model ? `No access to ${model}: ${message}` : message);
    if (name === "builtins.KeyError" && model && message.replace(/^'|'$/g, "") === model) {
      return new OdooMissingModelError(`Model ${model} does not exist on the distributor`);
    }
    return new OdooServerError(`${name || "Odoo error"}: ${message}`, name);
  }

  async version(): Promise<{ serverVersion: string; serverSerie: string | null }> {
    const r = await this.call<{ server_version?: string; server_serie?: string }>("common", "version", []);
    return { serverVersion: String(r?.server_version ?? "unknown"), serverSerie: r?.server_serie ?? null };
  }

  /** Logs in and keeps the uid; `common.login` answers false (not an error) for wrong credentials. */
  async login(): Promise<number> {
    const uid = await this.call<number | false>("common", "login", [this.creds.db, this.creds.login, this.creds.password]);
    if (typeof uid !== "number" || uid <= 0) throw new OdooAuthError(`Distributor refused login "${this.creds.login}" on database "${this.creds.db}"`);
    this.uid = uid;
    return uid;
  }

  async executeKw<T>(model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}): Promise<T> {
    const uid = this.uid ?? (await this.login());
    return this.call<T>("object", "execute_kw", [this.creds.db, uid, this.creds.password, model, method, args, kwargs], model);
  }

  searchRead(model: string, domain: OdooDomain, opts: SearchReadOptions = {}): Promise<OdooRecord[]> {
    const kwargs: Record<string, unknown> = {};
    if (opts.fields) kwargs.fields = opts.fields;
    if (opts.limit !== undefined) kwargs.limit = opts.limit;
    if (opts.offset !== undefined) kwargs.offset = opts.offset;
    if (opts.order) kwargs.order = opts.order;
    return this.executeKw<OdooRecord[]>(model, "search_read", [domain], kwargs);
  }

  searchCount(model: string, domain: OdooDomain): Promise<number> {
    return this.executeKw<number>(model, "search_count", [domain]);
  }

  write(model: string, ids: number[], values: Record<string, unknown>): Promise<boolean> {
    return this.executeKw<boolean>(model, "write", [ids, values]);
  }
}

export type OdooClientFactory = (creds: Odoo12Credentials) => Odoo12Client;
export const defaultOdooClientFactory =
  (timeoutMs: number): OdooClientFactory =>
  (creds) =>
    new Odoo12Client(creds, { timeoutMs });
