// The cooperative console's side of orders, against the real database: shipping each operator's
// part (state machine, the order's status following its shipments, scope), refunds through the
// action layer (amounts typed in yuan, restock, errors in the user's language, nothing half-written)
// and the figures of the orders list, the order page and the settlement view.
import { createTranslator } from "next-intl";
import { beforeAll, describe, expect, it } from "vitest";
import type { ActionResult } from "@/lib/actions/define";
import type { Actor } from "@/lib/auth/actor";
import "@/lib/orders/seller-actions";
import {
  cityName,
  getOperatorOrder,
  listOperatorOrders,
  regionLine,
  settlementEntries,
  settlementSummary,
} from "@/lib/orders/seller-orders";
import { ordersAwaitingShipment } from "@/lib/operators/dashboard";
import { markDelivered, markShipped } from "@/lib/orders/shipping";
import zhErrors from "@/messages/zh-CN/errors.json";
import enErrors from "@/messages/en/errors.json";
import { data, run } from "./support/actions";
import { testDb } from "./support/db";
import { databaseFingerprint } from "./support/fingerprint";
import { paidOrder, type PaidOrder } from "./support/paid-orders";
import { actorOf, OPERATOR_A, OPERATOR_B } from "./support/personas";
import { revalidatedTags } from "./support/setup";
import { makeProduct } from "./support/shop";

let managerA: Actor;
let managerB: Actor;
let officer: Actor;
let admin: Actor;
let operatorA: string;
let operatorB: string;

beforeAll(async () => {
  managerA = (await actorOf("managerA"))!;
  managerB = (await actorOf("managerB"))!;
  officer = (await actorOf("officerGangu"))!;
  admin = (await actorOf("admin"))!;
  operatorA = (await testDb.operator.findUniqueOrThrow({ where: { slug: OPERATOR_A } })).id;
  operatorB = (await testDb.operator.findUniqueOrThrow({ where: { slug: OPERATOR_B } })).id;
});

/** An order with a line of operator A (2 × ¥50.00) and one of operator B (1 × ¥120.00), paid. */
async function twoSellerOrder(at?: Date) {
  const a = await makeProduct(OPERATOR_A, { stock: 20, priceFen: 5000, sameSeller: true });
  const b = await makeProduct(OPERATOR_B, { stock: 20, priceFen: 12000, sameSeller: true });
  const order = await paidOrder([{ ...a, quantity: 2 }, b], at);
  return {
    order,
    a,
    b,
    lineA: order.lines.find((l) => l.productId === a.id)!,
    lineB: order.lines.find((l) => l.productId === b.id)!,
    shipmentA: order.shipments.find((s) => s.operatorId === a.operatorId)!,
    shipmentB: order.shipments.find((s) => s.operatorId === b.operatorId)!,
  };
}

const statusOf = async (order: PaidOrder) => (await testDb.order.findUniqueOrThrow({ where: { id: order.id } })).status;
const shipmentOf = (id: string) => testDb.shipment.findUniqueOrThrow({ where: { id } });
const refused = async (promise: Promise<unknown>) => promise.then(() => null).catch((e: { code?: string }) => e.code ?? String(e));

