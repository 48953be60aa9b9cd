import winston from "winston";
import { currentLogContext } from "./context";

export type Logger = winston.Logger;

const SECRET_KEY = /pass(word)?|secret|token|authorization|api[-_]?key|cookie|^key$/i;

/** Replaces values of secret-looking keys, at any depth, so no credential reaches a log line. */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== "object") return value;
  if (value instanceof Error) return { name: value.name, message: value.message, stack: value.stack };
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? "[redacted]" : redact(v, depth + 1);
  return out;
}

const addContext = winston.format((info) => {
  const ctx = currentLogContext();
  for (const [k, v] of Object.entries(ctx)) if (v !== undefined && info[k] === undefined) info[k] = v;
  for (const k of Object.keys(info)) {
    if (k === "level" || k === "message") continue;
    info[k] = SECRET_KEY.test(k) ? "[redacted]" : redact(info[k]);
  }
  return info;
});

export function createLogger(opts: { service: string; level: string; silent?: boolean; stream?: NodeJS.WritableStream }): Logger {
  return winston.createLogger({
    level: opts.level,
    silent: opts.silent,
    // pid: with several API workers per host (WEB_CONCURRENCY) a line says which one wrote it.
    defaultMeta: { service: opts.service, pid: process.pid },
    format: winston.format.combine(addContext(), winston.format.timestamp(), winston.format.json()),
    transports: [opts.stream ? new winston.transports.Stream({ stream: opts.stream }) : new winston.transports.Console()],
  });
}
