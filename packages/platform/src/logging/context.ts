import { AsyncLocalStorage } from "node:async_hooks";

/** Ids that every log line carries while a request or job is being handled. */
export interface LogContext {
  requestId?: string;
  correlationId?: string;
  jobId?: string;
  userId?: number;
}

const storage = new AsyncLocalStorage<LogContext>();

export const runWithLogContext = <T>(ctx: LogContext, fn: () => T): T =>
  storage.run({ ...storage.getStore(), ...ctx }, fn);

export const currentLogContext = (): LogContext => storage.getStore() ?? {};

/** Mutates the current context (e.g. once the user is known after authentication). */
export function addToLogContext(extra: Partial<LogContext>): void {
  const store = storage.getStore();
  if (store) Object.assign(store, extra);
}
