// 对公转账 (lib/payments/transfer.ts): who may choose it, the three working days it holds the stock,
// "transfer received" through the one "paid" path exactly once (several admins at once, and a replay
// after the order is paid), and the sweeper releasing a transfer that never came.
import { describe, expect, it } from "vitest";
import "@/lib/payments/transfer-actions";
import { placeOrder } from "@/lib/orders/checkout";
import { sweepExpiredReservations } from "@/lib/orders/sweeper";
import { demoProvider } from "@/lib/payments/demo";
import type { PaymentProvider } from "@/lib/payments/provider";
import { transferProvider } from "@/lib/payments/transfer";
import { TRANSFER_REFERENCE, transferDeadline } from "@/lib/payments/transfer-window";
import { findTransfers } from "@/lib/payments/transfers";
import { loadActor } from "@/lib/auth/load-actor";
import { run } from "./support/actions";
import { testDb } from "./support/db";
import { databaseFingerprint } from "./support/fingerprint";
import { actorOf, OPERATOR_A } from "./support/personas";
import { cartOf, makeProduct } from "./support/shop";

const providerFor = (name: string): PaymentProvider => (name === "transfer" ? transferProvider : demoProvider);
const buyer = () => loadActor(testDb, "seed-user-buyer"); // the demo trade union's manager (prisma/demo-accounts.ts)

async function transferOrder(quantity = 2, now = new Date()) {
  const product = await makeProduct(OPERATOR_A, { stock: 10, priceFen: 8800 });
  const placed = await placeOrder(
    testDb,
    { ...cartOf([{ ...product, quantity }]), paymentMethod: "transfer" },
    { actor: await buyer(), provider: transferProvider, origin: "http://localhost", locale: "zh-CN", now, maxUnpaidOrders: 100 },
  );
  const order = await testDb.order.findUniqueOrThrow({ where: { id: placed.orderId }, include: { lines: true } });
  return { product, placed, order };
}
const stockOf = async (id: string) => (await testDb.product.findUniqueOrThrow({ where: { id } })).stock;

describe("choosing bank transfer", () => {
  it("a member of an organisation gets an order awaiting transfer: a reference, three working days, the order page as its 'session'", async () => {
    const now = new Date("2026-12-11T03:00:00Z"); // a Friday in Shanghai
    const { placed, order, product } = await transferOrder(2, now);
    expect(order).toMatchObject({ status: "PENDING_PAYMENT", paymentProvider: "transfer", totalFen: 17_600 });
    expect(order.transferReference).toMatch(TRANSFER_REFERENCE);
    expect(order.reservedUntil).toEqual(transferDeadline(now)); // Wednesday 23:59:59 Shanghai
    expect(placed.next).toBe(`/orders/${order.number}?t=${placed.accessToken}`);
    expect(await stockOf(product.id)).toBe(8);
  });

  it("a shopper or a guest may not pay by transfer", async () => {
    const product = await makeProduct(OPERATOR_A, { stock: 10 });
    const before = await databaseFingerprint();
    for (const actor of [await actorOf("shopper"), null]) {
      await expect(
        placeOrder(
          testDb,
          { ...cartOf([product]), paymentMethod: "transfer", ...(actor ? {} : { email: "guest@example.test" }) },
          { actor, provider: transferProvider, origin: "http://localhost", locale: "zh-CN" },
        ),
      ).rejects.toMatchObject({ code: "transferNotAllowed" });
    }
    // The method and the provider must agree (the route picks the provider from the method).
    await expect(
      placeOrder(testDb, cartOf([product]), {
        actor: await buyer(),
        provider: transferProvider,
        origin: "http://localhost",
        locale: "zh-CN",
      }),
    ).rejects.toMatchObject({ code: "invalidInput" });
    expect(await databaseFingerprint()).toEqual(before);
  });
});

