import { type Row } from "./odoo-domain";

export type FieldType = "integer" | "char" | "many2one" | "selection" | "datetime" | "date";
export interface FieldDef {
  type: FieldType;
  string: string;
  relation?: string;
  selection?: [string, string][];
}
export interface ModelDef {
  name: string;
  fields: Record<string, FieldDef>;
  /** Field used as display name in many2one pairs. */
  displayField: string;
}

export const QUOTATION_MODEL = "cheryweb.quotation";
export const TEST_DRIVE_MODEL = "cherywebsite.test.drive";
export const DEALER_MODEL = "cheryweb.dealer";
export const VEHICLE_MODEL_MODEL = "cheryweb.vehicle.model";

export type LeadStatus = "pending" | "sent" | "synced";
const STATUS: [string, string][] = [
  ["pending", "Pending"],
  ["sent", "Sent"],
  ["synced", "Synced"],
];

const leadFields = (extra: Record<string, FieldDef> = {}): Record<string, FieldDef> => ({
  id: { type: "integer", string: "ID" },
  first_name: { type: "char", string: "First Name" },
  last_name: { type: "char", string: "Last Name" },
  email: { type: "char", string: "Email" },
  mobile: { type: "char", string: "Mobile" },
  dealer_id: { type: "many2one", string: "Dealer", relation: DEALER_MODEL },
  model_id: { type: "many2one", string: "Vehicle Model", relation: VEHICLE_MODEL_MODEL },
  status: { type: "selection", string: "Status", selection: STATUS },
  create_date: { type: "datetime", string: "Created on" },
  ...extra,
});

export const MODEL_DEFS: ModelDef[] = [
  { name: QUOTATION_MODEL, fields: leadFields(), displayField: "first_name" },
  { name: TEST_DRIVE_MODEL, fields: leadFields({ preferred_date: { type: "date", string: "Preferred Date" } }), displayField: "first_name" },
  {
    name: DEALER_MODEL,
    fields: { id: { type: "integer", string: "ID" }, name: { type: "char", string: "Name" }, code: { type: "char", string: "Code" }, create_date: { type: "datetime", string: "Created on" } },
    displayField: "name",
  },
  {
    name: VEHICLE_MODEL_MODEL,
    fields: { id: { type: "integer", string: "ID" }, name: { type: "char", string: "Name" }, code: { type: "char", string: "Code" }, create_date: { type: "datetime", string: "Created on" } },
    displayField: "name",
  },
];

/** Odoo 12 writes datetimes as "YYYY-MM-DD HH:MM:SS" in UTC. */
export const odooDatetime = (d: Date): string => d.toISOString().slice(0, 19).replace("T", " ");

export interface LeadInput {
  first_name?: string | false;
  last_name?: string | false;
  email?: string | false;
  mobile?: string | false;
  /** Remote id of a dealer (must exist) or false. */
  dealer_id?: number | false;
  model_id?: number | false;
  status?: LeadStatus;
  create_date?: string;
  preferred_date?: string | false;
}

export type Fault = "write" | "read" | "login";

/**
 * The simulated distributor's database: tables per model, access switches and one-shot faults that tests
 * and the CLI drive. Records hold raw values (many2one as an id or false); the server formats them.
 */
export class SimulatorState {
  readonly defs = new Map(MODEL_DEFS.map((d) => [d.name, d]));
  private readonly tables = new Map<string, Map<number, Row>>(MODEL_DEFS.map((d) => [d.name, new Map()]));
  private nextId = new Map<string, number>(MODEL_DEFS.map((d) => [d.name, 1]));
  /** Models the service account may not read (AccessError). */
  readonly denied = new Set<string>();
  /** Models that are not installed on this server (KeyError). */
  readonly missing = new Set<string>();
  private readonly faults = new Map<Fault, number>();
  /** Every execute_kw call, for assertions: `${model}.${method}`. */
  readonly calls: { model: string; method: string; args: unknown[]; kwargs: Record<string, unknown> }[] = [];
  /** Used to make create_date strictly increasing even within one millisecond. */
  private clock = Date.now() - 3600_000;

  constructor(
    readonly brand: string,
    public login: string,
    public password: string,
    public db: string,
  ) {}

  /** The next `count` calls of that kind fail with an Odoo Server Error. */
  failNext(fault: Fault, count = 1): void {
    this.faults.set(fault, (this.faults.get(fault) ?? 0) + count);
  }
  takeFault(fault: Fault): boolean {
    const n = this.faults.get(fault) ?? 0;
    if (n <= 0) return false;
    this.faults.set(fault, n - 1);
    return true;
  }

  table(model: string): Map<number, Row> {
    const t = this.tables.get(model);
    if (!t) throw new Error(`unknown model ${model}`);
    return t;
  }

  private nextCreateDate(): string {
    this.clock = Math.max(this.clock + 1000, Date.now() - 3600_000);
    return odooDatetime(new Date(this.clock));
  }

  insert(model: string, values: Row): number {
    const id = this.nextId.get(model)!;
    this.nextId.set(model, id + 1);
    const def = this.defs.get(model)!;
    const row: Row = { id };
    for (const f of Object.keys(def.fields)) if (f !== "id") row[f] = values[f] ?? false;
    if (!values.create_date) row.create_date = this.nextCreateDate();
    this.table(model).set(id, row);
    return id;
  }

  addDealer(name: string, code = name.toUpperCase().replace(/[^A-Z0-9]+/g, "-")): number {
    return this.insert(DEALER_MODEL, { name, code });
  }
  addVehicleModel(name: string, code = name.toUpperCase().replace(/[^A-Z0-9]+/g, "-")): number {
    return this.insert(VEHICLE_MODEL_MODEL, { name, code });
  }
  addQuotation(input: LeadInput = {}): number {
    return this.insert(QUOTATION_MODEL, { status: "pending", ...input });
  }
  addTestDrive(input: LeadInput = {}): number {
    return this.insert(TEST_DRIVE_MODEL, { status: "pending", ...input });
  }
  /** A raw record (tests may corrupt it to simulate malformed data). */
  record(model: string, id: number): Row | undefined {
    return this.table(model).get(id);
  }
  status(model: string, id: number): LeadStatus | undefined {
    return this.record(model, id)?.status as LeadStatus | undefined;
  }
  countByStatus(model: string, status: LeadStatus): number {
    let n = 0;
    for (const r of this.table(model).values()) if (r.status === status) n++;
    return n;
  }
  callCount(model: string, method: string): number {
    return this.calls.filter((c) => c.model === model && c.method === method).length;
  }
}
