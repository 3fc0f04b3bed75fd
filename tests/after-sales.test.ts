// After-sales (售后) against the real database: windows and reasons, amounts never above what is
// refundable, the state machine's steps (each audited and notified), money only through the one
// refund path with rule 5's reversals, one winner when an acceptance and a clerk's refund of the same
// line race, and the escalation job (once, with two runs at the same moment).
import { describe, expect, it } from "vitest";
import { escalateOverdue } from "@/lib/after-sales/escalate";
import {
  escalateAfterSale,
  openAfterSale,
  proposeAfterSale,
  refundAfterSale,
  refuseAfterSale,
  rejectAfterSale,
  type OpenInput,
} from "@/lib/after-sales/requests";
import { afterSaleOptions } from "@/lib/after-sales/queries";
import type { Actor } from "@/lib/auth/actor";
import { canManageOperator } from "@/lib/auth/actor";
import { requestRefund } from "@/lib/orders/refunds";
import { markDelivered, markShipped } from "@/lib/orders/shipping";
import { demoProvider } from "@/lib/payments/demo";
import { testDb } from "@/tests/support/db";
import { paidOrder } from "@/tests/support/paid-orders";
import { actorOf, OPERATOR_A } from "@/tests/support/personas";
import { linkHouseholds, makeProduct } from "@/tests/support/shop";

const HOUR = 3_600_000;

async function deliveredOrder(
  opts: { category?: "MUTTON" | "CHILI"; noReasonReturn?: boolean | null; deliveredAt?: Date; quantity?: number } = {},
) {
  const product = await makeProduct(OPERATOR_A, { sameSeller: true, priceFen: 5000 });
  await testDb.product.update({
    where: { id: product.id },
    data: { category: opts.category ?? "CHILI", noReasonReturn: opts.noReasonReturn ?? null },
  });
  await linkHouseholds(product, [1000, 500]);
  const order = await paidOrder([{ ...product, quantity: opts.quantity ?? 2 }]);
  const admin = await actorOf("admin");
  const shipment = order.shipments[0]!;
  const at = opts.deliveredAt ?? new Date();
  await markShipped(testDb, { shipmentId: shipment.id, carrier: "SF", trackingNo: "SF1200000001" }, admin, new Date(at.getTime() - HOUR));
  await markDelivered(testDb, { shipmentId: shipment.id }, admin, at);
  return { order, line: order.lines[0]!, product };
}

const open = (order: { id: string }, line: { id: string }, over: Partial<OpenInput> = {}, now?: Date) =>
  openAfterSale(
    testDb,
    {
      orderId: order.id,
      orderLineId: line.id,
      reason: "DAMAGED",
      detail: "箱子压坏了",
      askedFen: 3000,
      returnGoods: false,
      photos: [],
      ...over,
    },
    { userId: null },
    48,
    now,
  );

const seller = (actor: Actor | null) => ({
  actor,
  userId: actor?.userId ?? null,
  mayAct: (r: { operatorId: string }) => canManageOperator(actor, r.operatorId),
});
const buyer = (orderId: string) => ({ actor: null, userId: null, mayAct: (r: { orderId: string }) => r.orderId === orderId });