describe("marking a transfer received", () => {
  it("pays the order once when several admins confirm at the same moment", async () => {
    const { order } = await transferOrder();
    const admin = await actorOf("admin");
    const input = { orderId: order.id, expectAmountFen: String(order.totalFen) };
    const answers = await Promise.all([1, 2, 3, 4, 5].map(() => run("transfer.markReceived", admin, input)));
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    for (const refused of answers.filter((a) => !a.ok)) expect(refused).toMatchObject({ error: "transferAlreadyReceived" });

    const paid = await testDb.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(paid.status).toBe("PAID");
    expect(await testDb.processedEvent.count({ where: { id: `transfer:${order.id}:received` } })).toBe(1);
    expect(await testDb.settlementEntry.count({ where: { orderLineId: order.lines[0]!.id } })).toBe(1);
    expect(await testDb.shipment.count({ where: { orderId: order.id } })).toBe(1);
    expect(await testDb.outbox.count({ where: { dedupeKey: { startsWith: `order.paid:${order.id}` } } })).toBe(1);
    const audits = await testDb.auditLog.findMany({ where: { entity: "Order", entityId: order.id, action: "transfer.received" } });
    expect(audits).toHaveLength(1);
    expect(audits[0]!.userId).toBe(admin!.userId);

    // A replay after the order is paid: the same clear answer, and nothing changes.
    const before = await databaseFingerprint();
    expect(await run("transfer.markReceived", admin, input)).toMatchObject({ ok: false, error: "transferAlreadyReceived" });
    expect(await databaseFingerprint()).toEqual(before);
  });

  it("refuses an amount other than the order's, and anyone but an admin", async () => {
    const { order } = await transferOrder();
    const before = await databaseFingerprint();
    expect(await run("transfer.markReceived", await actorOf("admin"), { orderId: order.id, expectAmountFen: "100" })).toMatchObject({
      ok: false,
      error: "transferAmountMismatch",
    });
    for (const persona of ["managerA", "officerGangu", "shopper"] as const) {
      expect(
        await run("transfer.markReceived", await actorOf(persona), { orderId: order.id, expectAmountFen: String(order.totalFen) }),
      ).toMatchObject({
        ok: false,
        error: "notFound",
      });
    }
    expect(await run("transfer.markReceived", await buyer(), { orderId: order.id, expectAmountFen: String(order.totalFen) })).toMatchObject(
      {
        ok: false,
        error: "notFound",
      },
    );
    expect(await databaseFingerprint()).toEqual(before);
  });

  it("is found by its reference or its order number", async () => {
    const { order } = await transferOrder();
    expect((await findTransfers(testDb, order.transferReference!.toLowerCase())).rows.map((r) => r.id)).toEqual([order.id]);
    expect((await findTransfers(testDb, order.number)).rows.map((r) => r.id)).toEqual([order.id]);
    expect((await findTransfers(testDb, "")).rows.some((r) => r.id === order.id)).toBe(true);
    expect(await findTransfers(testDb, "DROP TABLE")).toMatchObject({ valid: false, rows: [] });
  });
});

describe("a transfer that never arrives", () => {
  // The sweeps run at the real "now", so they touch no other test's orders that are not due anyway.
  it("keeps its stock through the window and is released by the sweeper after it, once", { timeout: 120_000 }, async () => {
    const { order, product } = await transferOrder(3);
    // Held far beyond an online session's 31 minutes: a sweep now leaves it alone.
    expect(order.reservedUntil.getTime() - Date.now()).toBeGreaterThan(24 * 3600_000);
    await sweepExpiredReservations(testDb, providerFor, new Date());
    expect((await testDb.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("PENDING_PAYMENT");
    expect(await stockOf(product.id)).toBe(7);

    // Placed eight days ago: its three working days are over. Two sweepers at once release it once.
    const old = await transferOrder(3, new Date(Date.now() - 8 * 86_400_000));
    expect(old.order.reservedUntil.getTime()).toBeLessThan(Date.now());
    await Promise.all([
      sweepExpiredReservations(testDb, providerFor, new Date()),
      sweepExpiredReservations(testDb, providerFor, new Date()),
    ]);
    expect(await testDb.order.findUniqueOrThrow({ where: { id: old.order.id } })).toMatchObject({
      status: "CANCELLED",
      cancelReason: "EXPIRED",
    });
    expect(await stockOf(old.product.id)).toBe(10);
    expect(await testDb.stockMovement.count({ where: { productId: old.product.id, reason: "RELEASE" } })).toBe(1);

    // The money arrives after the release: not paid, and the admin is told to send it back.
    expect(
      await run("transfer.markReceived", await actorOf("admin"), { orderId: old.order.id, expectAmountFen: String(old.order.totalFen) }),
    ).toMatchObject({ ok: false, error: "transferOrderReleased" });
    expect((await testDb.order.findUniqueOrThrow({ where: { id: old.order.id } })).status).toBe("CANCELLED");
  });
});
