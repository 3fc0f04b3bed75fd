// 确认收货: the buyer's confirmation and the auto-confirm job (idempotent, safe when run twice at once).
import { describe, expect, it } from "vitest";
import { autoConfirmDue, AUTO_CONFIRM_DAYS, confirmReceipt } from "@/lib/orders/receipt";
import { markShipped } from "@/lib/orders/shipping";
import { testDb } from "@/tests/support/db";
import { paidOrder } from "@/tests/support/paid-orders";
import { actorOf, OPERATOR_A, OPERATOR_B } from "@/tests/support/personas";
import { makeProduct } from "@/tests/support/shop";

const DAY = 24 * 60 * 60 * 1000;

async function shippedOrder(shippedAt: Date) {
  const a = await makeProduct(OPERATOR_A, { sameSeller: true });
  const b = await makeProduct(OPERATOR_B, { sameSeller: true });
  const order = await paidOrder([
    { ...a, quantity: 1 },
    { ...b, quantity: 1 },
  ]);
  const admin = await actorOf("admin");
  const [sa, sb] = order.shipments.sort((x, y) => (x.operatorId === a.operatorId ? -1 : y.operatorId === a.operatorId ? 1 : 0));
  await markShipped(testDb, { shipmentId: sa!.id, carrier: "SF", trackingNo: "SF0000000001" }, admin, shippedAt);
  return { order, shipmentA: sa!, shipmentB: sb! };
}

describe("confirmReceipt", () => {
  it("confirms one seller's shipped part once; the order is delivered when every part is", async () => {
    const { order, shipmentA, shipmentB } = await shippedOrder(new Date());
    await expect(confirmReceipt(testDb, { orderId: order.id, shipmentId: shipmentB.id, userId: null })).rejects.toMatchObject({
      code: "receiptNotShipped",
    });
    expect(await confirmReceipt(testDb, { orderId: order.id, shipmentId: shipmentA.id, userId: null })).toEqual({ orderStatus: "PAID" });
    const a = await testDb.shipment.findUniqueOrThrow({ where: { id: shipmentA.id } });
    expect(a).toMatchObject({ status: "DELIVERED", receivedBy: "buyer" });
    expect(a.receivedAt).not.toBeNull();
    await expect(confirmReceipt(testDb, { orderId: order.id, shipmentId: shipmentA.id, userId: null })).rejects.toMatchObject({
      code: "receiptAlreadyConfirmed",
    });
    // A shipment of another order is not found through this order.
    const other = await shippedOrder(new Date());
    await expect(confirmReceipt(testDb, { orderId: order.id, shipmentId: other.shipmentA.id, userId: null })).rejects.toMatchObject({
      code: "notFound",
    });
    await markShipped(testDb, { shipmentId: shipmentB.id, carrier: "EMS", trackingNo: "EMS000000002" }, await actorOf("admin"));
    expect(await confirmReceipt(testDb, { orderId: order.id, shipmentId: shipmentB.id, userId: null })).toEqual({
      orderStatus: "DELIVERED",
    });
    expect(await testDb.auditLog.count({ where: { entityId: { in: [shipmentA.id, shipmentB.id] }, action: "order.confirmReceipt" } })).toBe(
      2,
    );
  });
});

describe("autoConfirmDue", () => {
  it(`confirms parts shipped ${AUTO_CONFIRM_DAYS} days ago or more, once, even with two runs at the same moment`, async () => {
    const now = new Date();
    const old = await shippedOrder(new Date(now.getTime() - (AUTO_CONFIRM_DAYS + 1) * DAY));
    const recent = await shippedOrder(new Date(now.getTime() - (AUTO_CONFIRM_DAYS - 1) * DAY));
    const [first, second] = await Promise.all([autoConfirmDue(testDb, { now }), autoConfirmDue(testDb, { now })]);
    // Other test files share this database and leave older shipped parts: a run takes the oldest
    // 200, so drain what is due before looking at this test's own parts.
    for (let round = 0; round < 100 && (await autoConfirmDue(testDb, { now })) > 0; round++);
    const mine = await testDb.shipment.findMany({
      where: { id: { in: [old.shipmentA.id, recent.shipmentA.id, old.shipmentB.id] } },
      select: { id: true, status: true, receivedBy: true },
    });
    const byId = new Map(mine.map((s) => [s.id, s]));
    expect(byId.get(old.shipmentA.id)).toMatchObject({ status: "DELIVERED", receivedBy: "auto" });
    expect(byId.get(recent.shipmentA.id)).toMatchObject({ status: "SHIPPED", receivedBy: null });
    expect(byId.get(old.shipmentB.id)).toMatchObject({ status: "TO_SHIP", receivedBy: null }); // never shipped: nothing to confirm
    expect(await testDb.auditLog.count({ where: { entityId: old.shipmentA.id, action: "order.autoConfirmReceipt" } })).toBe(1);
    expect(first + second).toBeGreaterThanOrEqual(1);
    // A rerun confirms nothing more for these.
    await autoConfirmDue(testDb, { now });
    expect(await testDb.auditLog.count({ where: { entityId: old.shipmentA.id, action: "order.autoConfirmReceipt" } })).toBe(1);
    // The buyer can no longer confirm what confirmed itself.
    await expect(confirmReceipt(testDb, { orderId: old.order.id, shipmentId: old.shipmentA.id, userId: null })).rejects.toMatchObject({
      code: "receiptAlreadyConfirmed",
    });
  });
});