describe("shipping", () => {
  it("each seller ships its own part; the order is SHIPPED once all have shipped and DELIVERED once all have arrived", async () => {
    const { order, shipmentA, shipmentB } = await twoSellerOrder();
    expect(order.status).toBe("PAID");

    const shipped = await markShipped(testDb, { shipmentId: shipmentA.id, carrier: "SF", trackingNo: "ｓｆ 1234-5678 90" }, managerA);
    expect(shipped).toMatchObject({ status: "SHIPPED", orderStatus: "PAID", orderNumber: order.number });
    expect(await shipmentOf(shipmentA.id)).toMatchObject({ status: "SHIPPED", carrier: "顺丰速运", trackingNo: "SF1234567890" });
    expect((await shipmentOf(shipmentA.id)).shippedAt).toBeInstanceOf(Date);
    expect(await statusOf(order)).toBe("PAID"); // B has not shipped yet

    await markShipped(
      testDb,
      { shipmentId: shipmentB.id, carrier: "OTHER", carrierOther: "德邦快递", trackingNo: "DPK300012345" },
      managerB,
    );
    expect((await shipmentOf(shipmentB.id)).carrier).toBe("德邦快递");
    expect(await statusOf(order)).toBe("SHIPPED");

    expect((await markDelivered(testDb, { shipmentId: shipmentA.id }, managerA)).orderStatus).toBe("SHIPPED");
    expect((await markDelivered(testDb, { shipmentId: shipmentB.id }, admin)).orderStatus).toBe("DELIVERED");
    expect(await statusOf(order)).toBe("DELIVERED");
    expect((await shipmentOf(shipmentB.id)).deliveredAt).toBeInstanceOf(Date);

    const audit = await testDb.auditLog.findMany({ where: { entity: "Shipment", entityId: { in: [shipmentA.id, shipmentB.id] } } });
    expect(audit.map((a) => a.action).sort()).toEqual(["order.deliver", "order.deliver", "order.ship", "order.ship"]);
    expect(audit.find((a) => a.action === "order.deliver" && a.entityId === shipmentB.id)!.userId).toBe(admin.userId);
  });

  it("moves only forward, one step at a time, and says why not; a refusal changes nothing", async () => {
    const { shipmentA } = await twoSellerOrder();
    const ship = () => markShipped(testDb, { shipmentId: shipmentA.id, carrier: "ZTO", trackingNo: "773012345678901" }, managerA);
    const deliver = () => markDelivered(testDb, { shipmentId: shipmentA.id }, managerA);

    let before = await databaseFingerprint();
    expect(await refused(deliver())).toBe("shipmentNotShipped");
    expect(await databaseFingerprint()).toEqual(before);

    await ship();
    before = await databaseFingerprint();
    expect(await refused(ship())).toBe("shipmentAlreadyShipped");
    expect(await databaseFingerprint()).toEqual(before);

    await deliver();
    before = await databaseFingerprint();
    expect(await refused(deliver())).toBe("shipmentAlreadyDelivered");
    expect(await refused(ship())).toBe("shipmentAlreadyDelivered");
    expect(await databaseFingerprint()).toEqual(before);
  });

  it("only the operator's managers and admins may: everyone else is told 'not found', as for an unknown id", async () => {
    const { shipmentA } = await twoSellerOrder();
    const before = await databaseFingerprint();
    for (const who of [managerB, officer, null]) {
      expect(await refused(markShipped(testDb, { shipmentId: shipmentA.id, carrier: "SF", trackingNo: "SF1234567890" }, who))).toBe(
        "notFound",
      );
    }
    expect(await refused(markDelivered(testDb, { shipmentId: "no-such-shipment" }, admin))).toBe("notFound");
    expect(await databaseFingerprint()).toEqual(before);
  });

  it("a part refunded in full before it left is cancelled and refused, and no longer holds the order back", async () => {
    const { order, lineA, shipmentA, shipmentB } = await twoSellerOrder();
    await markShipped(testDb, { shipmentId: shipmentB.id, carrier: "JD", trackingNo: "JD0012345678" }, managerB);
    expect(await statusOf(order)).toBe("PAID"); // A still to ship

    data(await run("order.refund", managerA, { orderId: order.id, orderLineId: [lineA.id], amount: [""] }));
    expect((await shipmentOf(shipmentA.id)).status).toBe("CANCELLED");
    expect(await statusOf(order)).toBe("SHIPPED"); // only B's part was due, and it is on its way
    expect(await refused(markShipped(testDb, { shipmentId: shipmentA.id, carrier: "SF", trackingNo: "SF1234567890" }, managerA))).toBe(
      "shipmentCancelled",
    );
    expect(await ordersAwaitingShipment(testDb, operatorA)).toBe(
      await testDb.shipment.count({ where: { operatorId: operatorA, status: "TO_SHIP" } }),
    );
  });

  it("an order refunded in full can no longer be shipped or delivered", async () => {
    const { order, shipmentA, shipmentB } = await twoSellerOrder();
    await markShipped(testDb, { shipmentId: shipmentB.id, carrier: "EMS", trackingNo: "EA123456789CN" }, managerB);
    data(await run("order.refund", admin, { orderId: order.id, orderLineId: order.lines.map((l) => l.id), amount: ["", ""] }));
    expect(await statusOf(order)).toBe("REFUNDED");
    expect((await shipmentOf(shipmentA.id)).status).toBe("CANCELLED");
    expect(await refused(markDelivered(testDb, { shipmentId: shipmentB.id }, managerB))).toBe("orderNotShippable");
  });

  it("through the action layer, bad input comes back field by field", async () => {
    const { shipmentA } = await twoSellerOrder();
    const before = await databaseFingerprint();
    const result = await run("order.ship", managerA, { shipmentId: shipmentA.id, carrier: "OTHER", carrierOther: "", trackingNo: "12-34" });
    expect(result).toMatchObject({
      ok: false,
      error: "invalidInput",
      fieldErrors: { carrierOther: ["carrierOtherRequired"], trackingNo: ["trackingNoInvalid"] },
    });
    expect(await databaseFingerprint()).toEqual(before);
    expect(
      data(await run("order.ship", managerA, { shipmentId: shipmentA.id, carrier: "JT", trackingNo: "jt 0001 2345 6789" })),
    ).toMatchObject({
      status: "SHIPPED",
    });
    expect(data(await run("order.deliver", managerA, { shipmentId: shipmentA.id }))).toMatchObject({ status: "DELIVERED" });
  });
});

