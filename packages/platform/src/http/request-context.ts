import { randomUUID } from "node:crypto";
import type { RequestHandler } from "express";
import { CORRELATION_ID_HEADER } from "@crm/contracts";
import { runWithLogContext } from "../logging/context";
import type { Logger } from "../logging/logger";

const SAFE_ID = /^[A-Za-z0-9._:-]{1,100}$/;

declare module "express-serve-static-core" {
  interface Request {
    requestId: string;
    correlationId: string;
  }
}

/**
 * Gives each request a request id and a correlation id (taken from the caller when it sends a well-formed
 * one, so a flow can be followed across services), runs the rest of the chain inside that log context and
 * logs one line per finished request.
 */
export function requestContext(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const requestId = randomUUID();
    const incoming = req.get(CORRELATION_ID_HEADER);
    const correlationId = incoming && SAFE_ID.test(incoming) ? incoming : requestId;
    req.requestId = requestId;
    req.correlationId = correlationId;
    res.setHeader("x-request-id", requestId);
    res.setHeader(CORRELATION_ID_HEADER, correlationId);
    const started = process.hrtime.bigint();
    runWithLogContext({ requestId, correlationId }, () => {
      res.on("finish", () => {
        const level = res.statusCode >= 500 ? "error" : "http";
        // winston formats a line (context, redaction, timestamp, JSON) before its transports drop it by level:
        // a few per cent of the API's CPU on busy paths for lines production (LOG_LEVEL=info or warn) never writes.
        if (!logger.isLevelEnabled(level)) return;
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        logger.log(level, "request finished", {
          method: req.method,
          path: req.originalUrl.split("?")[0],
          status: res.statusCode,
          durationMs: Math.round(ms * 10) / 10,
        });
      });
      next();
    });
  };
}
