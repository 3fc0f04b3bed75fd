// Checkout, payment and refunds against the real database, with the demo provider and with the
// real `stripe` client talking to the local fake Stripe (tests/support/fake-stripe.ts); webhooks
// go through the real route with real signatures.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as webhook } from "@/app/api/stripe/webhook/route";
import { ActionError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { CartChanged, placeOrder, type CheckoutInput } from "@/lib/orders/checkout";
import { confirmPayment } from "@/lib/orders/fulfilment";
import { requestRefund } from "@/lib/orders/refunds";
import { sweepExpiredReservations } from "@/lib/orders/sweeper";
import { demoProvider } from "@/lib/payments/demo";
import { providerFor } from "@/lib/payments/registry.server";
import { testDb } from "./support/db";
import { FAKE_STRIPE_API_KEY, FAKE_STRIPE_WEBHOOK_SECRET, startFakeStripe, type FakeStripe, type SignedEvent } from "./support/fake-stripe";
import { databaseFingerprint } from "./support/fingerprint";
import { actorOf, OPERATOR_A, OPERATOR_B } from "./support/personas";
import { cartOf, linkHouseholds, makeProduct, newKey } from "./support/shop";

let fake: FakeStripe;
let managerA: Actor;
let admin: Actor;
const demo = { provider: demoProvider, origin: "http://localhost:3000", locale: "zh-CN" as const, actor: null };

beforeAll(async () => {
  fake = await startFakeStripe();
  managerA = (await actorOf("managerA"))!;
  admin = (await actorOf("admin"))!;
});
afterAll(async () => {
  await fake.close();
});

/** Runs `fn` with the app configured for Stripe (pointed at the fake), as production would be. */
async function withStripe<T>(fn: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  Object.assign(process.env, {
    STRIPE_SECRET_KEY: FAKE_STRIPE_API_KEY,
    STRIPE_WEBHOOK_SECRET: FAKE_STRIPE_WEBHOOK_SECRET,
    STRIPE_API_URL: fake.url,
  });
  try {
    return await fn();
  } finally {
    for (const key of ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_URL"]) {
      if (saved[key] === undefined) delete process.env[key];
      else process.env[key] = saved[key];
    }
  }
}

/** The demo manager of operator A, as the manager of a test product's own operator instead. */
const managerOf = (thing: { operatorId: string }): Actor => ({ ...managerA, operatorIds: [thing.operatorId] });

const stripeCtx = () => ({ provider: providerFor("stripe"), origin: "http://localhost:3000", locale: "zh-CN" as const, actor: null });

async function deliver(signed: Pick<SignedEvent, "payload" | "header">) {
  const request = new NextRequest("http://localhost:3000/api/stripe/webhook", {
    method: "POST",
    body: signed.payload,
    headers: { "stripe-signature": signed.header, "content-type": "application/json" },
  });
  const response = await webhook(request);
  return { status: response.status, body: (await response.json()) as { result?: string; error?: string } };
}

const stockOf = async (id: string) => (await testDb.product.findUniqueOrThrow({ where: { id }, select: { stock: true } })).stock;
const orderOf = (id: string) =>
  testDb.order.findUniqueOrThrow({ where: { id }, include: { lines: { include: { allocations: true } }, shipments: true, refunds: true } });

function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe("checkout holds stock", () => {
  it("reserves each line's quantity and records why; the same form submitted twice makes one order", async () => {
    const a = await makeProduct(OPERATOR_A, { stock: 10, priceFen: 3850 });
    const b = await makeProduct(OPERATOR_B, { stock: 5, priceFen: 12000 });
    const input = cartOf([
      { ...a, quantity: 3 },
      { ...b, quantity: 2 },
    ]);
    const first = await placeOrder(testDb, input, demo);
    const second = await placeOrder(testDb, input, demo);
    expect(second.orderId).toBe(first.orderId);
    expect(first.created).toBe(true);
    expect(second.created).toBe(false);
    expect(first.next).toMatch(new RegExp(`^/checkout/demo/${first.number}\\?t=`));

    const order = await orderOf(first.orderId);
    expect(order).toMatchObject({
      status: "PENDING_PAYMENT",
      totalFen: 3 * 3850 + 2 * 12000,
      email: "guest@example.test",
      mobile: "13800138000",
    });
    expect(await stockOf(a.id)).toBe(7);
    expect(await stockOf(b.id)).toBe(3);
    const movements = await testDb.stockMovement.findMany({ where: { productId: a.id, reason: "SALE" } });
    expect(movements).toMatchObject([{ delta: -3, stockAfter: 7, note: first.number }]);
  });

  it("refuses a cart whose prices or stock changed, says which line, and writes nothing", async () => {
    const a = await makeProduct(OPERATOR_A, { stock: 2, priceFen: 3850 });
    const b = await makeProduct(OPERATOR_A, { stock: 9, priceFen: 5000 });
    await testDb.product.update({ where: { id: b.id }, data: { priceFen: 5500 } });
    const before = await databaseFingerprint();
    const error = await placeOrder(testDb, cartOf([{ ...a, quantity: 3 }, b]), demo).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CartChanged);
    const problems = (error as CartChanged).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ productId: a.id, code: "outOfStock", values: expect.objectContaining({ stock: 2, quantity: 3 }) }),
        expect.objectContaining({ productId: b.id, code: "priceChanged", values: expect.objectContaining({ before: 5000, after: 5500 }) }),
      ]),
    );
    expect(await databaseFingerprint()).toEqual(before);
  });

  it("sells a listed product that is not certified (it just does not count as assistance), and refuses an unlisted one", async () => {
    const draft = await makeProduct(OPERATOR_A, { stock: 3, status: "DRAFT" });
    const placed = await placeOrder(testDb, cartOf([draft]), demo);
    expect((await orderOf(placed.orderId)).lines[0]!.certifiedAtSale).toBe(false);
    await testDb.product.update({ where: { id: draft.id }, data: { listed: false } });
    const error = await placeOrder(testDb, cartOf([draft]), demo).catch((e: unknown) => e);
    expect((error as CartChanged).problems).toMatchObject([{ productId: draft.id, code: "productUnavailable" }]);
  });

  it("refuses bad addresses with the field that is wrong", async () => {
    const a = await makeProduct(OPERATOR_A);
    const input = cartOf([a]);
    const bad = { ...input, address: { ...input.address, mobile: "12345", district: "不存在区" } } as CheckoutInput;
    const error = await placeOrder(testDb, bad, demo).catch((e: unknown) => e);
    expect(error).toHaveProperty("issues");
    const paths = (error as { issues: { path: (string | number)[]; message: string }[] }).issues.map(
      (i) => `${i.path.join(".")}:${i.message}`,
    );
    expect(paths).toEqual(expect.arrayContaining(["address.mobile:mobileInvalid"]));
  });
});