describe("refunds from the console", () => {
  const zh = createTranslator({ locale: "zh-CN", messages: zhErrors, namespace: "errors" });
  const en = createTranslator({ locale: "en", messages: enErrors, namespace: "errors" });
  /** The refusal as the clerk reads it, in both languages. */
  const said = (r: ActionResult) => {
    if (r.ok) throw new Error("expected a refusal");
    const key = r.error as Parameters<typeof zh>[0];
    return [zh(key, r.values ?? {}), en(key, r.values ?? {})];
  };
  const lineOf = (id: string) => testDb.orderLine.findUniqueOrThrow({ where: { id } });

  it("reads amounts as clerks type them in yuan, and refuses what is ambiguous without writing anything", async () => {
    const { order, lineA } = await twoSellerOrder(); // line A: ¥100.00
    const refund = (amount: string) => run("order.refund", managerA, { orderId: order.id, orderLineId: [lineA.id], amount: [amount] });
    data(await refund("¥12.50"));
    data(await refund("12.5"));
    data(await refund("１２．５ 元"));
    expect((await lineOf(lineA.id)).refundedFen).toBe(3750);

    const before = await databaseFingerprint();
    for (const [typed, key] of [
      ["12,50", "amountInvalid"], // a decimal comma is not read as ¥1,250
      ["12.505", "amountTooPrecise"],
      ["-5", "amountInvalid"],
      ["0", "amountInvalid"],
      ["abc", "amountInvalid"],
    ] as const) {
      expect(await refund(typed), typed).toMatchObject({ ok: false, error: "invalidInput", fieldErrors: { "amount.0": [key] } });
    }
    expect(await databaseFingerprint()).toEqual(before);

    // An empty amount is all that is left of the line.
    data(await refund(""));
    const line = await lineOf(lineA.id);
    expect(line.refundedFen).toBe(line.netFen);
    const refunds = await testDb.refund.findMany({ where: { orderId: order.id }, orderBy: { createdAt: "asc" } });
    expect(refunds.map((r) => [r.amountFen, r.status, r.createdById])).toEqual([
      [1250, "SUCCEEDED", managerA.userId],
      [1250, "SUCCEEDED", managerA.userId],
      [1250, "SUCCEEDED", managerA.userId],
      [6250, "SUCCEEDED", managerA.userId],
    ]);
    expect(refunds.every((r) => r.providerRefundId === `demo_re_${r.id}`)).toBe(true); // the refund's id was the idempotency key
  });

  it("puts goods back on the shelf only when asked, and tells the storefront", async () => {
    const { order, a, lineA } = await twoSellerOrder();
    const stock = async () => (await testDb.product.findUniqueOrThrow({ where: { id: a.id } })).stock;
    expect(await stock()).toBe(18);

    data(await run("order.refund", managerA, { orderId: order.id, orderLineId: [lineA.id], amount: ["10"], restockQty: ["1"] }));
    expect(await stock()).toBe(18); // the box was not ticked: the quantity is ignored

    revalidatedTags.length = 0;
    data(
      await run("order.refund", managerA, { orderId: order.id, orderLineId: [lineA.id], amount: ["10"], restock: "on", restockQty: ["1"] }),
    );
    expect(await stock()).toBe(19);
    expect(revalidatedTags).toContain("catalog");
    const movement = await testDb.stockMovement.findFirstOrThrow({ where: { productId: a.id, reason: "RETURN" } });
    expect(movement).toMatchObject({ delta: 1, stockAfter: 19, note: order.number });
    expect((await lineOf(lineA.id)).restockedQty).toBe(1);

    const before = await databaseFingerprint();
    const tooMany = await run("order.refund", managerA, {
      orderId: order.id,
      orderLineId: [lineA.id],
      amount: ["1"],
      restock: "on",
      restockQty: ["2"],
    });
    expect(tooMany).toMatchObject({ ok: false, error: "restockTooLarge", values: { max: 1 } });
    const empty = await run("order.refund", managerA, {
      orderId: order.id,
      orderLineId: [lineA.id],
      amount: ["1"],
      restock: "on",
      restockQty: [""],
    });
    expect(empty).toMatchObject({ ok: false, fieldErrors: { "restockQty.0": ["restockQtyInvalid"] } });
    expect(await databaseFingerprint()).toEqual(before);
  });

  it("refuses too large a refund in the clerk's language, with the amount in yuan", async () => {
    const { order, lineA } = await twoSellerOrder();
    data(await run("order.refund", managerA, { orderId: order.id, orderLineId: [lineA.id], amount: ["25"] }));
    const result = await run("order.refund", managerA, { orderId: order.id, orderLineId: [lineA.id], amount: ["80"] });
    expect(result).toMatchObject({ ok: false, error: "refundTooLarge", values: { max: "¥75.00" } });
    expect(said(result)).toEqual([
      "退款金额超过了可退金额，这件商品最多还能退 ¥75.00。",
      "That is more than is left to refund: at most ¥75.00 for this item.",
    ]);
    data(await run("order.refund", managerA, { orderId: order.id, orderLineId: [lineA.id], amount: [""] }));
    const done = await run("order.refund", managerA, { orderId: order.id, orderLineId: [lineA.id], amount: ["1"] });
    expect(said(done)).toEqual(["这件商品已经全部退款了。", "This item has already been refunded in full."]);
    expect(await testDb.refund.count({ where: { orderId: order.id } })).toBe(2); // the refused ones left nothing
  });

  it("a manager refunds only its own lines; the other seller's line and orders are 'not found'", async () => {
    const { order, lineA, lineB } = await twoSellerOrder();
    const onlyB = await paidOrder([await makeProduct(OPERATOR_B, { priceFen: 3000, sameSeller: true })]);
    const before = await databaseFingerprint();
    expect(await run("order.refund", managerA, { orderId: order.id, orderLineId: [lineB.id], amount: ["1"] })).toMatchObject({
      error: "notFound",
    });
    expect(await run("order.refund", managerA, { orderId: order.id, orderLineId: [lineA.id, lineB.id], amount: ["1", "1"] })).toMatchObject(
      {
        error: "notFound",
      },
    );
    expect(await run("order.refund", managerA, { orderId: onlyB.id, orderLineId: [onlyB.lines[0]!.id], amount: ["1"] })).toMatchObject({
      error: "notFound",
    });
    expect(await run("order.refund", officer, { orderId: order.id, orderLineId: [lineA.id], amount: ["1"] })).toMatchObject({
      error: "notFound",
    });
    expect(await databaseFingerprint()).toEqual(before);
  });
});

