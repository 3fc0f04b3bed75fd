// Shipping fees at checkout, on the order, in the payment session and in refunds, against the real
// PostgreSQL: two sellers with different rules; a province not served; shipping outside allocations.
import { describe, expect, it } from "vitest";
import { actorOf } from "@/tests/support/personas";
import { ActionError } from "@/lib/errors";
import { placeOrder } from "@/lib/orders/checkout";
import { confirmPayment } from "@/lib/orders/fulfilment";
import { refundFormInput } from "@/lib/orders/refund-schema";
import { requestRefund } from "@/lib/orders/refunds";
import { getOperatorOrder } from "@/lib/orders/seller-orders";
import { demoProvider } from "@/lib/payments/demo";
import type { PaymentProvider } from "@/lib/payments/provider";
import { testDb } from "@/tests/support/db";
import { OPERATOR_A, OPERATOR_B } from "@/tests/support/personas";
import { ADDRESS, cartOf, linkHouseholds, makeProduct } from "./support/shop";

const XINJIANG = { ...ADDRESS, province: "新疆维吾尔自治区", city: "乌鲁木齐市", district: "天山区" };
const TIBET = { ...ADDRESS, province: "西藏自治区", city: "拉萨市", district: "城关区" };

async function withRules() {
  const a = await makeProduct(OPERATOR_A, { stock: 10, priceFen: 3000 });
  const b = await makeProduct(OPERATOR_B, { stock: 10, priceFen: 5000 });
  await testDb.product.update({ where: { id: b.id }, data: { coldChain: true } });
  // A: ¥8 per order, free from ¥99, Xinjiang +¥12, Tibet not delivered.
  await testDb.shippingRule.create({
    data: {
      operatorId: a.operatorId,
      flatFen: 800,
      freeAboveFen: 9900,
      provinces: [
        { province: XINJIANG.province, surchargeFen: 1200 },
        { province: TIBET.province, notDelivered: true },
      ],
    },
  });
  // B: ¥10 per order, cold chain +¥15.
  await testDb.shippingRule.create({ data: { operatorId: b.operatorId, flatFen: 1000, coldChainFen: 1500 } });
  return { a, b };
}

function recordingProvider() {
  const sessions: Parameters<PaymentProvider["createSession"]>[0][] = [];
  const provider: PaymentProvider = {
    ...demoProvider,
    async createSession(input, key) {
      sessions.push(input);
      return demoProvider.createSession(input, key);
    },
  };
  return { provider, sessions };
}

