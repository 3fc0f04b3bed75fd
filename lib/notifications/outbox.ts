// Writing notifications: one Outbox row per message, in the caller's transaction, so the message
// exists exactly when the event does (a rolled-back payment leaves no "paid" mail). Each row has an
// intent key (dedupeKey): writing the same intent twice (a replayed event) adds nothing.
// The text is rendered here, in the reader's language, so the admin console can show each
// message as it was or will be sent; a one-time link stays in `secret` until the send.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { NotificationChannel } from "@/lib/generated/prisma/enums";
import { normaliseEmail } from "@/lib/auth/throttle";
import { notificationConfig, siteLink } from "./config";
import { categoryOf, isOptional, SMS_KINDS, type Kind } from "./kinds";
import { footer, render, type MailLocale, type TemplateData } from "./templates";
import { unsubscribeToken } from "./unsubscribe";

type Tx = Prisma.TransactionClient;

export interface Notice {
  kind: Kind;
  /** The intent, unique across all notifications: e.g. `order.shipped:<shipmentId>`. The channel is added. */
  key: string;
  email: string;
  /** A mobile number for the SMS copy of kinds that have one. */
  mobile?: string | null;
  userId?: string | null;
  locale?: string | null;
  data: TemplateData;
  /** A one-time link, put into the text only when the mail is sent. */
  secret?: string;
}

export const mailLocale = (locale: string | null | undefined): MailLocale => (locale === "en" ? "en" : "zh-CN");

const MOBILE = /^1\d{10}$/;

/** Is this kind of notification turned off for any of these addresses on this channel? */
async function isOptedOut(tx: Tx, addresses: string[], category: string, channel: NotificationChannel): Promise<boolean> {
  if (!isOptional(category)) return false;
  const found = await tx.notificationOptOut.findFirst({
    where: { address: { in: addresses }, category, channel },
    select: { address: true },
  });
  return found !== null;
}

/** Writes the notice's rows (mail, and SMS where the kind has one). Returns how many rows were new. */
export async function enqueue(tx: Tx, notice: Notice, smsKinds: readonly Kind[] = SMS_KINDS): Promise<number> {
  const locale = mailLocale(notice.locale);
  const category = categoryOf(notice.kind);
  const email = normaliseEmail(notice.email);
  const config = notificationConfig();
  const text = render(notice.kind, locale, notice.data);
  const unsubscribe = isOptional(category)
    ? siteLink(`/unsubscribe?token=${unsubscribeToken(email, category)}`, locale, config.appUrl)
    : siteLink("/account/notifications", locale, config.appUrl);
  let written = 0;

  if (!(await isOptedOut(tx, [email], category, "EMAIL"))) {
    written += await insertRow(tx, {
      kind: notice.kind,
      channel: "EMAIL",
      userId: notice.userId ?? null,
      recipient: email,
      locale,
      subject: text.subject,
      body: text.body + footer(locale, unsubscribe, isOptional(category)),
      secret: notice.secret ?? null,
      dedupeKey: `${notice.key}:email`,
    });
  }
  const mobile = notice.mobile?.trim();
  if (mobile && MOBILE.test(mobile) && text.sms && smsKinds.includes(notice.kind)) {
    if (!(await isOptedOut(tx, [email, mobile], category, "SMS"))) {
      written += await insertRow(tx, {
        kind: notice.kind,
        channel: "SMS",
        userId: notice.userId ?? null,
        recipient: mobile,
        locale,
        subject: text.subject,
        body: text.sms,
        secret: null,
        dedupeKey: `${notice.key}:sms`,
      });
    }
  }
  return written;
}

async function insertRow(
  tx: Tx,
  row: {
    kind: string;
    channel: NotificationChannel;
    userId: string | null;
    recipient: string;
    locale: string;
    subject: string;
    body: string;
    secret: string | null;
    dedupeKey: string;
  },
): Promise<number> {
  const result = await tx.outbox.createMany({ data: [row], skipDuplicates: true });
  return result.count;
}
