/**
 * The Open Leads pages of bench/floor.ts, in a process of their own (forked by it, driven over IPC): each
 * page holds GET /api/events the way the web app does (the stream first, the board once `hello` arrives,
 * every event patched in with the web app's own code, apps/bpo-web/src/live-board-events.ts over ui-kit's
 * applyBoardPatch; the board read again only when the server says `reset`). Apart from the agents, so that
 * parsing and patching some 10,000 events a second does not delay the agents' own clocks and sockets.
 */
import { type LeadLiveEvent, applyOpenLeadsEvent } from "../apps/bpo-web/src/live-board-events";
import { boardShape } from "../packages/ui-kit/src/live-board";
import { type EventStream, openEventStream } from "./lib/event-stream";
import { http } from "./lib/http-client";

/** Open Leads as GET /api/boards/open-leads returns it (the fields the bench looks at). */
export interface LeadCard {
  id: number;
  createdAt: string;
}
export interface Column {
  brand: { id: number };
  count: number;
  cards: LeadCard[];
  nextCursor: string | null;
}

/** What bench/floor.ts sends. */
export type PagesCommand =
  | { cmd: "open"; base: string; tokens: string[]; perColumn: number; watched: number }
  | { cmd: "stats" }
  | { cmd: "stale"; fresh: Column[] }
  | { cmd: "close" };

/** What this process answers (one message per command), plus `cards` every 50 ms once open. */
export type PagesMessage =
  | { kind: "opened"; reads: number }
  | { kind: "cards"; pages: number[][] }
  | { kind: "stats"; events: number; reads: number; resets: number; pages: number; seen: [leadId: number, pages: number, last: number][] }
  | { kind: "stale"; count: number }
  | { kind: "closed" };

let perColumn = 20;
let board: (base: string, token: string) => Promise<Column[]> = async () => [];

/** One simulated Open Leads page: its event stream and its columns. */
class Page {
  columns: Column[] | null = null;
  events = 0;
  reads = 0;
  resets = 0;
  held: LeadLiveEvent<LeadCard>[] = [];
  loading = false;
  /** lead id -> when it showed up on this page. */
  seen = new Map<number, number>();
  private stream: EventStream | null = null;

  constructor(
    private readonly base: string,
    private readonly token: string,
  ) {}

  open(): Promise<void> {
    return new Promise((resolve, reject) => {
      openEventStream(this.base, this.token, (name, data) => {
        if (name === "hello") {
          void this.read().then(resolve, reject);
        } else if (name === "reset") {
          this.resets++;
          void this.read();
        } else if (name.startsWith("lead.")) {
          this.events++;
          this.apply(JSON.parse(data) as LeadLiveEvent<LeadCard>);
        }
      }).then((s) => void (this.stream = s), reject);
    });
  }

  private apply(e: LeadLiveEvent<LeadCard>) {
    if (this.loading || !this.columns) {
      this.held.push(e);
      return;
    }
    this.columns = applyOpenLeadsEvent(this.columns, e);
    if (e.card && !this.seen.has(e.leadId) && this.columns.some((c) => c.cards.some((x) => x.id === e.leadId))) this.seen.set(e.leadId, Date.now());
  }

  /** The board read the web app makes (on hello, or on reset). */
  async read(): Promise<void> {
    this.loading = true;
    this.held = [];
    this.reads++;
    this.columns = await board(this.base, this.token);
    this.loading = false;
    const held = this.held;
    this.held = [];
    for (const e of held) this.apply(e);
  }

  close() {
    this.stream?.close();
  }
}

/** The columns a page shows, in the terms of a fresh read: counts, and the cards both have loaded. */
function stale(page: Column[], fresh: Column[]): boolean {
  const key = (c: Column) => c.brand.id;
  const byKey = new Map(page.map((c) => [key(c), c]));
  return fresh.some((f) => {
    const p = byKey.get(key(f));
    if (!p || p.count !== f.count) return true;
    const n = Math.min(perColumn, p.cards.length, f.cards.length);
    if (p.cards.length < Math.min(perColumn, f.cards.length) && p.nextCursor === null) return true;
    return boardShape([{ ...p, cards: p.cards.slice(0, n) }], key, n) !== boardShape([{ ...f, cards: f.cards.slice(0, n) }], key, n);
  });
}

let pages: Page[] = [];
let ticker: NodeJS.Timeout | null = null;
const send = (m: PagesMessage) => {
  if (process.connected) process.send!(m);
};

process.on("message", (m: PagesCommand) => {
  void (async () => {
    if (m.cmd === "open") {
      perColumn = m.perColumn;
      board = async (base, token) => ((await http(base, "get", `/api/boards/open-leads?perColumn=${perColumn}`, { token })).body as { columns: Column[] }).columns;
      pages = m.tokens.map((t) => new Page(m.base, t));
      for (let i = 0; i < pages.length; i += 20) await Promise.all(pages.slice(i, i + 20).map((p) => p.open()));
      send({ kind: "opened", reads: pages.reduce((n, p) => n + p.reads, 0) });
      // The agents click cards their page shows: the first `watched` pages' first 40 cards, 20 times a second.
      ticker = setInterval(() => send({ kind: "cards", pages: pages.slice(0, m.watched).map((p) => (p.columns ?? []).flatMap((c) => c.cards.map((x) => x.id)).slice(0, 40)) }), 50).unref();
    } else if (m.cmd === "stats") {
      const seen = new Map<number, [number, number]>();
      for (const p of pages) {
        for (const [id, at] of p.seen) {
          const s = seen.get(id);
          seen.set(id, s ? [s[0] + 1, Math.max(s[1], at)] : [1, at]);
        }
      }
      send({
        kind: "stats",
        events: pages.reduce((n, p) => n + p.events, 0),
        reads: pages.reduce((n, p) => n + p.reads, 0),
        resets: pages.reduce((n, p) => n + p.resets, 0),
        pages: pages.length,
        seen: [...seen].map(([id, [n, at]]) => [id, n, at]),
      });
    } else if (m.cmd === "stale") {
      send({ kind: "stale", count: pages.filter((p) => !p.columns || stale(p.columns, m.fresh)).length });
    } else if (m.cmd === "close") {
      if (ticker) clearInterval(ticker);
      for (const p of pages) p.close();
      send({ kind: "closed" });
      process.disconnect();
    }
  })().catch((e: unknown) => {
    process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
});