describe("shipping at checkout", () => {
  it("adds each seller's shipping line to the order, the total and the payment session", async () => {
    const { a, b } = await withRules();
    const { provider, sessions } = recordingProvider();
    const placed = await placeOrder(testDb, cartOf([{ ...a, quantity: 2 }, b]), {
      provider,
      origin: "http://x",
      locale: "zh-CN",
      actor: null,
    });
    const order = await testDb.order.findUniqueOrThrow({ where: { id: placed.orderId }, include: { shipping: true, lines: true } });
    const feeOf = (operatorId: string) => order.shipping.find((s) => s.operatorId === operatorId)?.feeFen;
    expect(feeOf(a.operatorId)).toBe(800); // ¥60 < ¥99
    expect(feeOf(b.operatorId)).toBe(2500); // ¥10 + cold chain ¥15
    expect(order.shippingFen).toBe(3300);
    expect(order.totalFen).toBe(6000 + 5000 + 3300);
    const session = sessions.at(-1)!;
    const sessionTotal = session.lines.reduce((s, l) => s + l.unitPriceFen * l.quantity, 0);
    expect(sessionTotal).toBe(order.totalFen);
    expect(session.lines.filter((l) => l.name.startsWith("运费"))).toHaveLength(2);
  });

  it("waives the flat fee from the threshold and adds a province's surcharge", async () => {
    const { a } = await withRules();
    const free = await placeOrder(testDb, cartOf([{ ...a, quantity: 4 }]), {
      provider: demoProvider,
      origin: "http://x",
      locale: "zh-CN",
      actor: null,
    });
    expect((await testDb.order.findUniqueOrThrow({ where: { id: free.orderId } })).shippingFen).toBe(0); // ¥120 ≥ ¥99
    const far = await placeOrder(testDb, cartOf([{ ...a, quantity: 4 }], { address: XINJIANG }), {
      provider: demoProvider,
      origin: "http://x",
      locale: "zh-CN",
      actor: null,
    });
    expect((await testDb.order.findUniqueOrThrow({ where: { id: far.orderId } })).shippingFen).toBe(1200);
  });

  it("refuses a province the seller does not serve, naming both, before anything is held", async () => {
    const { a, b } = await withRules();
    const before = await testDb.product.findMany({ where: { id: { in: [a.id, b.id] } }, select: { id: true, stock: true } });
    const orders = await testDb.order.count();
    const error = await placeOrder(testDb, cartOf([a, b], { address: TIBET }), {
      provider: demoProvider,
      origin: "http://x",
      locale: "zh-CN",
      actor: null,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionError);
    expect(error).toMatchObject({ code: "provinceNotServed", values: { province: "西藏自治区" } });
    expect((error as ActionError).values.seller).toMatch(/^测试合作社/);
    expect(await testDb.product.findMany({ where: { id: { in: [a.id, b.id] } }, select: { id: true, stock: true } })).toEqual(before);
    expect(await testDb.order.count()).toBe(orders);
    // On an English page the province is named in English.
    const english = await placeOrder(testDb, cartOf([a, b], { address: TIBET }), {
      provider: demoProvider,
      origin: "http://x",
      locale: "en",
      actor: null,
    }).catch((e: unknown) => e);
    expect(english).toMatchObject({ code: "provinceNotServed", values: { province: "Tibet" } });
  });

  it("keeps shipping out of allocations and assistance sales; refunds of shipping never exceed what was paid", async () => {
    const { a } = await withRules();
    await linkHouseholds(a, [1000]); // 10% of the goods' net
    const placed = await placeOrder(testDb, cartOf([{ ...a, quantity: 1 }]), {
      provider: demoProvider,
      origin: "http://x",
      locale: "zh-CN",
      actor: null,
    });
    await confirmPayment(testDb, { orderId: placed.orderId, event: { id: `demo:${placed.orderId}`, type: "demo.paid" } });
    const order = await testDb.order.findUniqueOrThrow({
      where: { id: placed.orderId },
      include: { lines: { include: { allocations: true, settlements: true } } },
    });
    expect(order.totalFen).toBe(3800);
    const line = order.lines[0]!;
    expect(line.netFen).toBe(3000);
    expect(line.allocations.map((x) => x.amountFen)).toEqual([300]); // 10% of 3,000, not of 3,800
    expect(line.settlements.map((x) => x.amountFen)).toEqual([3000]);
    // The shipping belongs to the seller: its own settlement entry.
    const settlementOf = async () =>
      (await testDb.settlementEntry.findMany({ where: { operatorId: a.operatorId }, orderBy: { createdAt: "asc" } })).map((e) => [
        e.orderShippingId ? "shipping" : "goods",
        e.amountFen,
      ]);
    expect(await settlementOf()).toEqual([
      ["goods", 3000],
      ["shipping", 800],
    ]);

    const manager = { ...(await actorOf("managerA"))!, operatorIds: [a.operatorId] };
    const tooMuch = await requestRefund(
      testDb,
      demoProvider,
      { orderId: order.id, lines: [{ orderLineId: line.id, amountFen: 1 }], shippingFen: 801 },
      manager,
    ).catch((e: unknown) => e);
    expect(tooMuch).toMatchObject({ code: "refundTooLarge" });
    await requestRefund(testDb, demoProvider, { orderId: order.id, lines: [{ orderLineId: line.id }], shippingFen: 800 }, manager);
    const after = await testDb.order.findUniqueOrThrow({
      where: { id: order.id },
      include: { shipping: true, lines: { include: { allocations: true } } },
    });
    expect(after.status).toBe("REFUNDED");
    expect(after.refundedFen).toBe(3800);
    expect(after.shipping[0]!.refundedFen).toBe(800);
    expect(after.lines[0]!.allocations.reduce((s, x) => s + x.amountFen, 0)).toBe(0);
    expect((await settlementOf()).reduce((sum, [, fen]) => sum + Number(fen), 0)).toBe(0);
    const again = await requestRefund(
      testDb,
      demoProvider,
      { orderId: order.id, lines: [{ orderLineId: line.id, amountFen: 1 }], shippingFen: 1 },
      manager,
    ).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(ActionError);
  });

  it("the console's refund form gives shipping back in yuan, and the order shows what is left of it", async () => {
    const { a } = await withRules();
    const placed = await placeOrder(testDb, cartOf([{ ...a, quantity: 1 }]), {
      provider: demoProvider,
      origin: "http://x",
      locale: "zh-CN",
      actor: null,
    });
    await confirmPayment(testDb, { orderId: placed.orderId, event: { id: `demo:${placed.orderId}`, type: "demo.paid" } });
    const line = (await testDb.orderLine.findFirstOrThrow({ where: { orderId: placed.orderId } })).id;
    const seen = async () => (await getOperatorOrder(testDb, a.operatorId, placed.number))!;
    expect((await seen()).shipping).toEqual({ feeFen: 800, refundedFen: 0, openFen: 800 });

    // Bad yuan is refused at the field; full-width digits from a Chinese keyboard are read.
    const bad = refundFormInput.safeParse({ orderId: placed.orderId, orderLineId: [line], amount: ["1"], shipping: "八元" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]).toMatchObject({ path: ["shipping"], message: "amountInvalid" });
    const form = refundFormInput.parse({ orderId: placed.orderId, orderLineId: [line], amount: ["1"], shipping: "５" });
    expect(form.shippingFen).toBe(500);

    const manager = { ...(await actorOf("managerA"))!, operatorIds: [a.operatorId] };
    await requestRefund(testDb, demoProvider, form, manager);
    const after = await seen();
    expect(after.shipping).toEqual({ feeFen: 800, refundedFen: 500, openFen: 300 });
    expect(after.refunds[0]).toMatchObject({ shippingFen: 500, amountFen: 600 });
    // More than is left of the shipping is refused with the most that may still go back.
    const tooMuch = refundFormInput.parse({ orderId: placed.orderId, orderLineId: [line], amount: ["1"], shipping: "3.01" });
    await expect(requestRefund(testDb, demoProvider, tooMuch, manager)).rejects.toMatchObject({
      code: "refundTooLarge",
      values: { max: "¥3.00" },
    });
  });
});