describe("payment takes effect once", () => {
  it("the demo confirmation writes allocations, settlement and shipments once, however often it comes", async () => {
    const a = await makeProduct(OPERATOR_A, { stock: 10, priceFen: 12800 });
    const links = await linkHouseholds(a, [500, 300, 333]);
    const b = await makeProduct(OPERATOR_B, { stock: 10, priceFen: 4000 });
    const placed = await placeOrder(testDb, cartOf([a, { ...b, quantity: 2 }]), demo);
    const results = await Promise.all(
      [1, 2, 3].map(() => confirmPayment(testDb, { orderId: placed.orderId, event: { id: `demo:${placed.orderId}`, type: "demo.paid" } })),
    );
    expect(results.map((r) => r.result).sort()).toEqual(["applied", "duplicateEvent", "duplicateEvent"]);
    expect((await confirmPayment(testDb, { orderId: placed.orderId })).result).toBe("unchanged");

    const order = await orderOf(placed.orderId);
    expect(order.status).toBe("PAID");
    const lineA = order.lines.find((l) => l.productId === a.id)!;
    // 5% + 3% + 3.33% of ¥128.00: 640 + 384 + 426.24 → 640, 384, 426 (1,450 fen in all)
    expect(lineA.allocations.map((x) => [x.benefitLinkId, x.amountFen]).sort()).toEqual(
      [
        [links[0]!.id, 640],
        [links[1]!.id, 384],
        [links[2]!.id, 426],
      ].sort(),
    );
    expect(order.shipments.map((s) => s.operatorId).sort()).toEqual([a.operatorId, b.operatorId].sort());
    const settlement = await testDb.settlementEntry.findMany({ where: { orderLine: { orderId: order.id } } });
    expect(settlement.map((s) => s.amountFen).sort((x, y) => x - y)).toEqual([8000, 12800]);
    expect((await testDb.product.findUniqueOrThrow({ where: { id: a.id } })).soldCount).toBe(1);
  });
});

