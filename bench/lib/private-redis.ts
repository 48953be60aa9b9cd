/** A private redis-server for fault benches (Redis stopped and started under a running stack). */
import { type ChildProcess, spawn } from "node:child_process";
import { createConnection } from "node:net";
import { freePort } from "./child-services";
import { atClose } from "./cleanup";
import { sleep } from "./waiting";

/** A private redis-server on a free loopback port (nothing on disk), stoppable and restartable on the same port. */
export interface PrivateRedis {
  url: string;
  port: number;
  start(): Promise<void>;
  /** SIGKILL by default: Redis disappears without a goodbye. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

const pong = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = createConnection({ host: "127.0.0.1", port }, () => s.write("PING\r\n"));
    s.setTimeout(1_000, () => (s.destroy(), resolve(false)));
    s.on("data", (d) => (s.destroy(), resolve(d.toString().startsWith("+PONG"))));
    s.on("error", () => resolve(false));
  });

export async function privateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  const r: PrivateRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      if (child) return;
      const c = spawn("/usr/bin/redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
      child = c;
      exited = new Promise<void>((res) =>
        c.once("exit", () => {
          if (child === c) child = null;
          res();
        }),
      );
      for (let i = 0; i < 100; i++) {
        if (await pong(port)) return;
        await sleep(50);
      }
      throw new Error(`redis-server on port ${port} did not answer`);
    },
    async stop(signal = "SIGKILL") {
      const c = child;
      if (!c) return;
      c.kill(signal);
      await exited;
    },
  };
  atClose(() => r.stop("SIGTERM"));
  await r.start();
  return r;
}
