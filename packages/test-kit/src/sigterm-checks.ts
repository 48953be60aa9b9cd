import { burstUntilRefused, drainReports, getOnOwnConnection, holdEventStream } from "./shutdown-probes";
import type { ServiceProcess } from "./service-process";
import { until } from "./wait-until";

/**
 * SIGTERM to a service's API child process (`main.ts start`, listening on `port`) while a live stream is open and
 * `clients` clients read `path` one request after another: every request is answered or refused (none fails),
 * some in flight at the signal are answered after it, every client ends refused, the drain cuts nothing, the
 * stream gets a retry hint, and the process exits 0 within `graceMs`. Shared by both services' shutdown tests.
 */
export async function expectApiDrainsOnSigterm(
  api: ServiceProcess,
  o: { port: number; token: string; path: string; clients: number; answersBeforeSignal: number; graceMs: number },
): Promise<void> {
  await until(() => getOnOwnConnection(o.port, "/readyz", o.token), (r) => r.kind === "answered" && r.status === 200, api.seen("API ready"));

  // A live stream held open across the shutdown.
  const stream = holdEventStream(o.port, o.token);
  await until(() => stream.text(), (s) => s.includes("event: hello"), api.seen("stream hello"));

  const { outcomes, done: burst } = burstUntilRefused(o.port, o.path, o.token, o.clients);
  await until(() => outcomes.length, (n) => n >= o.answersBeforeSignal, api.seen("first answers of the burst"));
  const signalledAt = Date.now();
  api.proc.kill("SIGTERM");
  await burst;
  const exit = await api.exit;

  const answered = outcomes.filter((r) => r.kind === "answered");
  const refused = outcomes.filter((r) => r.kind === "refused");
  expect(outcomes.filter((r) => r.kind === "failed")).toEqual([]);
  expect(answered.filter((r) => r.status !== 200)).toEqual([]);
  expect(answered.length + refused.length).toBe(outcomes.length);
  // Requests sent before the signal and answered after it: the drain let them finish.
  expect(answered.filter((r) => r.startedAt < signalledAt && r.endedAt >= signalledAt).length).toBeGreaterThan(0);
  // Every client ended on a refused connection once the port closed.
  expect(refused.length).toBe(o.clients);
  // The process cut no connection it had accepted, and answered every request it read after the signal.
  const drained = drainReports(api.log());
  expect(drained).toHaveLength(1);
  expect(drained[0]!.cut).toBe(0);
  // Answers the drain counted (less the SSE stream) all reached the clients after the signal was sent.
  expect(drained[0]!.answered - 1).toBeLessThanOrEqual(answered.filter((r) => r.endedAt >= signalledAt).length);

  await stream.ended;
  expect(stream.text()).toMatch(/retry: \d+\n: server shutting down/);
  expect(exit.code).toBe(0);
  expect(exit.at - signalledAt).toBeLessThan(o.graceMs);
}

/**
 * SIGTERM to a worker child process once `inFlight()` (e.g. the outbox queue's active count) reaches 2: it exits 0
 * within `graceMs`, says it shut down, and leaves nothing in flight.
 */
export async function expectWorkerFinishesOnSigterm(worker: ServiceProcess, o: { inFlight: () => Promise<number>; what: string; graceMs: number }): Promise<void> {
  await until(o.inFlight, (n) => n >= 2, worker.seen(o.what));
  const signalledAt = Date.now();
  worker.proc.kill("SIGTERM");
  const exit = await worker.exit;
  expect(exit.code).toBe(0);
  expect(exit.at - signalledAt).toBeLessThan(o.graceMs);
  expect(await o.inFlight()).toBe(0);
  expect(worker.log()).toMatch(/"message":"shut down"/);
}
