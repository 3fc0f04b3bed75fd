// The two guards every change to an order goes through, in the caller's transaction:
//   lockOrder      the order row, locked until commit, so its status is decided by one writer at a time
//   firstDelivery  a payment provider's event id, stored once: false means it was processed before
import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

/** A provider's event, stored so that a second delivery does nothing. */
export interface PaymentEvent {
  id: string;
  type: string;
}

export async function lockOrder(tx: Tx, orderId: string): Promise<{ id: string; status: string; number: string } | null> {
  const rows = await tx.$queryRaw<{ id: string; status: string; number: string }[]>`
    SELECT "id", "status"::text AS "status", "number" FROM "Order" WHERE "id" = ${orderId} FOR UPDATE`;
  return rows[0] ?? null;
}

/** Stores the event id; false when it was stored before. No event (the return page, the sweeper): true. */
export async function firstDelivery(tx: Tx, event: PaymentEvent | undefined, orderId: string | null): Promise<boolean> {
  if (!event) return true;
  const inserted = await tx.$executeRaw`
    INSERT INTO "ProcessedEvent" ("id", "type", "orderId") VALUES (${event.id}, ${event.type}, ${orderId})
    ON CONFLICT ("id") DO NOTHING`;
  return inserted === 1;
}
