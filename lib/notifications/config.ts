// The notification settings, read from the environment in this one place:
//   SMTP_URL        smtp(s)://user:pass@host:port; absent: no mail is sent, rows stay readable in /admin
//   MAIL_FROM       the From address, e.g. "小康集市 <noreply@xiaokang.example>"
//   APP_URL         the public address links in mails point to (default NEXTAUTH_URL, then localhost:3000)
//   SMS_PROVIDER    "fake" (writes to the log; tests) or absent (no SMS is sent, rows stay pending)
//   OUTBOX_POLL_MS  how often a server process looks for mail to send (default 3000)
// All read through env() of lib/env/env.ts, the one checked reader.
import { env, type Env } from "@/lib/env/env";
export interface NotificationConfig {
  smtpUrl: string | null;
  mailFrom: string;
  appUrl: string;
  smsProvider: "fake" | null;
  pollMs: number;
}

export function notificationConfig(settings: Env = env()): NotificationConfig {
  return {
    smtpUrl: settings.SMTP_URL?.trim() || null,
    mailFrom: settings.MAIL_FROM?.trim() || "小康集市 <noreply@xiaokang.test>",
    appUrl: (settings.APP_URL?.trim() || settings.NEXTAUTH_URL?.trim() || "http://localhost:3000").replace(/\/+$/, ""),
    smsProvider: settings.SMS_PROVIDER === "fake" ? "fake" : null,
    pollMs: settings.OUTBOX_POLL_MS ?? 3000,
  };
}

/** An absolute link to a page of the site in the reader's language (Chinese unprefixed, English under /en). */
export function siteLink(path: string, locale: string, appUrl = notificationConfig().appUrl): string {
  const prefix = locale === "en" ? "/en" : "";
  return `${appUrl}${prefix}${path.startsWith("/") ? path : `/${path}`}`;
}
