import nodemailer from "nodemailer";
import type { MailMessage } from "../domain/outbound-mail";

export type Mailer = (message: MailMessage) => Promise<void>;

/** nodemailer over SMTP (SMTP_URL, e.g. smtp://user:pass@mail.example:587); null when none is configured. */
export function smtpMailer(smtpUrl: string | undefined, from: string): Mailer | null {
  if (!smtpUrl) return null;
  const transport = nodemailer.createTransport(smtpUrl);
  return async (m) => {
    await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text });
  };
}
