import http from "node:http";
import type { AddressInfo } from "node:net";

/** The raw text of a Server-Sent Events response, collected as it arrives. */
export interface EventStream {
  status: number;
  text(): string;
  /** The parsed `data:` of every event of this type received so far. */
  events<T = Record<string, unknown>>(type: string): T[];
  /** Every event received so far, in order: its id, name and parsed data. */
  all<T = Record<string, unknown>>(): { id: string | null; event: string; data: T }[];
  waitFor(fragment: string, timeoutMs?: number): Promise<void>;
  /** Resolves once `check` holds for what has arrived (checked again on every chunk). */
  waitUntil(check: () => boolean, what: string, timeoutMs?: number): Promise<void>;
  /**
   * For "nothing else arrived" assertions without sleeping: `emit` announces a change of `leadId` (a lead kept
   * for this purpose); once that event is here, everything published before it is here too (one ordered stream).
   */
  fence(leadId: number, emit: () => void): Promise<void>;
  close(): void;
}

/** Opens GET `path` (default /api/events) on a listening server, with a bearer token when given. */
export function openEventStream(server: http.Server, token: string | null, path = "/api/events", opts: { lastEventId?: string } = {}): Promise<EventStream> {
  const { port } = server.address() as AddressInfo;
  return new Promise((resolve, reject) => {
    const req = http.get({ host: "127.0.0.1", port, path, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(opts.lastEventId ? { "last-event-id": opts.lastEventId } : {}) } }, (res) => {
      let buf = "";
      const waiters: Array<() => void> = [];
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        buf += chunk;
        waiters.splice(0).forEach((w) => w());
      });
      res.on("error", () => undefined);
      const waitUntil = (check: () => boolean, what: string, timeoutMs = 20_000) =>
        new Promise<void>((ok, fail) => {
          const timer = setTimeout(() => fail(new Error(`no ${what} in stream: ${buf}`)), timeoutMs);
          const test = () => {
            if (check()) {
              clearTimeout(timer);
              ok();
            } else waiters.push(test);
          };
          test();
        });
      resolve({
        status: res.statusCode ?? 0,
        text: () => buf,
        events<T>(type: string): T[] {
          return buf
            .split("\n\n")
            .filter((block) => block.split("\n").includes(`event: ${type}`))
            .map((block) => JSON.parse(block.split("\n").find((l) => l.startsWith("data: "))!.slice(6)) as T);
        },
        all<T>() {
          return buf
            .split("\n\n")
            .map((block) => block.split("\n"))
            .filter((lines) => lines.some((l) => l.startsWith("event: ")))
            .map((lines) => ({
              id: lines.find((l) => l.startsWith("id: "))?.slice(4) ?? null,
              event: lines.find((l) => l.startsWith("event: "))!.slice(7),
              data: JSON.parse(lines.find((l) => l.startsWith("data: "))?.slice(6) ?? "null") as T,
            }));
        },
        waitFor: (fragment, timeoutMs = 20_000) => waitUntil(() => buf.includes(fragment), `"${fragment}"`, timeoutMs),
        waitUntil,
        fence(leadId, emit) {
          const about = () => buf.split(`"leadId":${leadId},`).length;
          const before = about();
          emit();
          return waitUntil(() => about() > before, `event about fence lead ${leadId}`);
        },
        close: () => req.destroy(),
      });
    });
    req.on("error", (e) => {
      if ((e as NodeJS.ErrnoException).code !== "ECONNRESET") reject(e);
    });
  });
}
