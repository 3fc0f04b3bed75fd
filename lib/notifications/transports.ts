// Where a notification goes out: one interface per channel, so the sender does not care whether
// it is SMTP, an SMS provider, or a test's fake.
import nodemailer from "nodemailer";
import { htmlOf, type MailLocale } from "./templates";

export interface OutgoingMessage {
  /** The Outbox row's id: the mail's Message-ID, so a resend after a crash is the same message. */
  id: string;
  to: string;
  subject: string;
  text: string;
  locale: string;
  /** For mails of a kind that can be turned off: the one-click unsubscribe link (RFC 8058). */
  unsubscribeUrl?: string | null;
}

export interface Transport {
  send(message: OutgoingMessage): Promise<void>;
  close?(): void;
}

/** Mail over SMTP with nodemailer. */
export function smtpTransport(url: string, from: string): Transport {
  // A pool: a burst of mail reuses a few connections instead of opening one per message.
  const transporter = nodemailer.createTransport({ url, pool: true, maxConnections: 3 } as Parameters<
    typeof nodemailer.createTransport
  >[0]);
  const domain = /@([^>\s]+)/.exec(from)?.[1] ?? "xiaokang.local";
  return {
    async send(m) {
      await transporter.sendMail({
        from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: htmlOf(m.text, (m.locale === "en" ? "en" : "zh-CN") as MailLocale),
        messageId: `<${m.id}@${domain}>`,
        headers: m.unsubscribeUrl
          ? { "List-Unsubscribe": `<${m.unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" }
          : {},
      });
    },
    close: () => transporter.close(),
  };
}

/** A text-message provider. Real providers (Aliyun SMS, Tencent Cloud SMS) implement this. */
export interface SmsProvider {
  sendSms(to: string, text: string, idempotencyKey: string): Promise<void>;
}

/** A local fake: keeps what it was asked to send (tests read `sent`), and logs it. */
export function fakeSmsProvider(
  log: (line: string) => void = () => {},
): SmsProvider & { sent: { to: string; text: string; key: string }[] } {
  const sent: { to: string; text: string; key: string }[] = [];
  return {
    sent,
    async sendSms(to, text, key) {
      sent.push({ to, text, key });
      log(`[sms] to ${to.slice(0, 3)}****${to.slice(-4)}: ${text}`);
    },
  };
}

export function smsTransport(provider: SmsProvider): Transport {
  return { send: (m) => provider.sendSms(m.to, m.text, m.id) };
}
