/**
 * JSON-RPC error codes used between the services. The -327xx/-326xx ones are the JSON-RPC 2.0 spec's;
 * the rest are application codes for domain refusals, always sent with a stable `data.code` string.
 */
export const RpcErrorCode = {
  ParseError: -32700,
  InvalidRequest: -32600,
  MethodNotFound: -32601,
  InvalidParams: -32602,
  InternalError: -32603,
  Unauthenticated: -32001,
  Forbidden: -32003,
  NotFound: -32004,
  Conflict: -32009,
  Refused: -32022,
  RateLimited: -32029,
  Unavailable: -32050,
} as const;
export type RpcErrorCodeValue = (typeof RpcErrorCode)[keyof typeof RpcErrorCode];

/** `data` of every application error. */
export interface RpcErrorData {
  code: string;
  details?: Record<string, unknown>;
  issues?: { path: string; message: string }[];
}

/** Errors worth retrying: the peer may succeed later without anyone changing the request. */
export const isRetryableRpcCode = (code: number): boolean =>
  code === RpcErrorCode.InternalError || code === RpcErrorCode.Unavailable || code === RpcErrorCode.RateLimited;
