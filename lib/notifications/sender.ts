// Delivering the outbox. Any number of sender loops (one per server process) may run at once:
//   claim    one statement picks due rows with FOR UPDATE SKIP LOCKED and stamps a lease (until
//            when this sender owns them) and a lease token; a second sender skips them.
//   send     each row through its channel's transport.
//   settle   SENT (the one-time link cleared), or back to PENDING with a later nextAttemptAt
//            (backoff), or FAILED after the last attempt; guarded by the lease token, so a sender
//            whose lease ran out cannot overwrite the row another sender took over.
// A sender that dies after claiming leaves rows whose lease expires; another sender takes them.
// The unavoidable window is a crash after the SMTP server accepted the mail and before the row
// is marked: that mail is sent again with the same Message-ID (the row id), which mail systems
// use to recognise a repeat. A crash anywhere else loses nothing and sends nothing twice.
import { randomBytes } from "node:crypto";
import type { Db } from "@/lib/db/client";
import type { NotificationChannel } from "@/lib/generated/prisma/enums";
import { SECRET } from "./templates";
import type { Transport } from "./transports";

export const MAX_ATTEMPTS = 8;
export const LEASE_MS = 60_000;

/** Wait before attempt n+1 after n failed attempts: 30 s, 1 min, 2 min, … capped at 1 h. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export interface ClaimedRow {
  id: string;
  channel: NotificationChannel;
  recipient: string;
  subject: string;
  body: string;
  secret: string | null;
  locale: string;
  attempts: number;
}

/** Takes up to `limit` due rows of the given channels for this sender, for LEASE_MS. */
export async function claim(
  db: Db,
  channels: NotificationChannel[],
  { limit = 20, now = new Date(), leaseMs = LEASE_MS }: { limit?: number; now?: Date; leaseMs?: number } = {},
): Promise<{ token: string; rows: ClaimedRow[] }> {
  const token = randomBytes(12).toString("base64url");
  if (channels.length === 0) return { token, rows: [] };
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const rows = await db.$queryRaw<ClaimedRow[]>`
    UPDATE "Outbox" o
       SET "leaseUntil" = ${leaseUntil}, "leaseToken" = ${token}, "attempts" = o."attempts" + 1
      FROM (
        SELECT "id" FROM "Outbox"
         WHERE "status" = 'PENDING'
           AND "channel"::text = ANY(${channels}::text[])
           AND "nextAttemptAt" <= ${now}
           AND ("leaseUntil" IS NULL OR "leaseUntil" <= ${now})
         ORDER BY "nextAttemptAt", "id"
         LIMIT ${limit}
         FOR UPDATE SKIP LOCKED
      ) due
     WHERE o."id" = due."id"
    RETURNING o."id", o."channel", o."recipient", o."subject", o."body", o."secret", o."locale", o."attempts"`;
  return { token, rows };
}

/** The text as sent: the one-time link put in. */
export function textOf(row: Pick<ClaimedRow, "body" | "secret">): string {
  return row.secret ? row.body.split(SECRET).join(row.secret) : row.body;
}

const UNSUBSCRIBE = /(https?:\/\/\S+\/unsubscribe\?token=\S+)/;

/** The one-click (RFC 8058) address of the mail's unsubscribe link: the API route, which takes a POST. */
function oneClickUrl(text: string): string | null {
  const link = UNSUBSCRIBE.exec(text)?.[1];
  if (!link) return null;
  const url = new URL(link);
  return `${url.origin}/api/notifications/unsubscribe${url.search}`;
}

export async function markSent(db: Db, id: string, token: string, now = new Date()): Promise<boolean> {
  const n = await db.$executeRaw`
    UPDATE "Outbox" SET "status" = 'SENT', "sentAt" = ${now}, "secret" = NULL, "leaseUntil" = NULL, "lastError" = NULL
     WHERE "id" = ${id} AND "leaseToken" = ${token} AND "status" = 'PENDING'`;
  return n === 1;
}

export async function markFailed(db: Db, row: ClaimedRow, token: string, error: string, now = new Date()): Promise<void> {
  const last = row.attempts >= MAX_ATTEMPTS;
  const next = new Date(now.getTime() + backoffMs(row.attempts));
  await db.$executeRaw`
    UPDATE "Outbox"
       SET "status" = ${last ? "FAILED" : "PENDING"}::"OutboxStatus", "nextAttemptAt" = ${next}, "leaseUntil" = NULL,
           "lastError" = ${error.slice(0, 500)}, "secret" = CASE WHEN ${last} THEN NULL ELSE "secret" END
     WHERE "id" = ${row.id} AND "leaseToken" = ${token} AND "status" = 'PENDING'`;
}

export type Transports = Partial<Record<NotificationChannel, Transport>>;

/**
 * One round: claims due rows of every channel that has a transport and delivers them. Channels
 * without a transport (no SMTP configured) are left alone: their rows stay PENDING and readable.
 */
export async function deliverDue(
  db: Db,
  transports: Transports,
  options: { limit?: number; now?: () => Date; leaseMs?: number } = {},
): Promise<{ sent: number; failed: number }> {
  const now = options.now ?? (() => new Date());
  const channels = (Object.keys(transports) as NotificationChannel[]).filter((c) => transports[c]);
  const { token, rows } = await claim(db, channels, { limit: options.limit, now: now(), leaseMs: options.leaseMs });
  let sent = 0;
  let failed = 0;
  for (const row of rows) {
    const text = textOf(row);
    try {
      await transports[row.channel]!.send({
        id: row.id,
        to: row.recipient,
        subject: row.subject,
        text,
        locale: row.locale,
        unsubscribeUrl: oneClickUrl(text),
      });
    } catch (error) {
      failed++;
      await markFailed(db, row, token, error instanceof Error ? error.message : String(error), now());
      continue;
    }
    if (await markSent(db, row.id, token, now())) sent++;
  }
  return { sent, failed };
}
