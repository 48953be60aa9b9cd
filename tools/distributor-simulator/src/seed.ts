import { type LeadInput, type SimulatorState } from "./simulator-state";

const FIRST = ["Maria", "Jose", "Ana", "Juan", "Carmela", "Ramon", "Liza", "Paolo", "Grace", "Miguel", "Rosa", "Andres"];
const LAST = ["Santos", "Reyes", "Cruz", "Bautista", "Ocampo", "Garcia", "Mendoza", "Torres", "Flores", "Villanueva"];
const DEALERS = ["Quezon City", "Makati", "Pasig", "Cebu", "Davao", "Alabang"];
const MODELS = ["Tiggo 2 Pro", "Tiggo 5X", "Tiggo 7 Pro", "Tiggo 8 Pro", "Arrizo 5"];

/** Small deterministic PRNG (mulberry32), so a seed gives the same data on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rnd: () => number, list: T[]): T => list[Math.floor(rnd() * list.length)]!;

/** A plausible website form record; now and then a field is missing, as on real forms. */
export function randomLead(state: SimulatorState, rnd: () => number, n: number): LeadInput {
  const first = pick(rnd, FIRST);
  const last = pick(rnd, LAST);
  const dealers = [...state.table("cheryweb.dealer").keys()];
  const models = [...state.table("cheryweb.vehicle.model").keys()];
  const r = rnd();
  return {
    first_name: r < 0.03 ? false : first,
    last_name: r < 0.03 ? false : last,
    email: r > 0.9 ? false : `${first}.${last}.${n}@example.ph`.toLowerCase(),
    mobile: r > 0.85 && r <= 0.9 ? false : `+63917${String(1_000_000 + Math.floor(rnd() * 8_999_999)).slice(0, 7)}`,
    dealer_id: dealers.length ? pick(rnd, dealers) : false,
    model_id: models.length ? pick(rnd, models) : false,
    status: rnd() < 0.2 ? "sent" : "pending",
  };
}

/** Catalogue plus `count` quotations and `count` test drives (a few customers submit both forms). */
export function seedState(state: SimulatorState, count: number, seed: number, catalog: CatalogNames = {}): void {
  seedCatalog(state, catalog);
  const rnd = prng(seed);
  for (let i = 0; i < count; i++) {
    const q = randomLead(state, rnd, i);
    state.addQuotation(q);
    // Every fifth customer also books a test drive with the same contact details (dedup case).
    const td = i % 5 === 0 ? { ...q } : randomLead(state, rnd, count + i);
    state.addTestDrive({ ...td, status: "pending", preferred_date: futureDay(rnd) });
  }
}

export interface CatalogNames {
  /** Dealer names (default: "<BRAND> <city>" for six cities). */
  dealers?: string[];
  /** Vehicle model names (default: five Chery models). */
  vehicleModels?: string[];
}

/** The dealer and vehicle model catalogue, unless it already has rows. */
export function seedCatalog(state: SimulatorState, names: CatalogNames = {}): void {
  if (state.table("cheryweb.dealer").size === 0) for (const d of names.dealers ?? DEALERS.map((c) => `${state.brand} ${c}`)) state.addDealer(d);
  if (state.table("cheryweb.vehicle.model").size === 0) for (const m of names.vehicleModels ?? MODELS) state.addVehicleModel(m);
}

const futureDay = (rnd: () => number): string => new Date(Date.now() + (1 + Math.floor(rnd() * 30)) * 86_400_000).toISOString().slice(0, 10);

/** Keeps producing one quotation and one test drive every `everyMs`; returns a stop function. */
export function startProducer(state: SimulatorState, everyMs: number, seed: number): () => void {
  const rnd = prng(seed);
  let n = 100_000;
  const timer = setInterval(() => {
    state.addQuotation(randomLead(state, rnd, n++));
    state.addTestDrive({ ...randomLead(state, rnd, n++), status: "pending", preferred_date: futureDay(rnd) });
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
