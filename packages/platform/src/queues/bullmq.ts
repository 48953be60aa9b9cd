import type * as BullMQ from "bullmq";

let loaded: typeof BullMQ | undefined;

/**
 * bullmq, required on first use instead of at start-up. An API process only touches a queue now and then (the
 * metrics scrape, the queue dashboard, a Manager changing a schedule), and bullmq with its Lua scripts is the
 * largest package it would otherwise carry (about 170 modules, 2-3 MB of heap). Import its types with
 * `import type`; take classes (Queue, Worker, UnrecoverableError) from here.
 */
export function bullmq(): typeof BullMQ {
  // A plain require (synchronous, so constructors stay synchronous); the bundle keeps it as a runtime require.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require("bullmq") as typeof BullMQ;
  return loaded;
}
