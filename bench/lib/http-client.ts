import { Agent, request } from "node:http";

export interface HttpAnswer {
  status: number;
  body: unknown;
  text: string;
}

// node:http over one keep-alive agent, not fetch: the benches' clients share the cores with what they measure,
// and undici's fetch (WHATWG streams, an abort signal and timer per call) cost about twice the CPU per request.
const agent = new Agent({ keepAlive: true });
const TIMEOUT_MS = 30_000;

/** One HTTP call with a raw or JSON body; never throws on a status. */
export function http(
  base: string,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<HttpAnswer> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.raw !== undefined) body = opts.raw;
  else if (opts.body !== undefined) body = JSON.stringify(opts.body);
  if (body !== undefined && !headers["content-type"]) headers["content-type"] = "application/json";
  if (body !== undefined) headers["content-length"] = String(Buffer.byteLength(body));
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { method: method.toUpperCase(), headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = null;
        }
        resolve({ status: res.statusCode ?? 0, body: parsed, text });
      });
    });
    req.setTimeout(TIMEOUT_MS, () => req.destroy(new Error(`${method.toUpperCase()} ${path}: no answer in ${TIMEOUT_MS / 1000} s`)));
    req.on("error", reject);
    req.end(body);
  });
}
