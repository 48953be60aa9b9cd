import type { ErrorRequestHandler, Request, RequestHandler, Response } from "express";
import { AppError, type AppErrorKind } from "../errors/app-error";
import type { Logger } from "../logging/logger";
// req.requestId (the request context's augmentation of express' Request), for programs that compile this file alone.
import type {} from "./request-context";

export const HTTP_STATUS_BY_KIND: Record<AppErrorKind, number> = {
  validation: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  precondition: 422,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

/** Errors body-parser raises for the client's own mistakes. */
function fromBodyParser(err: { type?: string; status?: number; message?: string }): AppError | null {
  switch (err.type) {
    case "entity.parse.failed":
      return new AppError("validation", "malformed_json", "Request body is not valid JSON");
    case "entity.too.large":
      return new AppError("validation", "body_too_large", "Request body is too large");
    case "encoding.unsupported":
    case "charset.unsupported":
      return new AppError("validation", "unsupported_encoding", err.message ?? "Unsupported encoding");
    default:
      return err.status && err.status >= 400 && err.status < 500
        ? new AppError("validation", "bad_request", err.message ?? "Bad request")
        : null;
  }
}

/** Maps any error to a JSON body; unknown errors become a generic 500, logged once with their stack. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const appError = err instanceof AppError ? err : fromBodyParser(err);
    if (!appError || appError.kind === "internal") {
      logger.error("unhandled error", { error: err, method: req.method, path: req.originalUrl.split("?")[0] });
      res.status(500).json({ error: { code: "internal", message: "Internal server error", requestId: req.requestId } });
      return;
    }
    if (!appError.isClientError) logger.warn("request failed", { code: appError.code, message: appError.message });
    sendAppError(req, res, appError);
  };
}

/** The JSON answer of an AppError: its HTTP status, stable code, message, field issues and details, and the request id. */
export function sendAppError(req: Request, res: Response, appError: AppError): void {
  res.status(appError.code === "body_too_large" ? 413 : HTTP_STATUS_BY_KIND[appError.kind]);
  res.json({
    error: {
      code: appError.code,
      message: appError.message,
      ...(appError.issues ? { issues: appError.issues } : {}),
      ...(appError.details ? { details: appError.details } : {}),
      requestId: req.requestId,
    },
  });
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new AppError("not_found", "route_not_found", `No route for ${req.method} ${req.path}`));
};