describe("opening a request", () => {
  it("fresh produce: 48 hours, quality problems only; packaged goods: 7 days, no reason only where allowed", async () => {
    const fresh = await deliveredOrder({ category: "MUTTON", deliveredAt: new Date(Date.now() - 49 * HOUR) });
    await expect(open(fresh.order, fresh.line)).rejects.toMatchObject({ code: "afterSaleWindowClosed" });
    const freshNow = await deliveredOrder({ category: "MUTTON" });
    await expect(open(freshNow.order, freshNow.line, { reason: "OTHER" })).rejects.toMatchObject({ code: "afterSaleReasonNotAllowed" });
    // A seller cannot turn 七天无理由 on for fresh produce.
    const freshAllowed = await deliveredOrder({ category: "MUTTON", noReasonReturn: true });
    await expect(open(freshAllowed.order, freshAllowed.line, { reason: "OTHER" })).rejects.toMatchObject({
      code: "afterSaleReasonNotAllowed",
    });

    const packaged = await deliveredOrder({ category: "CHILI", deliveredAt: new Date(Date.now() - 6 * 24 * HOUR) });
    expect(await open(packaged.order, packaged.line, { reason: "OTHER" })).toMatchObject({ status: "OPEN" });
    const noNoReason = await deliveredOrder({ category: "CHILI", noReasonReturn: false });
    await expect(open(noNoReason.order, noNoReason.line, { reason: "OTHER" })).rejects.toMatchObject({ code: "afterSaleReasonNotAllowed" });
    expect(await open(noNoReason.order, noNoReason.line, { reason: "QUALITY" })).toMatchObject({ status: "OPEN" });
    const late = await deliveredOrder({ category: "CHILI", deliveredAt: new Date(Date.now() - 8 * 24 * HOUR) });
    await expect(open(late.order, late.line)).rejects.toMatchObject({ code: "afterSaleWindowClosed" });
  });

  it("refuses an amount above what is refundable, a second request on the same line, and an undelivered part; writes nothing then", async () => {
    const { order, line } = await deliveredOrder();
    const before = await testDb.afterSaleRequest.count();
    const outbox = await testDb.outbox.count();
    await expect(open(order, line, { askedFen: line.netFen + 1 })).rejects.toMatchObject({
      code: "afterSaleTooMuch",
      values: { max: "¥100.00" },
    });
    expect(await testDb.afterSaleRequest.count()).toBe(before);
    expect(await testDb.outbox.count()).toBe(outbox);

    const first = await open(order, line, { askedFen: line.netFen });
    await expect(open(order, line)).rejects.toMatchObject({ code: "afterSaleAlreadyOpen" });
    await expect(open(order, line, { orderLineId: null, operatorId: line.operatorId })).rejects.toMatchObject({
      code: "afterSaleAlreadyOpen",
    });
    expect(first.status).toBe("OPEN");
    // The seller's managers hear of it; the audit row is there.
    expect(
      await testDb.outbox.count({ where: { kind: "aftersale.opened", dedupeKey: { startsWith: `aftersale.opened:${first.id}` } } }),
    ).toBeGreaterThan(0);
    expect(await testDb.auditLog.count({ where: { entityId: first.id, action: "afterSale.open" } })).toBe(1);

    const product = await makeProduct(OPERATOR_A, { sameSeller: true });
    const paid = await paidOrder([product]);
    await expect(open(paid, paid.lines[0]!)).rejects.toMatchObject({ code: "afterSaleNotDelivered" });
    // A line of another order is not found through this order.
    await expect(open(paid, line)).rejects.toMatchObject({ code: "notFound" });
  });
});

