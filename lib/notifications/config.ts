// The notification settings, read from the environment in this one place:
//   SMTP_URL        smtp(s)://user:pass@host:port; absent: no mail is sent, rows stay readable in /admin
//   MAIL_FROM       the From address, e.g. "小康集市 <noreply@xiaokang.example>"
//   APP_URL         the public address links in mails point to (default NEXTAUTH_URL, then localhost:3000)
//   SMS_PROVIDER    "fake" (writes to the log; tests) or absent (no SMS is sent, rows stay pending)
//   OUTBOX_POLL_MS  how often a server process looks for mail to send (default 3000)
export interface NotificationConfig {
  smtpUrl: string | null;
  mailFrom: string;
  appUrl: string;
  smsProvider: "fake" | null;
  pollMs: number;
}

export function notificationConfig(env: Record<string, string | undefined> = process.env): NotificationConfig {
  const poll = Number(env.OUTBOX_POLL_MS);
  return {
    smtpUrl: env.SMTP_URL?.trim() || null,
    mailFrom: env.MAIL_FROM?.trim() || "小康集市 <noreply@xiaokang.test>",
    appUrl: (env.APP_URL?.trim() || env.NEXTAUTH_URL?.trim() || "http://localhost:3000").replace(/\/+$/, ""),
    smsProvider: env.SMS_PROVIDER === "fake" ? "fake" : null,
    pollMs: Number.isFinite(poll) && poll >= 100 ? poll : 3000,
  };
}

/** An absolute link to a page of the site in the reader's language (Chinese unprefixed, English under /en). */
export function siteLink(path: string, locale: string, appUrl = notificationConfig().appUrl): string {
  const prefix = locale === "en" ? "/en" : "";
  return `${appUrl}${prefix}${path.startsWith("/") ? path : `/${path}`}`;
}
