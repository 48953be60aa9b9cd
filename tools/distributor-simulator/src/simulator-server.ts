import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import express, { type Express } from "express";
import { DomainError, type Row, compileDomain, compileOrder } from "./odoo-domain";
import { type ModelDef, SimulatorState } from "./simulator-state";
import { seedState, startProducer } from "./seed";

/** An Odoo-style exception: serialised as `{error: {code: 200, message: "Odoo Server Error", data}}`. */
class OdooException extends Error {
  constructor(
    readonly exceptionName: string,
    message: string,
  ) {
    super(message);
  }
}

const keyError = (model: string) => new OdooException("builtins.KeyError", `'${model}'`);
const accessError = (model: string, op = "read") =>
  new OdooException(
    "odoo.exceptions.AccessError",
    `Sorry, you are not allowed to access this document. Only users with the following access level are currently allowed to do that:\n- Administration/Settings\n\n(Document model: ${model}) - (Operation: ${op})`,
  );
const accessDenied = () => new OdooException("odoo.exceptions.AccessDenied", "Access denied");
const serverFault = (what: string) => new OdooException("psycopg2.OperationalError", `simulated failure of ${what}`);

const UID = 2;

function formatValue(state: SimulatorState, def: ModelDef, field: string, raw: unknown): unknown {
  const f = def.fields[field];
  if (f?.type === "many2one") {
    if (typeof raw !== "number") return false;
    const relDef = state.defs.get(f.relation!)!;
    const rel = state.table(f.relation!).get(raw);
    return rel ? [raw, rel[relDef.displayField] ?? false] : false;
  }
  return raw === null || raw === undefined || raw === "" ? false : raw;
}

function formatRow(state: SimulatorState, def: ModelDef, row: Row, fields: string[] | undefined): Row {
  const names = fields && fields.length ? fields : Object.keys(def.fields);
  const out: Row = { id: row.id };
  for (const name of names) {
    if (!(name in def.fields)) continue; // Odoo 12 silently ignores unknown fields in read lists
    out[name] = name === "id" ? row.id : formatValue(state, def, name, row[name]);
  }
  return out;
}

function kw<T>(args: unknown[], kwargs: Record<string, unknown>, index: number, name: string, fallback: T): T {
  if (kwargs[name] !== undefined) return kwargs[name] as T;
  return args[index] !== undefined ? (args[index] as T) : fallback;
}

function executeKw(state: SimulatorState, model: string, method: string, args: unknown[], kwargs: Record<string, unknown>): unknown {
  state.calls.push({ model, method, args, kwargs });
  const def = state.defs.get(model);
  if (!def || state.missing.has(model)) throw keyError(model);
  const table = state.table(model);
  const readable = !state.denied.has(model);
  const search = (domain: unknown): Row[] => {
    try {
      const pred = compileDomain(domain);
      return [...table.values()].filter(pred);
    } catch (e) {
      if (e instanceof DomainError) throw new OdooException("ValueError", e.message);
      throw e;
    }
  };
  switch (method) {
    case "search_read":
    case "search": {
      if (!readable) throw accessError(model);
      if (state.takeFault("read")) throw serverFault("search_read");
      const domain = kw<unknown>(args, kwargs, 0, "domain", []);
      const fields = method === "search_read" ? kw<string[] | undefined>(args, kwargs, 1, "fields", undefined) : undefined;
      const offset = Number(kw<number | false>(args, kwargs, method === "search" ? 1 : 2, "offset", 0) || 0);
      const limit = kw<number | false | null>(args, kwargs, method === "search" ? 2 : 3, "limit", null);
      const order = kw<string | false>(args, kwargs, method === "search" ? 3 : 4, "order", false);
      let rows = search(domain);
      try {
        rows.sort(compileOrder(order, new Set(Object.keys(def.fields))));
      } catch (e) {
        throw new OdooException("ValueError", (e as Error).message);
      }
      rows = rows.slice(offset, limit ? offset + Number(limit) : undefined);
      return method === "search" ? rows.map((r) => r.id) : rows.map((r) => formatRow(state, def, r, fields));
    }
    case "search_count": {
      if (!readable) throw accessError(model);
      return search(kw<unknown>(args, kwargs, 0, "domain", [])).length;
    }
    case "read": {
      if (!readable) throw accessError(model);
      const ids = (kw<number[] | number>(args, kwargs, 0, "ids", []) as number[] | number);
      const fields = kw<string[] | undefined>(args, kwargs, 1, "fields", undefined);
      return (Array.isArray(ids) ? ids : [ids]).flatMap((id) => {
        const r = table.get(id);
        return r ? [formatRow(state, def, r, fields)] : [];
      });
    }
    case "write": {
      if (!readable) throw accessError(model, "write");
      if (state.takeFault("write")) throw serverFault("write");
      const ids = kw<number[] | number>(args, kwargs, 0, "ids", []);
      const vals = kw<Row>(args, kwargs, 1, "vals", {});
      const list = Array.isArray(ids) ? ids : [ids];
      for (const f of Object.keys(vals)) if (!(f in def.fields) || f === "id") throw new OdooException("ValueError", `Invalid field '${f}' on model '${model}'`);
      const missingIds = list.filter((id) => !table.has(id));
      if (missingIds.length) throw new OdooException("odoo.exceptions.MissingError", `Record does not exist or has been deleted.\n(Records: ${model}(${missingIds.join(", ")},), User: ${UID})`);
      for (const id of list) Object.assign(table.get(id)!, vals);
      return true;
    }
    case "create": {
      if (!readable) throw accessError(model, "create");
      return state.insert(model, kw<Row>(args, kwargs, 0, "vals", {}));
    }
    case "fields_get": {
      if (!readable) throw accessError(model);
      return Object.fromEntries(
        Object.entries(def.fields).map(([k, f]) => [k, { type: f.type, string: f.string, ...(f.relation ? { relation: f.relation } : {}), ...(f.selection ? { selection: f.selection } : {}) }]),
      );
    }
    default:
      throw new OdooException("AttributeError", `type object '${model}' has no attribute '${method}'`);
  }
}