describe("answering", () => {
  it("offer → the shopper accepts: the money goes back through the refund path, allocations reversed, each step audited and mailed", async () => {
    const { order, line } = await deliveredOrder();
    const manager = (await actorOf("managerA"))!;
    const request = await open(order, line, { askedFen: 4000 });
    await expect(proposeAfterSale(testDb, manager, { requestId: request.id, amountFen: 4000, note: "" })).rejects.toMatchObject({
      code: "afterSaleOfferTooLarge",
    });
    // Another operator's manager does not see it.
    await expect(
      proposeAfterSale(testDb, (await actorOf("managerB"))!, { requestId: request.id, amountFen: 1500, note: "" }),
    ).rejects.toMatchObject({
      code: "notFound",
    });
    expect(await proposeAfterSale(testDb, manager, { requestId: request.id, amountFen: 1500, note: "外箱破损，内容完好" })).toEqual({
      status: "PARTIAL",
    });
    // The offer cannot be made twice, nor accepted as the full amount by the seller now.
    await expect(refundAfterSale(testDb, demoProvider, seller(manager), { requestId: request.id, step: "accept" })).rejects.toMatchObject({
      code: "afterSaleStateChanged",
    });
    const allocBefore = await testDb.allocation.aggregate({ where: { orderLineId: line.id }, _sum: { amountFen: true } });
    const result = await refundAfterSale(testDb, demoProvider, buyer(order.id), { requestId: request.id, step: "acceptOffer" });
    expect(result).toMatchObject({ status: "ACCEPTED", refundStatus: "SUCCEEDED" });
    const after = await testDb.afterSaleRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(after).toMatchObject({ status: "ACCEPTED", refundedFen: 1500, refundId: result.refundId });
    expect((await testDb.orderLine.findUniqueOrThrow({ where: { id: line.id } })).refundedFen).toBe(1500);
    const allocAfter = await testDb.allocation.aggregate({ where: { orderLineId: line.id }, _sum: { amountFen: true } });
    // Rule 5: 15% of the line's 100 yuan went to households; 15% of the 15 yuan refunded comes back.
    expect(allocBefore._sum.amountFen! - allocAfter._sum.amountFen!).toBe(225);
    expect(await testDb.refund.findUniqueOrThrow({ where: { id: result.refundId } })).toMatchObject({
      status: "SUCCEEDED",
      amountFen: 1500,
    });
    const kinds = (await testDb.outbox.findMany({ where: { dedupeKey: { contains: request.id } }, select: { kind: true } })).map(
      (r) => r.kind,
    );
    expect(kinds).toEqual(expect.arrayContaining(["aftersale.opened", "aftersale.answered"]));
    expect(await testDb.outbox.count({ where: { dedupeKey: `refund.made:${result.refundId}:email` } })).toBe(1);
    const actions = (await testDb.auditLog.findMany({ where: { entityId: request.id }, select: { action: true } }))
      .map((a) => a.action)
      .sort();
    expect(actions).toEqual(["afterSale.acceptOffer", "afterSale.open", "afterSale.propose"]);
    // A finished request takes nothing more; a new one about the rest of the line may be opened.
    await expect(escalateAfterSale(testDb, { userId: null, orderId: order.id }, { requestId: request.id })).rejects.toMatchObject({
      code: "afterSaleStateChanged",
    });
    await expect(open(order, line, { askedFen: line.netFen - 1500 + 1 })).rejects.toMatchObject({ code: "afterSaleTooMuch" });
  });

  it("refusal → the shopper escalates → the admin decides (never above what was asked), or refuses", async () => {
    const { order, line } = await deliveredOrder();
    const manager = (await actorOf("managerA"))!;
    const admin = (await actorOf("admin"))!;
    const request = await open(order, line, { askedFen: 2000, reason: "WRONG_ITEM" });
    // Only from a refusal or an offer.
    await expect(escalateAfterSale(testDb, { userId: null, orderId: order.id }, { requestId: request.id })).rejects.toMatchObject({
      code: "afterSaleStateChanged",
    });
    await refuseAfterSale(testDb, manager, { requestId: request.id, note: "发的就是这款" });
    // Someone holding another order's link cannot escalate it.
    await expect(escalateAfterSale(testDb, { userId: null, orderId: "another-order" }, { requestId: request.id })).rejects.toMatchObject({
      code: "notFound",
    });
    expect(await escalateAfterSale(testDb, { userId: null, orderId: order.id }, { requestId: request.id })).toEqual({
      status: "ESCALATED",
    });
    await expect(rejectAfterSale(testDb, manager, { requestId: request.id, note: "x" })).rejects.toMatchObject({ code: "notFound" });
    await expect(
      refundAfterSale(
        testDb,
        demoProvider,
        { actor: admin, userId: admin.userId, mayAct: () => true },
        { requestId: request.id, step: "decideRefund", amountFen: 2001 },
      ),
    ).rejects.toMatchObject({ code: "afterSaleTooMuch" });
    const decided = await refundAfterSale(
      testDb,
      demoProvider,
      { actor: admin, userId: admin.userId, mayAct: () => true },
      { requestId: request.id, step: "decideRefund", amountFen: 1200, note: "照片显示规格不符" },
    );
    expect(decided.status).toBe("ACCEPTED");
    expect(await testDb.afterSaleRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      status: "ACCEPTED",
      refundedFen: 1200,
      adminNote: "照片显示规格不符",
    });
    expect(await testDb.outbox.count({ where: { dedupeKey: `aftersale.decided:${request.id}:email` } })).toBe(1);

    const second = await deliveredOrder();
    const r2 = await open(second.order, second.line, { askedFen: 1000 });
    await refuseAfterSale(testDb, manager, { requestId: r2.id, note: "超出范围" });
    await escalateAfterSale(testDb, { userId: null, orderId: second.order.id }, { requestId: r2.id });
    expect(await rejectAfterSale(testDb, admin, { requestId: r2.id, note: "照片不能说明问题" })).toEqual({ status: "REJECTED" });
    expect((await testDb.orderLine.findUniqueOrThrow({ where: { id: second.line.id } })).refundedFen).toBe(0);
  });

  it("an acceptance and a clerk's refund of the same line at once: one wins, the line is never refunded above its net", async () => {
    for (let round = 0; round < 3; round++) {
      const { order, line } = await deliveredOrder();
      const manager = (await actorOf("managerA"))!;
      const request = await open(order, line, { askedFen: line.netFen });
      const results = await Promise.allSettled([
        refundAfterSale(testDb, demoProvider, seller(manager), { requestId: request.id, step: "accept" }),
        requestRefund(testDb, demoProvider, { orderId: order.id, lines: [{ orderLineId: line.id }] }, manager),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const refreshed = await testDb.orderLine.findUniqueOrThrow({ where: { id: line.id } });
      expect(refreshed.refundedFen).toBe(line.netFen);
      const req = await testDb.afterSaleRequest.findUniqueOrThrow({ where: { id: request.id } });
      // The request is accepted exactly when its refund is the one that won.
      expect(req.status === "ACCEPTED").toBe(results[0]!.status === "fulfilled");
      expect(await testDb.refund.count({ where: { orderId: order.id, status: "SUCCEEDED" } })).toBe(1);
    }
  });

  it("two acceptances of the same request at once refund once", async () => {
    const { order, line } = await deliveredOrder();
    const manager = (await actorOf("managerA"))!;
    const admin = (await actorOf("admin"))!;
    const request = await open(order, line, { askedFen: 2500 });
    const results = await Promise.allSettled([
      refundAfterSale(testDb, demoProvider, seller(manager), { requestId: request.id, step: "accept" }),
      refundAfterSale(testDb, demoProvider, seller(admin), { requestId: request.id, step: "accept" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "afterSaleStateChanged" } });
    expect((await testDb.orderLine.findUniqueOrThrow({ where: { id: line.id } })).refundedFen).toBe(2500);
  });

  it("the order page's options: what each line may still ask, none once delivered too long ago", async () => {
    const { order, line } = await deliveredOrder({ quantity: 3 });
    const [part] = await afterSaleOptions(testDb, order.id);
    expect(part).toMatchObject({ closed: null, lines: [{ id: line.id, maxFen: 15000 }] });
    await open(order, line, { askedFen: 100 });
    const [after] = await afterSaleOptions(testDb, order.id);
    expect(after!.lines).toEqual([]);
    expect(after!.wholeMaxFen).toBe(0);
    const old = await deliveredOrder({ deliveredAt: new Date(Date.now() - 30 * 24 * HOUR) });
    expect((await afterSaleOptions(testDb, old.order.id))[0]).toMatchObject({ closed: "afterSaleWindowClosed", lines: [] });
  });
});

describe("escalation of unanswered requests", () => {
  it("escalates OPEN requests past their deadline once, with two runs at the same moment; answered ones stay", async () => {
    const a = await deliveredOrder();
    const b = await deliveredOrder();
    const opened = new Date(Date.now() - 49 * HOUR);
    const overdue = await open(a.order, a.line, {}, new Date(Date.now() - HOUR));
    await testDb.afterSaleRequest.update({ where: { id: overdue.id }, data: { answerBy: new Date(opened.getTime() + 48 * HOUR) } });
    const answered = await open(b.order, b.line);
    await testDb.afterSaleRequest.update({ where: { id: answered.id }, data: { answerBy: new Date(Date.now() - HOUR) } });
    await refuseAfterSale(testDb, (await actorOf("managerA"))!, { requestId: answered.id, note: "已答复" });

    const now = new Date();
    await Promise.all([escalateOverdue(testDb, now), escalateOverdue(testDb, now)]);
    await escalateOverdue(testDb, now);
    expect(await testDb.afterSaleRequest.findUniqueOrThrow({ where: { id: overdue.id } })).toMatchObject({ status: "ESCALATED" });
    expect(await testDb.afterSaleRequest.findUniqueOrThrow({ where: { id: answered.id } })).toMatchObject({ status: "REFUSED" });
    expect(await testDb.auditLog.count({ where: { entityId: overdue.id, action: "afterSale.autoEscalate" } })).toBe(1);
    expect(
      await testDb.outbox.count({
        where: { kind: "aftersale.escalated", dedupeKey: { startsWith: `aftersale.escalated:${overdue.id}:` } },
      }),
    ).toBeGreaterThan(0);
  });
});
