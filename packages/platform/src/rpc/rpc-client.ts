import axios, { type AxiosInstance } from "axios";
import type { z } from "zod";
import { CORRELATION_ID_HEADER, isRetryableRpcCode, type RpcErrorData } from "@crm/contracts";
import { currentLogContext } from "../logging/context";

/** The peer answered with a JSON-RPC error (it understood us and said no, or failed itself). */
export class RpcRemoteError extends Error {
  override name = "RpcRemoteError";
  constructor(
    readonly rpcCode: number,
    message: string,
    readonly data: RpcErrorData | undefined,
  ) {
    super(message);
  }
  get retryable(): boolean {
    return isRetryableRpcCode(this.rpcCode);
  }
}

/** The call did not get a JSON-RPC answer: peer down, timeout, HTTP 5xx, unreadable reply. */
export class RpcTransportError extends Error {
  override name = "RpcTransportError";
  readonly retryable = true;
  constructor(message: string, readonly httpStatus?: number) {
    super(message);
  }
}

export interface RpcClientOptions {
  url: string;
  /** The peer-issued service key; sent as a bearer token, never logged. */
  key: string;
  timeoutMs: number;
}

let nextId = 1;

export class RpcClient {
  private readonly http: AxiosInstance;

  constructor(private readonly opts: RpcClientOptions) {
    this.http = axios.create({
      baseURL: opts.url.replace(/\/+$/, ""),
      timeout: opts.timeoutMs,
      // We read every status ourselves: 401 and 4xx carry JSON-RPC error bodies.
      validateStatus: () => true,
      maxRedirects: 0,
    });
  }

  async call<R extends z.ZodType>(method: string, params: unknown, resultSchema: R): Promise<z.output<R>> {
    const id = nextId++;
    const correlationId = currentLogContext().correlationId;
    let res;
    try {
      res = await this.http.post(
        "/rpc",
        { jsonrpc: "2.0", id, method, params },
        {
          headers: {
            authorization: `Bearer ${this.opts.key}`,
            "content-type": "application/json",
            ...(correlationId ? { [CORRELATION_ID_HEADER]: correlationId } : {}),
          },
        },
      );
    } catch (e) {
      const err = e as { code?: string; message: string };
      throw new RpcTransportError(`Cannot reach ${this.opts.url}: ${err.code ?? err.message}`);
    }
    const body = res.data as { result?: unknown; error?: { code: number; message: string; data?: RpcErrorData } };
    if (body && typeof body === "object" && body.error) {
      throw new RpcRemoteError(body.error.code, body.error.message, body.error.data);
    }
    if (res.status >= 300 || !body || typeof body !== "object" || !("result" in body)) {
      throw new RpcTransportError(`Unexpected answer from ${this.opts.url} (HTTP ${res.status})`, res.status);
    }
    const parsed = resultSchema.safeParse(body.result);
    if (!parsed.success) throw new RpcTransportError(`Unreadable ${method} result from ${this.opts.url}`);
    return parsed.data;
  }
}
