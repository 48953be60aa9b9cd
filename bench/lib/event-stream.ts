/** GET /api/events held open as the web app holds it (EventSource), parsed into named events. */
import nodeHttp from "node:http";

export interface EventStream {
  close(): void;
}

/**
 * Opens the stream with `token` and calls `onEvent(name, data)` for every event with data, in order, as the
 * chunks arrive (the server's `hello` included). Resolves once `hello` has been handed to `onEvent`: from then
 * on the server sends this stream every event it may see.
 */
export function openEventStream(base: string, token: string, onEvent: (name: string, data: string) => void): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const u = new URL(`${base}/api/events`);
    const req = nodeHttp.get({ host: u.hostname, port: u.port, path: u.pathname, headers: { authorization: `Bearer ${token}` }, agent: false }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`events ${res.statusCode}`));
      res.setEncoding("utf8");
      let buf = "";
      res.on("data", (chunk: string) => {
        buf += chunk;
        let end: number;
        while ((end = buf.indexOf("\n\n")) >= 0) {
          const block = buf.slice(0, end);
          buf = buf.slice(end + 2);
          let name = "message";
          let data = "";
          for (const line of block.split("\n")) {
            if (line.startsWith("event: ")) name = line.slice(7);
            else if (line.startsWith("data: ")) data = line.slice(6);
          }
          if (!data) continue;
          onEvent(name, data);
          if (name === "hello") resolve({ close: () => req.destroy() });
        }
      });
      res.on("error", () => undefined);
    });
    req.on("error", reject);
  });
}
