import type { Transporter } from "nodemailer";
import type { MailMessage } from "../domain/outbound-mail";

export type Mailer = (message: MailMessage) => Promise<void>;

/**
 * nodemailer over SMTP (SMTP_URL, e.g. smtp://user:pass@mail.example:587); null when none is configured.
 * nodemailer is loaded on the first message: only the worker sends mail, so the API never carries it.
 */
export function smtpMailer(smtpUrl: string | undefined, from: string): Mailer | null {
  if (!smtpUrl) return null;
  let transport: Promise<Transporter> | undefined;
  return async (m) => {
    transport ??= import("nodemailer").then((n) => n.default.createTransport(smtpUrl));
    await (await transport).sendMail({ from, to: m.to, subject: m.subject, text: m.text });
  };
}
