import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface SmtpReceiver {
  /** smtp:// URL for SMTP_URL. */
  url: string;
  /** Every mail received, with its envelope recipients and raw data. */
  mails: { to: string; data: string }[];
  close(): Promise<void>;
}

/** A real SMTP server on a loopback port that keeps what it receives (mail is a system we do not own). */
export async function startSmtpReceiver(): Promise<SmtpReceiver> {
  const mails: SmtpReceiver["mails"] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, done) {
      let data = "";
      stream.on("data", (c: Buffer) => (data += c.toString()));
      stream.on("end", () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), data });
        done();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", () => r()));
  const port = (smtp.server.address() as AddressInfo).port;
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise<void>((r) => smtp.close(() => r())) };
}