function dispatch(state: SimulatorState, service: unknown, method: unknown, args: unknown[]): unknown {
  if (service === "common") {
    if (method === "version") return { server_version: "12.0", server_version_info: [12, 0, 0, "final", 0, ""], server_serie: "12.0", protocol_version: 1 };
    if (method === "login" || method === "authenticate") {
      if (state.takeFault("login")) throw serverFault("login");
      const [db, login, password] = args;
      if (db !== state.db) throw new OdooException("psycopg2.OperationalError", `FATAL:  database "${String(db)}" does not exist`);
      return login === state.login && password === state.password ? UID : false;
    }
    throw new OdooException("builtins.NameError", `Unknown method common.${String(method)}`);
  }
  if (service === "object") {
    if (method !== "execute_kw" && method !== "execute") throw new OdooException("builtins.NameError", `Unknown method object.${String(method)}`);
    const [db, uid, password, model, op, opArgs = [], opKwargs = {}] = args as [unknown, unknown, unknown, string, string, unknown[]?, Record<string, unknown>?];
    if (db !== state.db || uid !== UID || password !== state.password) throw accessDenied();
    return executeKw(state, String(model), String(op), Array.isArray(opArgs) ? opArgs : [], opKwargs ?? {});
  }
  throw new OdooException("builtins.NameError", `Unknown service ${String(service)}`);
}

export function buildSimulatorApp(state: SimulatorState): Express {
  const app = express();
  app.disable("x-powered-by");
  app.use(express.json({ limit: "5mb" }));
  app.get("/web/health", (_req, res) => {
    res.json({ status: "pass", brand: state.brand });
  });
  app.post("/jsonrpc", (req, res) => {
    const body = (req.body ?? {}) as { id?: unknown; params?: { service?: unknown; method?: unknown; args?: unknown } };
    const id = body.id ?? null;
    try {
      const params = body.params ?? {};
      const result = dispatch(state, params.service, params.method, Array.isArray(params.args) ? params.args : []);
      res.json({ jsonrpc: "2.0", id, result });
    } catch (e) {
      const ex = e instanceof OdooException ? e : new OdooException("builtins.Exception", (e as Error).message);
      // Odoo answers HTTP 200 with an error envelope.
      res.json({
        jsonrpc: "2.0",
        id,
        error: {
          code: 200,
          message: "Odoo Server Error",
          data: { name: ex.exceptionName, debug: `Traceback (most recent call last):\n  ...\n${ex.exceptionName}: ${ex.message}\n`, message: ex.message, arguments: [ex.message], exception_type: "internal_error", context: {} },
        },
      });
    }
  });
  return app;
}

export interface SimulatorOptions {
  port?: number;
  host?: string;
  brand?: string;
  login?: string;
  password?: string;
  db?: string;
  /** Quotations and test drives (each) created at start. */
  seed?: number;
  /** Milliseconds between produced quotation + test drive pairs; 0 = off. */
  produceEveryMs?: number;
  denied?: string[];
  missing?: string[];
  /** Catalogue names to seed instead of the defaults. */
  dealers?: string[];
  vehicleModels?: string[];
  /** Fixed randomness for seeding, so two runs produce the same data. */
  randomSeed?: number;
}

export interface RunningSimulator {
  url: string;
  state: SimulatorState;
  close(): Promise<void>;
}

/** Starts a simulated distributor; `url` is the base URL (post to `${url}/jsonrpc`). */
export async function startSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  const brand = opts.brand ?? "CHERY";
  const state = new SimulatorState(brand, opts.login ?? "bpo-sync", opts.password ?? "sync-password", opts.db ?? `${brand.toLowerCase()}_distributor`);
  for (const m of opts.denied ?? []) state.denied.add(m);
  for (const m of opts.missing ?? []) state.missing.add(m);
  // Catalogue (dealers, vehicle models) only when records are seeded or produced, so tests start empty.
  if (opts.seed || opts.produceEveryMs) seedState(state, opts.seed ?? 0, opts.randomSeed ?? 1, { dealers: opts.dealers, vehicleModels: opts.vehicleModels });
  const app = buildSimulatorApp(state);
  const server: Server = await new Promise((resolve, reject) => {
    const s = app.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => resolve(s));
    s.on("error", reject);
  });
  const stopProducer = opts.produceEveryMs ? startProducer(state, opts.produceEveryMs, (opts.randomSeed ?? 1) + 7) : () => {};
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${opts.host ?? "127.0.0.1"}:${port}`,
    state,
    close: async () => {
      stopProducer();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
