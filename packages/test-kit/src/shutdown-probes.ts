import http from "node:http";

/** What became of one request sent while a server shuts down. */
export type RequestOutcome =
  | { kind: "answered"; status: number; startedAt: number; endedAt: number }
  | { kind: "refused"; error: string; startedAt: number }
  | { kind: "failed"; error: string; startedAt: number };

/** One GET on its own connection (no keep-alive reuse), so each outcome belongs to exactly one request. */
export function getOnOwnConnection(port: number, pathName: string, token: string): Promise<RequestOutcome> {
  const startedAt = Date.now();
  return new Promise((resolve) => {
    const req = http.get({ host: "127.0.0.1", port, path: pathName, agent: false, headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.resume();
      res.on("end", () => resolve({ kind: "answered", status: res.statusCode ?? 0, startedAt, endedAt: Date.now() }));
      res.on("error", (e) => resolve({ kind: "failed", error: `${res.statusCode} then ${e.message}`, startedAt }));
    });
    // Refused: the port was closed (ECONNREFUSED), or the connection was still in the kernel's accept queue when
    // the listening socket closed (ECONNRESET before any byte of an answer). The drain's own report says
    // whether the process cut a connection it had accepted; the tests check that it cut none.
    req.on("error", (e: NodeJS.ErrnoException) =>
      resolve(e.code === "ECONNREFUSED" || e.code === "ECONNRESET" ? { kind: "refused", error: e.code, startedAt } : { kind: "failed", error: e.code ?? e.message, startedAt }),
    );
  });
}

/** GET /api/events held open across a shutdown: `text()` is what arrived, `ended` resolves when the server closed it. */
export function holdEventStream(port: number, token: string): { text: () => string; ended: Promise<void> } {
  let text = "";
  const ended = new Promise<void>((resolve) => {
    http.get({ host: "127.0.0.1", port, path: "/api/events", agent: false, headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.setEncoding("utf8");
      res.on("data", (d: string) => (text += d));
      res.on("end", () => resolve());
      res.on("error", () => resolve());
    });
  });
  return { text: () => text, ended };
}

/**
 * `clients` loops each sending GETs one after another until the port refuses them, starting at once; answers
 * the outcomes as they come and a promise of the end of the burst.
 */
export function burstUntilRefused(port: number, pathName: string, token: string, clients: number): { outcomes: RequestOutcome[]; done: Promise<void> } {
  const outcomes: RequestOutcome[] = [];
  const client = async () => {
    for (let i = 0; i < 400; i++) {
      const o = await getOnOwnConnection(port, pathName, token);
      outcomes.push(o);
      if (o.kind !== "answered") return;
    }
  };
  return { outcomes, done: Promise.all(Array.from({ length: clients }, client)).then(() => undefined) };
}

/** The process's own "http connections drained" log lines (answered / cut counts). */
export const drainReports = (log: string): { answered: number; cut: number }[] =>
  log
    .split("\n")
    .filter((l) => l.includes('"http connections drained"'))
    .map((l) => JSON.parse(l) as { answered: number; cut: number });
