import express, { type RequestHandler, Router } from "express";
import {
  JSONRPCErrorException,
  JSONRPCServer,
  createJSONRPCErrorResponse,
  type JSONRPCRequest,
} from "json-rpc-2.0";
import type { z } from "zod";
import { RpcErrorCode, type RpcErrorData } from "@crm/contracts";
import { AppError, type AppErrorKind } from "../errors/app-error";
import { toFieldIssues } from "../errors/zod-issues";
import { NUL_MESSAGE, containsNul } from "../http/nul-characters";
import { addToLogContext } from "../logging/context";
import type { Logger } from "../logging/logger";

export const RPC_CODE_BY_KIND: Record<AppErrorKind, number> = {
  validation: RpcErrorCode.InvalidParams,
  unauthenticated: RpcErrorCode.Unauthenticated,
  forbidden: RpcErrorCode.Forbidden,
  not_found: RpcErrorCode.NotFound,
  conflict: RpcErrorCode.Conflict,
  precondition: RpcErrorCode.Refused,
  rate_limited: RpcErrorCode.RateLimited,
  unavailable: RpcErrorCode.Unavailable,
  internal: RpcErrorCode.InternalError,
};

export interface RpcCaller {
  /** Service account id on the receiving side. */
  id: number;
  /** Identifies the peer in logs and technical answers, e.g. the peer's login or code. */
  name: string;
  /** What people read in chatter and refusals when it differs from `name` (a dealership's name). */
  displayName?: string;
}

export interface RpcContext {
  caller: RpcCaller;
  correlationId: string;
}

export interface RpcMethod<S extends z.ZodType = z.ZodType> {
  name: string;
  params: S;
  handler: (params: z.output<S>, ctx: RpcContext) => Promise<unknown>;
}

export const defineRpcMethod = <S extends z.ZodType>(m: RpcMethod<S>): RpcMethod => m as unknown as RpcMethod;

export interface RpcEndpointOptions {
  logger: Logger;
  methods: RpcMethod[];
  /** Resolves a bearer key to the peer's service account, or null when the key is unknown. */
  authenticate: (bearerKey: string) => Promise<RpcCaller | null>;
  maxBodyBytes?: number;
}

function toRpcError(error: unknown, logger: Logger): JSONRPCErrorException {
  if (error instanceof AppError) {
    const data: RpcErrorData = { code: error.code };
    if (error.details) data.details = error.details;
    if (error.issues) data.issues = error.issues;
    if (error.kind === "internal") logger.error("rpc method failed", { error });
    return new JSONRPCErrorException(error.message, RPC_CODE_BY_KIND[error.kind], data);
  }
  logger.error("rpc method failed", { error });
  return new JSONRPCErrorException("Internal error", RpcErrorCode.InternalError, { code: "internal" });
}

/**
 * POST /rpc: JSON-RPC 2.0 (single calls, batches, notifications) behind a bearer service key. Params are
 * validated with the method's zod schema (-32602 with the issues in `data`); AppErrors become application
 * errors with a stable `data.code`.
 */
const invalidRequest = () => createJSONRPCErrorResponse(null, RpcErrorCode.InvalidRequest, "Invalid Request");

/** A request object as JSON-RPC 2.0 §4 defines it (the library alone lets e.g. a numeric method through). */
function isValidRequest(r: unknown): r is JSONRPCRequest {
  if (!r || typeof r !== "object" || Array.isArray(r)) return false;
  const o = r as Record<string, unknown>;
  const idOk = !("id" in o) || o.id === null || typeof o.id === "string" || typeof o.id === "number";
  const paramsOk = !("params" in o) || (typeof o.params === "object" && o.params !== null);
  return o.jsonrpc === "2.0" && typeof o.method === "string" && idOk && paramsOk;
}

/** Parse error, invalid request, batch (empty batch is one Invalid Request) and notification handling. */
async function dispatch(server: JSONRPCServer<RpcContext>, body: string, ctx: RpcContext) {
  let payload: unknown;
  try {
    payload = JSON.parse(body);
  } catch {
    return createJSONRPCErrorResponse(null, RpcErrorCode.ParseError, "Parse error");
  }
  const one = async (r: unknown) => (isValidRequest(r) ? server.receive(r, ctx) : invalidRequest());
  if (!Array.isArray(payload)) return one(payload);
  if (payload.length === 0) return invalidRequest();
  const responses = (await Promise.all(payload.map(one))).filter((r) => r !== null);
  return responses.length ? responses : null;
}

export function rpcEndpoint(opts: RpcEndpointOptions): Router {
  const server = new JSONRPCServer<RpcContext>({
    errorListener: (message, data) => opts.logger.debug("json-rpc error", { message, data }),
  });
  for (const method of opts.methods) {
    server.addMethod(method.name, async (params, ctx) => {
      if (containsNul(params)) {
        throw new JSONRPCErrorException(NUL_MESSAGE, RpcErrorCode.InvalidParams, { code: "nul_character" } satisfies RpcErrorData);
      }
      const parsed = method.params.safeParse(params ?? {});
      if (!parsed.success) {
        const issues = toFieldIssues(parsed.error);
        throw new JSONRPCErrorException(
          `Invalid params: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`,
          RpcErrorCode.InvalidParams,
          { code: "invalid_params", issues } satisfies RpcErrorData,
        );
      }
      try {
        return await method.handler(parsed.data, ctx);
      } catch (e) {
        throw toRpcError(e, opts.logger);
      }
    });
  }
  server.applyMiddleware(async (next, request: JSONRPCRequest, ctx) => {
    opts.logger.info("rpc call", { rpcMethod: request.method, rpcId: request.id ?? null });
    return next(request, ctx);
  });

  const authenticate: RequestHandler = async (req, res, next) => {
    const header = req.get("authorization") ?? "";
    const key = header.startsWith("Bearer ") ? header.slice(7).trim() : "";
    const caller = key ? await opts.authenticate(key).catch(() => null) : null;
    if (!caller) {
      res
        .status(401)
        .json(
          createJSONRPCErrorResponse(null, RpcErrorCode.Unauthenticated, "Missing or invalid service key", {
            code: "unauthenticated",
          }),
        );
      return;
    }
    res.locals.rpcCaller = caller;
    addToLogContext({ userId: caller.id });
    next();
  };

  const router = Router();
  router.post(
    "/rpc",
    authenticate,
    // Raw text so malformed JSON reaches the JSON-RPC server and gets its -32700 answer.
    express.text({ type: () => true, limit: opts.maxBodyBytes ?? 1_000_000 }),
    async (req, res, next) => {
      try {
        const ctx: RpcContext = { caller: res.locals.rpcCaller as RpcCaller, correlationId: req.correlationId };
        const response = await dispatch(server, typeof req.body === "string" ? req.body : "", ctx);
        if (response === null) {
          res.status(204).end();
          return;
        }
        res.json(response);
      } catch (e) {
        next(e);
      }
    },
  );
  return router;
}
