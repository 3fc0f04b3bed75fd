// The outbox as the admin console (/admin) shows it: every message with its text, newest first,
// so the zero-setup demo shows what would have gone out. A one-time link is never shown: the
// text keeps its {{secret}} placeholder, which this shows as a mark, and the secret is not read.
import "server-only";
import { db } from "@/lib/db/db.server";
import type { NotificationChannel, OutboxStatus } from "@/lib/generated/prisma/enums";
import { SECRET } from "./templates";

export interface OutboxEntry {
  id: string;
  kind: string;
  channel: NotificationChannel;
  recipient: string;
  locale: string;
  subject: string;
  body: string;
  status: OutboxStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  sentAt: Date | null;
}

export const OUTBOX_PAGE_SIZE = 50;

/** A page of the outbox, filtered by status; the caller checks that the actor is an admin. */
export async function listOutbox(
  filter: { status?: OutboxStatus; page?: number } = {},
): Promise<{ entries: OutboxEntry[]; total: number; counts: Record<OutboxStatus, number> }> {
  const page = Math.max(1, Math.floor(filter.page ?? 1));
  const where = filter.status ? { status: filter.status } : {};
  const [rows, total, grouped] = await Promise.all([
    db.outbox.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * OUTBOX_PAGE_SIZE,
      take: OUTBOX_PAGE_SIZE,
      select: {
        id: true,
        kind: true,
        channel: true,
        recipient: true,
        locale: true,
        subject: true,
        body: true,
        status: true,
        attempts: true,
        lastError: true,
        createdAt: true,
        sentAt: true,
      },
    }),
    db.outbox.count({ where }),
    db.outbox.groupBy({ by: ["status"], _count: { _all: true }, orderBy: { status: "asc" } }),
  ]);
  const counts = { PENDING: 0, SENT: 0, FAILED: 0 } as Record<OutboxStatus, number>;
  for (const g of grouped) counts[g.status] = g._count._all;
  return { entries: rows.map((r) => ({ ...r, body: r.body.split(SECRET).join("[一次性链接 / one-time link]") })), total, counts };
}
