// 确认收货: the buyer confirms that a seller's part of the order arrived, or, if the buyer does
// not, the order confirms itself AUTO_CONFIRM_DAYS after it was shipped.
//   confirmReceipt   by the buyer (the caller checks that it is their order): SHIPPED or DELIVERED
//                    and not yet confirmed → DELIVERED with receivedAt; the order's status follows.
//   autoConfirmDue   the scheduled job: every due shipment, once. Each runs in its own transaction
//                    that takes the order row with FOR UPDATE SKIP LOCKED (an order another process
//                    or a clerk holds is left for the next round) and confirms with a guarded update
//                    (receivedAt still null), so a second process, a rerun or a crash in between
//                    confirms nothing twice.
import { writeAudit } from "@/lib/audit/audit";
import type { Db } from "@/lib/db/client";
import { ActionError, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { lockOrder } from "./locks";
import { rollUp } from "./shipping";

type Tx = Prisma.TransactionClient;

export const AUTO_CONFIRM_DAYS = 10;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The guarded write: true when this call confirmed it. The order row must be locked. */
async function confirmIn(tx: Tx, shipmentId: string, by: "buyer" | "auto", at: Date, shippedBefore?: Date): Promise<boolean> {
  const n = await tx.$executeRaw`
    UPDATE "Shipment"
       SET "status" = 'DELIVERED', "deliveredAt" = COALESCE("deliveredAt", ${at}), "receivedAt" = ${at}, "receivedBy" = ${by}
     WHERE "id" = ${shipmentId} AND "receivedAt" IS NULL AND "status" IN ('SHIPPED', 'DELIVERED')
       AND (${shippedBefore ?? null}::timestamp IS NULL OR "shippedAt" <= ${shippedBefore ?? null}::timestamp)`;
  return n === 1;
}

/** The buyer confirms receipt of one seller's part. `orderId` is the order the caller may act on. */
export async function confirmReceipt(
  db: Db,
  input: { orderId: string; shipmentId: string; userId: string | null },
  at = new Date(),
): Promise<{ orderStatus: string }> {
  return db.$transaction(async (tx) => {
    const order = await lockOrder(tx, input.orderId);
    if (!order) throw notFound();
    const shipment = await tx.shipment.findFirst({
      where: { id: input.shipmentId, orderId: input.orderId },
      select: { id: true, status: true, receivedAt: true },
    });
    if (!shipment) throw notFound();
    if (shipment.receivedAt) throw new ActionError("receiptAlreadyConfirmed");
    if (shipment.status !== "SHIPPED" && shipment.status !== "DELIVERED") throw new ActionError("receiptNotShipped");
    if (!["SHIPPED", "DELIVERED", "PAID"].includes(order.status)) throw new ActionError("orderNotShippable");
    if (!(await confirmIn(tx, shipment.id, "buyer", at))) throw new ActionError("receiptAlreadyConfirmed");
    const orderStatus = await rollUp(tx, input.orderId);
    await writeAudit(tx, {
      userId: input.userId,
      action: "order.confirmReceipt",
      entity: "Shipment",
      entityId: shipment.id,
      detail: { order: order.number },
    });
    return { orderStatus };
  });
}

/** Confirms every shipment shipped AUTO_CONFIRM_DAYS ago or more and not confirmed. Returns how many this call confirmed. */
export async function autoConfirmDue(db: Db, { now = new Date(), days = AUTO_CONFIRM_DAYS, batch = 200 } = {}): Promise<number> {
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  const due = await db.shipment.findMany({
    where: { receivedAt: null, status: { in: ["SHIPPED", "DELIVERED"] }, shippedAt: { lte: cutoff } },
    select: { id: true, orderId: true },
    orderBy: { shippedAt: "asc" },
    take: batch,
  });
  let confirmed = 0;
  for (const s of due) {
    const done = await db.$transaction(async (tx) => {
      const locked = await tx.$queryRaw<{ id: string; status: string }[]>`
        SELECT "id", "status"::text AS "status" FROM "Order" WHERE "id" = ${s.orderId} FOR UPDATE SKIP LOCKED`;
      if (!locked[0] || !["SHIPPED", "DELIVERED", "PAID"].includes(locked[0].status)) return false;
      if (!(await confirmIn(tx, s.id, "auto", now, cutoff))) return false;
      await rollUp(tx, s.orderId);
      await writeAudit(tx, { action: "order.autoConfirmReceipt", entity: "Shipment", entityId: s.id, detail: { days } });
      return true;
    });
    if (done) confirmed++;
  }
  return confirmed;
}