describe("Stripe", () => {
  it("opens a CNY Checkout Session with an idempotency key from the order and a 30-minute expiry", async () => {
    await withStripe(async () => {
      const a = await makeProduct(OPERATOR_A, { stock: 5, priceFen: 3850 });
      const input = cartOf([{ ...a, quantity: 2 }]);
      const placed = await placeOrder(testDb, input, stripeCtx());
      await placeOrder(testDb, input, stripeCtx()); // the double click
      const creates = fake.requests.filter((r) => r.method === "POST" && r.path === "/v1/checkout/sessions" && !r.replayed);
      const mine = creates.filter((r) => (r.body.metadata as Record<string, string>)?.orderId === placed.orderId);
      expect(mine).toHaveLength(1);
      expect(mine[0]!.idempotencyKey).toBe(`checkout-session:${placed.orderId}`);
      const order = await testDb.order.findUniqueOrThrow({ where: { id: placed.orderId } });
      const session = fake.session(order.paymentSessionId!);
      expect(session).toMatchObject({ currency: "cny", amount_total: 7700, status: "open", client_reference_id: placed.orderId });
      const minutes = (session.expires_at - session.created) / 60;
      expect(minutes).toBeGreaterThanOrEqual(30);
      expect(minutes).toBeLessThanOrEqual(32);
      expect(placed.next).toBe(session.url);
    });
  });

  it("every webhook delivered three times in shuffled order gives one payment and one set of allocations", async () => {
    await withStripe(async () => {
      const a = await makeProduct(OPERATOR_A, { stock: 5, priceFen: 9999 });
      await linkHouseholds(a, [250, 250, 125]);
      const placed = await placeOrder(testDb, cartOf([{ ...a, quantity: 3 }]), stripeCtx());
      const order = await testDb.order.findUniqueOrThrow({ where: { id: placed.orderId } });
      const session = fake.completeSession(order.paymentSessionId!, { async: true });
      const completed = fake.signEvent("checkout.session.completed", session);
      const settled = fake.signEvent("checkout.session.async_payment_succeeded", fake.settleAsyncPayment(session.id, "succeeded"));
      const deliveries = shuffled([completed, completed, completed, settled, settled, settled], 7);
      const statuses = [];
      for (const d of deliveries) statuses.push((await deliver(d)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200]);

      const after = await orderOf(placed.orderId);
      expect(after.status).toBe("PAID");
      expect(after.paymentIntentId).toBe(fake.session(session.id).payment_intent);
      expect(after.lines[0]!.allocations).toHaveLength(3);
      expect(after.lines[0]!.allocations.reduce((s, x) => s + x.amountFen, 0)).toBe(Math.floor((29997 * 625) / 10000));
      expect(await testDb.processedEvent.count({ where: { orderId: placed.orderId } })).toBe(2);
    });
  });

  it("a bad signature is a 400 and changes nothing", async () => {
    await withStripe(async () => {
      const a = await makeProduct(OPERATOR_A, { stock: 5 });
      const placed = await placeOrder(testDb, cartOf([a]), stripeCtx());
      const order = await testDb.order.findUniqueOrThrow({ where: { id: placed.orderId } });
      const session = fake.completeSession(order.paymentSessionId!);
      const forged = fake.signEvent("checkout.session.completed", session, { secret: "whsec_someone_else" });
      const before = await databaseFingerprint();
      const answer = await deliver(forged);
      expect(answer.status).toBe(400);
      expect(await databaseFingerprint()).toEqual(before);
      const tampered = fake.signEvent("checkout.session.completed", session);
      expect((await deliver({ payload: tampered.payload.replace('"paid"', '"unpaid"'), header: tampered.header })).status).toBe(400);
      expect(await databaseFingerprint()).toEqual(before);
    });
  });

  it("a failed delayed payment releases the stock", async () => {
    await withStripe(async () => {
      const a = await makeProduct(OPERATOR_A, { stock: 5 });
      const placed = await placeOrder(testDb, cartOf([{ ...a, quantity: 2 }]), stripeCtx());
      const order = await testDb.order.findUniqueOrThrow({ where: { id: placed.orderId } });
      const session = fake.completeSession(order.paymentSessionId!, { async: true });
      expect((await deliver(fake.signEvent("checkout.session.completed", session))).body.result).toBe("applied");
      expect(await testDb.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
        status: "PENDING_PAYMENT",
        awaitingAsyncPay: true,
      });
      expect(await stockOf(a.id)).toBe(3);
      await deliver(fake.signEvent("checkout.session.async_payment_failed", fake.settleAsyncPayment(session.id, "failed")));
      expect(await testDb.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
        status: "CANCELLED",
        cancelReason: "PAYMENT_FAILED",
      });
      expect(await stockOf(a.id)).toBe(5);
    });
  });

  it("an unpaid session that expires gives the stock back once, though the webhook and the sweeper both run", async () => {
    await withStripe(async () => {
      const a = await makeProduct(OPERATOR_A, { stock: 4 });
      const placed = await placeOrder(testDb, cartOf([{ ...a, quantity: 3 }]), stripeCtx());
      const order = await testDb.order.findUniqueOrThrow({ where: { id: placed.orderId } });
      const later = new Date(order.reservedUntil.getTime() + 5 * 60 * 1000);
      // Stripe expires the session and sends the event (three times); the sweeper runs meanwhile.
      const expired = fake.signEvent("checkout.session.expired", await fake.stripe.checkout.sessions.expire(order.paymentSessionId!));
      const answers = await Promise.all([
        deliver(expired),
        sweepExpiredReservations(testDb, providerFor, later),
        deliver(expired),
        deliver(expired),
      ]);
      expect(answers.filter((a) => "status" in a).map((a) => (a as { status: number }).status)).toEqual([200, 200, 200]);
      expect(await stockOf(a.id)).toBe(4);
      expect(await testDb.stockMovement.count({ where: { productId: a.id, reason: "RELEASE" } })).toBe(1);
      expect(fake.session(order.paymentSessionId!).status).toBe("expired");
      expect(await testDb.order.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({
        status: "CANCELLED",
        cancelReason: "EXPIRED",
      });
    });
  });

  it("the sweeper confirms instead of releasing when the session was paid after all", async () => {
    await withStripe(async () => {
      const a = await makeProduct(OPERATOR_A, { stock: 4 });
      const placed = await placeOrder(testDb, cartOf([a]), stripeCtx());
      const order = await testDb.order.findUniqueOrThrow({ where: { id: placed.orderId } });
      fake.completeSession(order.paymentSessionId!); // the webhook got lost
      const swept = await sweepExpiredReservations(testDb, providerFor, new Date(order.reservedUntil.getTime() + 5 * 60 * 1000));
      expect(swept.confirmed).toBeGreaterThanOrEqual(1);
      expect((await testDb.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe("PAID");
      expect(await stockOf(a.id)).toBe(3);
    });
  });
});

describe("refunds", () => {
  async function paidStripeOrder(quantity: number, bps: number[]) {
    const a = await makeProduct(OPERATOR_A, { stock: 10, priceFen: 3333 });
    await linkHouseholds(a, bps);
    const b = await makeProduct(OPERATOR_B, { stock: 10, priceFen: 5000 });
    const placed = await placeOrder(testDb, cartOf([{ ...a, quantity }, b]), stripeCtx());
    const order = await testDb.order.findUniqueOrThrow({ where: { id: placed.orderId } });
    await deliver(fake.signEvent("checkout.session.completed", fake.completeSession(order.paymentSessionId!)));
    const paid = await orderOf(order.id);
    expect(paid.status).toBe("PAID");
    return {
      order: paid,
      a,
      b,
      lineA: paid.lines.find((l) => l.productId === a.id)!,
      lineB: paid.lines.find((l) => l.productId === b.id)!,
    };
  }

  it("a partial refund by the operator reverses allocations in proportion, returns stock, and a replayed charge.refunded changes nothing", async () => {
    await withStripe(async () => {
      const { order, a, lineA } = await paidStripeOrder(3, [700, 500]);
      const sale = lineA.allocations.map((x) => x.amountFen).sort((x, y) => x - y); // 7% and 5% of 9,999
      expect(sale).toEqual([500, 699]);
      const result = await requestRefund(
        testDb,
        providerFor("stripe"),
        { orderId: order.id, lines: [{ orderLineId: lineA.id, amountFen: 3333, restockQty: 1 }] },
        managerOf(a),
      );
      expect(result.status).toBe("SUCCEEDED");
      const refundCall = fake.requests.filter((r) => r.path === "/v1/refunds" && r.method === "POST").at(-1)!;
      expect(refundCall.idempotencyKey).toBe(`refund:${result.refundId}`);
      expect(refundCall.body.amount).toBe("3333");

      const after = await orderOf(order.id);
      const line = after.lines.find((l) => l.id === lineA.id)!;
      expect(line.refundedFen).toBe(3333);
      const negatives = line.allocations
        .filter((x) => x.amountFen < 0)
        .map((x) => x.amountFen)
        .sort((x, y) => x - y);
      expect(negatives).toEqual([-233, -166]); // floor(699/3), floor(499/3)
      expect(after.status).toBe("PAID");
      expect(after.refundedFen).toBe(3333);
      expect(await stockOf(a.id)).toBe(8);

      const pi = fake.paymentIntents.get(after.paymentIntentId!)!;
      const charge = fake.charges.get(pi.latest_charge!)!;
      const event = fake.signEvent("charge.refunded", charge);
      for (let i = 0; i < 3; i++) await deliver(event);
      expect((await orderOf(order.id)).refundedFen).toBe(3333);
      expect(await testDb.allocation.count({ where: { orderLineId: lineA.id } })).toBe(4);
    });
  });

  it("refunding the rest of every line makes the order REFUNDED with its allocations netting to zero", async () => {
    await withStripe(async () => {
      const { order, lineA, lineB } = await paidStripeOrder(2, [1000, 333]);
      await requestRefund(testDb, providerFor("stripe"), { orderId: order.id, lines: [{ orderLineId: lineA.id, amountFen: 1 }] }, admin);
      await requestRefund(
        testDb,
        providerFor("stripe"),
        { orderId: order.id, lines: [{ orderLineId: lineA.id }, { orderLineId: lineB.id }] },
        admin,
      );
      const after = await orderOf(order.id);
      expect(after.status).toBe("REFUNDED");
      expect(after.refundedFen).toBe(after.totalFen);
      for (const line of after.lines) expect(line.allocations.reduce((s, x) => s + x.amountFen, 0)).toBe(0);
      expect(after.shipments.every((s) => s.status === "CANCELLED")).toBe(true);
      const net = await testDb.settlementEntry.aggregate({ where: { orderLine: { orderId: order.id } }, _sum: { amountFen: true } });
      expect(net._sum.amountFen).toBe(0);
    });
  });

  it("refuses what cannot be refunded: another operator's line, more than is left", async () => {
    await withStripe(async () => {
      const { order, lineA, lineB } = await paidStripeOrder(1, [500]);
      const refund = (lines: { orderLineId: string; amountFen?: number }[]) =>
        requestRefund(testDb, providerFor("stripe"), { orderId: order.id, lines }, managerOf(lineA)).catch((e: unknown) => e);
      expect(await refund([{ orderLineId: lineB.id }])).toMatchObject({ code: "notFound" });
      expect(await refund([{ orderLineId: lineA.id, amountFen: 3334 }])).toMatchObject({ code: "refundTooLarge" });
      expect((await orderOf(order.id)).refundedFen).toBe(0);
      expect(await refund([{ orderLineId: lineA.id, amountFen: 3334 }])).toBeInstanceOf(ActionError);
    });
  });

  it("a refund made on Stripe's side is booked across the lines in proportion when charge.refunded arrives", async () => {
    await withStripe(async () => {
      const { order } = await paidStripeOrder(1, [500]); // lines of 3,333 and 5,000
      await fake.stripe.refunds.create({ payment_intent: order.paymentIntentId!, amount: 1000 });
      const charge = fake.charges.get(fake.paymentIntents.get(order.paymentIntentId!)!.latest_charge!)!;
      const event = fake.signEvent("charge.refunded", charge);
      await deliver(event);
      await deliver(event);
      const after = await orderOf(order.id);
      expect(after.refundedFen).toBe(1000);
      expect(after.lines.map((l) => l.refundedFen).sort((x, y) => x - y)).toEqual([400, 600]);
    });
  });

  it("a refund on Stripe's side beyond the goods gives each seller's shipping back, once", async () => {
    await withStripe(async () => {
      const a = await makeProduct(OPERATOR_A, { stock: 10, priceFen: 3000 });
      const b = await makeProduct(OPERATOR_B, { stock: 10, priceFen: 5000 });
      await testDb.shippingRule.createMany({
        data: [
          { operatorId: a.operatorId, flatFen: 800 },
          { operatorId: b.operatorId, flatFen: 600 },
        ],
      });
      const placed = await placeOrder(testDb, cartOf([a, b]), stripeCtx());
      const unpaid = await testDb.order.findUniqueOrThrow({ where: { id: placed.orderId } });
      expect(unpaid.totalFen).toBe(9400);
      await deliver(fake.signEvent("checkout.session.completed", fake.completeSession(unpaid.paymentSessionId!)));
      const paid = await orderOf(unpaid.id);
      // Goods and ¥7 of the ¥14 shipping, refunded in the provider's dashboard.
      await fake.stripe.refunds.create({ payment_intent: paid.paymentIntentId!, amount: 8700 });
      const charge = fake.charges.get(fake.paymentIntents.get(paid.paymentIntentId!)!.latest_charge!)!;
      const event = fake.signEvent("charge.refunded", charge);
      await deliver(event);
      await deliver(event);
      const after = await testDb.order.findUniqueOrThrow({ where: { id: unpaid.id }, include: { lines: true, shipping: true } });
      expect(after.refundedFen).toBe(8700);
      expect(after.status).toBe("REFUNDED");
      expect(after.lines.map((l) => l.refundedFen).sort((x, y) => x - y)).toEqual([3000, 5000]);
      const shippingBack = new Map(after.shipping.map((l) => [l.operatorId, l.refundedFen]));
      expect([shippingBack.get(a.operatorId), shippingBack.get(b.operatorId)]).toEqual([400, 300]); // in proportion to 800 : 600
      const settled = await testDb.settlementEntry.aggregate({
        where: { operatorId: { in: [a.operatorId, b.operatorId] } },
        _sum: { amountFen: true },
      });
      expect(settled._sum.amountFen).toBe(9400 - 8700);
    });
  });
});

it("an order key from one shopper is never an order of another", async () => {
  const a = await makeProduct(OPERATOR_A);
  const input = cartOf([a], { checkoutKey: newKey() });
  await placeOrder(testDb, input, demo);
  const error = await placeOrder(testDb, { ...input, email: "someone-else@example.test" }, demo).catch((e: unknown) => e);
  expect(error).toMatchObject({ code: "invalidInput" });
});

// Last: it leaves 1,000 unpaid orders behind, which a sweeper test would otherwise have to release.
describe("no oversell", () => {
  it("200 shoppers buying the last 50 units at once get exactly 50, and the stock ends at 0 (20 rounds)", async () => {
    for (let round = 0; round < 20; round++) {
      const p = await makeProduct(OPERATOR_A, { stock: 50, priceFen: 5000 });
      const outcomes = await Promise.allSettled(Array.from({ length: 200 }, () => placeOrder(testDb, cartOf([p]), demo)));
      const won = outcomes.filter((o) => o.status === "fulfilled").length;
      const unexpected = outcomes.find((o) => o.status === "rejected" && !(o.reason instanceof CartChanged));
      expect(unexpected, String((unexpected as PromiseRejectedResult | undefined)?.reason)).toBeUndefined();
      const refused = outcomes.filter((o) => o.status === "rejected");
      expect(won, `round ${round}`).toBe(50);
      for (const r of refused) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(CartChanged);
      expect(await stockOf(p.id)).toBe(0);
      const lines = await testDb.orderLine.aggregate({ where: { productId: p.id }, _sum: { quantity: true }, _count: true });
      expect(lines._count).toBe(50);
      const movements = await testDb.stockMovement.aggregate({ where: { productId: p.id }, _sum: { delta: true } });
      expect(movements._sum.delta).toBe(-50); // the ledger explains the figure (the copy has no opening row)
    }
  }, 240_000);
});
