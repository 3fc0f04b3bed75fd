// 对公转账 for the admin: the orders waiting for a transfer, found by reference or order number, and
// "transfer received", which goes through the one "paid" path (lib/orders/fulfilment.ts confirmPayment)
// with the event id transfer:<orderId>:received: the first mark pays the order; any other (a double
// click, a second admin at the same moment, a replay after the order is paid) finds the event stored
// and changes nothing (docs/DESIGN.md#rule-4). See ./transfer.ts.
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { ActionError, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { confirmPayment } from "@/lib/orders/fulfilment";
import { ORDER_NUMBER } from "@/lib/orders/number";
import { transferEventId } from "./transfer";
import { TRANSFER_REFERENCE } from "./transfer-window";

/**
 * The admin saw the money arrive. `expectAmountFen` is the amount the page showed: a different
 * total (the page was stale) is refused rather than confirmed.
 */
export async function markTransferReceived(
  db: Db,
  actor: Actor,
  input: { orderId: string; expectAmountFen: number },
): Promise<{ number: string }> {
  const order = await db.order.findUnique({
    where: { id: input.orderId },
    select: { id: true, number: true, paymentProvider: true, totalFen: true, transferReference: true },
  });
  if (!order || order.paymentProvider !== "transfer") throw notFound();
  if (order.totalFen !== input.expectAmountFen) throw new ActionError("transferAmountMismatch");
  const outcome = await confirmPayment(db, {
    orderId: order.id,
    event: { id: transferEventId(order.id), type: "transfer.received" },
    audit: {
      userId: actor.userId,
      action: "transfer.received",
      detail: { reference: order.transferReference, amountFen: order.totalFen },
    },
  });
  if (outcome.result === "applied") return { number: order.number };
  if (outcome.result === "notFound") throw notFound();
  if (outcome.result === "unchanged" && outcome.status === "CANCELLED") throw new ActionError("transferOrderReleased");
  // duplicateEvent (marked before) or an order already paid.
  throw new ActionError("transferAlreadyReceived");
}

const transferView = {
  id: true,
  number: true,
  status: true,
  email: true,
  totalFen: true,
  createdAt: true,
  paidAt: true,
  reservedUntil: true,
  cancelledAt: true,
  transferReference: true,
  organisation: { select: { nameZh: true, nameEn: true } },
  user: { select: { name: true } },
} as const satisfies Prisma.OrderSelect;

/**
 * The admin's list: with a reference (ZZ…) or an order number, that order whatever its state;
 * otherwise the orders still waiting for their transfer, the soonest released first.
 */
export async function findTransfers(db: Db, rawQuery: string, take = 50) {
  const q = rawQuery.trim().toUpperCase();
  if (q) {
    if (!TRANSFER_REFERENCE.test(q) && !ORDER_NUMBER.test(q)) return { query: q, valid: false, rows: [] };
    const rows = await db.order.findMany({
      where: { paymentProvider: "transfer", OR: [{ transferReference: q }, { number: q }] },
      select: transferView,
      take: 2,
    });
    return { query: q, valid: true, rows };
  }
  const rows = await db.order.findMany({
    where: { paymentProvider: "transfer", status: "PENDING_PAYMENT" },
    orderBy: { reservedUntil: "asc" },
    select: transferView,
    take,
  });
  return { query: "", valid: true, rows };
}
export type TransferRow = Awaited<ReturnType<typeof findTransfers>>["rows"][number];