describe("what the console shows", () => {
  it("names the city a person would name", () => {
    expect(cityName({ province: "甘肃省", city: "天水市", district: "甘谷县" })).toBe("天水市");
    expect(cityName({ province: "北京市", city: "市辖区", district: "海淀区" })).toBe("北京市");
    expect(cityName({ province: "重庆市", city: "县", district: "巫山县" })).toBe("重庆市");
    expect(cityName({ province: "湖北省", city: "省直辖县级行政区划", district: "仙桃市" })).toBe("仙桃市");
    expect(regionLine({ province: "北京市", city: "市辖区", district: "海淀区" })).toBe("北京市 海淀区");
    expect(regionLine({ province: "甘肃省", city: "天水市", district: "甘谷县" })).toBe("甘肃省 天水市 甘谷县");
  });

  it("the orders list: this operator's part only, by shipping status, newest first, recipient and city only", async () => {
    const first = await twoSellerOrder();
    const second = await twoSellerOrder();
    const toShip = await listOperatorOrders(testDb, operatorA, "to_ship", 1);
    expect(toShip.rows.slice(0, 2).map((r) => r.number)).toEqual([second.order.number, first.order.number]);
    const row = toShip.rows[0]!;
    expect(row.lines.map((l) => l.id)).toEqual([second.lineA.id]); // B's line is not shown to A
    expect(row.amountFen).toBe(10000);
    expect(row).toMatchObject({ recipient: "王小明", city: "天水市", shipmentStatus: "TO_SHIP" });
    expect(Object.keys(row)).not.toContain("mobile");
    expect(Object.keys(row)).not.toContain("address");
    expect(toShip.counts.to_ship).toBe(await testDb.shipment.count({ where: { operatorId: operatorA, status: "TO_SHIP" } }));

    await markShipped(testDb, { shipmentId: first.shipmentA.id, carrier: "YTO", trackingNo: "YT1234567890" }, managerA);
    const shipped = await listOperatorOrders(testDb, operatorA, "shipped", 1);
    expect(shipped.rows.map((r) => r.number)).toContain(first.order.number);
    expect(shipped.rows.find((r) => r.number === first.order.number)).toMatchObject({ carrier: "圆通速递", trackingNo: "YT1234567890" });
    expect((await listOperatorOrders(testDb, operatorA, "to_ship", 1)).counts.to_ship).toBe(toShip.counts.to_ship - 1);
    const all = await listOperatorOrders(testDb, operatorA, "all", 1);
    expect(all.counts.all).toBe(
      all.counts.to_ship +
        all.counts.shipped +
        all.counts.delivered +
        (await testDb.shipment.count({ where: { operatorId: operatorA, status: "CANCELLED" } })),
    );
    expect(await listOperatorOrders(testDb, operatorA, "all", 9999)).toMatchObject({ page: all.pages }); // past the end: the last page
  });

  it("the order page: this operator's lines, what is left to refund, and its refund history only", async () => {
    const { order, lineA, lineB } = await twoSellerOrder();
    data(
      await run("order.refund", managerA, {
        orderId: order.id,
        orderLineId: [lineA.id],
        amount: ["30"],
        restock: "on",
        restockQty: ["1"],
        reason: "压坏一箱",
      }),
    );
    data(await run("order.refund", managerB, { orderId: order.id, orderLineId: [lineB.id], amount: ["20"] }));
    const seen = (await getOperatorOrder(testDb, operatorA, order.number))!;
    expect(seen.lines).toHaveLength(1);
    expect(seen.lines[0]).toMatchObject({ id: lineA.id, netFen: 10000, refundedFen: 3000, openFen: 7000, restockedQty: 1, openQty: 1 });
    expect(seen.otherSellersLines).toBe(1);
    expect(seen.address).toMatchObject({ mobile: "13800138000", address: "大像山镇人民路 12 号" });
    expect(seen.refunds).toHaveLength(1); // B's refund is B's business
    expect(seen.refunds[0]).toMatchObject({ amountFen: 3000, reason: "压坏一箱", status: "SUCCEEDED", byAdmin: false });
    expect(seen.refunds[0]!.lines).toMatchObject([{ orderLineId: lineA.id, amountFen: 3000, quantity: 1 }]);

    const onlyB = await paidOrder([await makeProduct(OPERATOR_B, { priceFen: 3000, sameSeller: true })]);
    expect(await getOperatorOrder(testDb, operatorA, onlyB.number)).toBeNull();
    expect(await getOperatorOrder(testDb, operatorA, "XK000000NOSUCH")).toBeNull();
  });

  it("settlement: sales at payment, refunds when refunded, by Shanghai month, and the total owed", async () => {
    const monthOf = (summary: Awaited<ReturnType<typeof settlementSummary>>, month: string) =>
      summary.months.find((m) => m.month === month) ?? { salesFen: 0, refundsFen: 0, netFen: 0, entries: 0 };
    const before = await settlementSummary(testDb, operatorA);
    // 00:30 on 1 March 2024 in Shanghai is still 29 February in UTC; one minute before midnight is February.
    const march = await twoSellerOrder(new Date("2024-02-29T16:30:00Z"));
    const february = await twoSellerOrder(new Date("2024-02-29T15:59:00Z"));
    data(await run("order.refund", managerA, { orderId: march.order.id, orderLineId: [march.lineA.id], amount: ["12.34"] }));
    const after = await settlementSummary(testDb, operatorA);

    expect(monthOf(after, "2024-03").salesFen - monthOf(before, "2024-03").salesFen).toBe(10000);
    expect(monthOf(after, "2024-02").salesFen - monthOf(before, "2024-02").salesFen).toBe(10000);
    const thisMonth = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    expect(monthOf(after, thisMonth).refundsFen - monthOf(before, thisMonth).refundsFen).toBe(-1234);
    expect(after.totalNetFen - before.totalNetFen).toBe(20000 - 1234);
    for (const m of after.months) expect(m.netFen).toBe(m.salesFen + m.refundsFen);
    const ledger = await testDb.settlementEntry.aggregate({ where: { operatorId: operatorA }, _sum: { amountFen: true } });
    expect(after.totalNetFen).toBe(ledger._sum.amountFen);
    expect(after.months.map((m) => m.month)).toEqual([...after.months.map((m) => m.month)].sort().reverse());

    const entries = await settlementEntries(testDb, operatorA, "2024-03", 1);
    const mine = entries.rows.filter((e) => e.orderNumber === march.order.number);
    expect(mine).toMatchObject([{ kind: "SALE", amountFen: 10000, quantity: 2 }]);
    expect(entries.rows.map((e) => e.orderNumber)).not.toContain(february.order.number);
    const refunds = await settlementEntries(testDb, operatorA, thisMonth, 1);
    expect(refunds.rows.find((e) => e.orderNumber === march.order.number)).toMatchObject({ kind: "REFUND", amountFen: -1234 });
    // Operator B's ledger has B's sale of the same order and nothing of A's.
    const b = await settlementEntries(testDb, operatorB, "2024-03", 1);
    expect(b.rows.filter((e) => e.orderNumber === march.order.number).map((e) => e.amountFen)).toEqual([12000]);
  });
});
