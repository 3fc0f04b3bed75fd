// The fake Stripe server (tests/support/fake-stripe.ts), driven by the real `stripe` client.
// Needs no database.
import Stripe from "stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAKE_STRIPE_WEBHOOK_SECRET, startFakeStripe, type FakeStripe } from "./support/fake-stripe";

let fake: FakeStripe;
beforeAll(async () => {
  fake = await startFakeStripe();
});
afterAll(async () => {
  await fake.close();
});

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

function sessionParams(overrides: Partial<Stripe.Checkout.SessionCreateParams> = {}): Stripe.Checkout.SessionCreateParams {
  return {
    mode: "payment",
    line_items: [
      {
        quantity: 2,
        price_data: { currency: "cny", unit_amount: 3850, product_data: { name: "甘谷辣椒 5公斤/箱", metadata: { productId: "p_chili" } } },
      },
      { quantity: 1, price_data: { currency: "cny", unit_amount: 12000, product_data: { name: "肃南牦牛肉" } } },
    ],
    success_url: "http://localhost:3000/zh-CN/checkout/success?session_id={CHECKOUT_SESSION_ID}",
    cancel_url: "http://localhost:3000/zh-CN/cart",
    expires_at: inAnHour(),
    metadata: { orderId: "ord_1", orderNumber: "XK20261122-0001" },
    payment_intent_data: { metadata: { orderId: "ord_1" } },
    allowed_payment_method_types: ["card", "alipay"],
    client_reference_id: "ord_1",
    ...overrides,
  };
}

/** The Stripe error a call throws. */
async function stripeError(call: Promise<unknown>): Promise<Stripe.errors.StripeError> {
  try {
    await call;
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

describe("fake Stripe: checkout sessions", () => {
  it("creates a session in Stripe's wire format, from the real client's form-encoded request", async () => {
    const before = fake.requests.length;
    const session = await fake.stripe.checkout.sessions.create(sessionParams(), { idempotencyKey: "order-ord_1-attempt-1" });

    expect(session.id).toMatch(/^cs_test_[A-Za-z0-9]+$/);
    expect(session.object).toBe("checkout.session");
    expect(session.status).toBe("open");
    expect(session.payment_status).toBe("unpaid");
    expect(session.url).toBe(`${fake.url}/c/pay/${session.id}`);
    expect(session.amount_total).toBe(2 * 3850 + 12000);
    expect(session.currency).toBe("cny");
    expect(session.metadata).toEqual({ orderId: "ord_1", orderNumber: "XK20261122-0001" });
    expect(session.allowed_payment_method_types).toEqual(["card", "alipay"]);
    expect(session.payment_method_types).toEqual(["card", "alipay"]);
    expect(session.line_items).toBeUndefined(); // only with expand, as on Stripe

    const request = fake.requests[before]!;
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/v1/checkout/sessions");
    expect(request.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(request.headers["stripe-version"]).toBe(Stripe.API_VERSION);
    expect(request.idempotencyKey).toBe("order-ord_1-attempt-1");
    expect(request.rawBody).toContain("line_items[0][price_data][currency]=cny");
    expect(request.body).toMatchObject({ line_items: [{ quantity: "2", price_data: { unit_amount: "3850" } }, { quantity: "1" }] });
    expect(request.status).toBe(200);

    const stored = fake.sessions.get(session.id)!;
    expect(stored.success_url).toBe("http://localhost:3000/zh-CN/checkout/success?session_id={CHECKOUT_SESSION_ID}");
    expect(stored.expires_at).toBe(session.expires_at);
    expect(stored.line_items.data.map((li) => [li.description, li.quantity, li.price.unit_amount, li.amount_total])).toEqual([
      ["甘谷辣椒 5公斤/箱", 2, 3850, 7700],
      ["肃南牦牛肉", 1, 12000, 12000],
    ]);
    expect(fake.products.get(stored.line_items.data[0]!.price.product)!.metadata).toEqual({ productId: "p_chili" });
  });

  it("honours Idempotency-Key: the same key returns the same session and creates no second one", async () => {
    const params = sessionParams({ metadata: { orderId: "ord_2" } });
    const first = await fake.stripe.checkout.sessions.create(params, { idempotencyKey: "order-ord_2" });
    const count = fake.sessions.size;
    const again = await fake.stripe.checkout.sessions.create(params, { idempotencyKey: "order-ord_2" });
    expect(again.id).toBe(first.id);
    expect(again).toEqual(first);
    expect(fake.sessions.size).toBe(count);
    expect(fake.requests.at(-1)!.replayed).toBe(true);

    // Another key: another session. The same key with other parameters: Stripe's idempotency error.
    const other = await fake.stripe.checkout.sessions.create(params, { idempotencyKey: "order-ord_2-retry" });
    expect(other.id).not.toBe(first.id);
    const error = await stripeError(
      fake.stripe.checkout.sessions.create(sessionParams({ metadata: { orderId: "ord_3" } }), { idempotencyKey: "order-ord_2" }),
    );
    expect(error).toBeInstanceOf(Stripe.errors.StripeIdempotencyError);
    expect(error.type).toBe("StripeIdempotencyError");
  });

  it("gives every POST without a key of its own a fresh key (the client adds one), so two calls make two sessions", async () => {
    const a = await fake.stripe.checkout.sessions.create(sessionParams());
    const b = await fake.stripe.checkout.sessions.create(sessionParams());
    expect(a.id).not.toBe(b.id);
    const keys = fake.requests.slice(-2).map((r) => r.idempotencyKey);
    expect(keys[0]).toMatch(/^stripe-node-retry-/);
    expect(keys[0]).not.toBe(keys[1]);
  });

  it("retrieves a session, with its line items on request, and expires it once", async () => {
    const created = await fake.stripe.checkout.sessions.create(sessionParams());
    const got = await fake.stripe.checkout.sessions.retrieve(created.id);
    expect(got).toEqual(created);
    const expanded = await fake.stripe.checkout.sessions.retrieve(created.id, { expand: ["line_items"] });
    expect(expanded.line_items!.data.map((li) => li.amount_total)).toEqual([7700, 12000]);
    expect(fake.requests.at(-1)!.query).toEqual({ expand: ["line_items"] });

    const expired = await fake.stripe.checkout.sessions.expire(created.id);
    expect(expired.status).toBe("expired");
    expect(expired.url).toBeNull();
    expect((await fake.stripe.checkout.sessions.retrieve(created.id)).status).toBe("expired");
    const error = await stripeError(fake.stripe.checkout.sessions.expire(created.id));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
  });

  it("answers an unknown session with resource_missing and a 404", async () => {
    const error = await stripeError(fake.stripe.checkout.sessions.retrieve("cs_test_nope"));
    expect(error).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(error.statusCode).toBe(404);
    expect(error.code).toBe("resource_missing");
    expect(error.message).toBe("No such checkout.session: 'cs_test_nope'");
  });

  it("refuses what Stripe refuses: bad expiry, missing fields, unknown parameters, WeChat Pay without its client", async () => {
    const now = Math.floor(Date.now() / 1000);
    const tooSoon = await stripeError(fake.stripe.checkout.sessions.create(sessionParams({ expires_at: now + 60 })));
    expect(tooSoon.param).toBe("expires_at");
    const tooLate = await stripeError(fake.stripe.checkout.sessions.create(sessionParams({ expires_at: now + 25 * 3600 })));
    expect(tooLate.param).toBe("expires_at");
    const noItems = await stripeError(fake.stripe.checkout.sessions.create(sessionParams({ line_items: [] })));
    expect(noItems.message).toMatch(/line_items/);
    const noCurrency = await stripeError(
      fake.stripe.checkout.sessions.create(
        sessionParams({ line_items: [{ quantity: 1, price_data: { unit_amount: 100, product_data: { name: "x" } } as never }] }),
      ),
    );
    expect(noCurrency.param).toBe("line_items[0][price_data][currency]");
    const typo = { ...sessionParams(), sucess_url: "http://localhost:3000/" } as Stripe.Checkout.SessionCreateParams;
    const unknown = await stripeError(fake.stripe.checkout.sessions.create(typo));
    expect(unknown.code).toBe("parameter_unknown");
    expect(unknown.param).toBe("sucess_url");
    // API 2026-10-28.endive (pinned by stripe@23) dropped payment_method_types on Checkout Sessions.
    const oldParam = { ...sessionParams(), payment_method_types: ["card"] } as Stripe.Checkout.SessionCreateParams;
    expect((await stripeError(fake.stripe.checkout.sessions.create(oldParam))).param).toBe("payment_method_types");
    const wechatOptions = { wechat_pay: { app_id: "wx_app" } } as Stripe.Checkout.SessionCreateParams.PaymentMethodOptions;
    const wechat = await stripeError(
      fake.stripe.checkout.sessions.create(
        sessionParams({ allowed_payment_method_types: ["wechat_pay"], payment_method_options: wechatOptions }),
      ),
    );
    expect(wechat.param).toBe("payment_method_options[wechat_pay][client]");
    const ok = await fake.stripe.checkout.sessions.create(
      sessionParams({ allowed_payment_method_types: ["wechat_pay"], payment_method_options: { wechat_pay: { client: "web" } } }),
    );
    expect(ok.payment_method_types).toEqual(["wechat_pay"]);
    const unnamed = await fake.stripe.checkout.sessions.create(sessionParams({ allowed_payment_method_types: undefined }));
    expect(unnamed).toMatchObject({ allowed_payment_method_types: null, payment_method_types: ["card"] });
    // None of the refused calls left a session behind.
    expect([...fake.sessions.values()].filter((s) => s.expires_at === now + 60)).toEqual([]);
  });

  it("rejects a wrong API key with 401", async () => {
    const stranger = new Stripe("sk_test_wrong", { host: "127.0.0.1", port: fake.port, protocol: "http", maxNetworkRetries: 0 });
    const error = await stripeError(stranger.checkout.sessions.retrieve("cs_test_x"));
    expect(error).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect(error.statusCode).toBe(401);
  });
});

describe("fake Stripe: payments and refunds", () => {
  it("pays a session, then refunds part and the rest, idempotently, and never more than was paid", async () => {
    const created = await fake.stripe.checkout.sessions.create(sessionParams());
    const paid = fake.completeSession(created.id);
    expect(paid).toMatchObject({ status: "complete", payment_status: "paid", url: null });
    const pi = fake.paymentIntents.get(paid.payment_intent!)!;
    expect(pi).toMatchObject({ status: "succeeded", amount: 19700, amount_received: 19700, metadata: { orderId: "ord_1" } });
    expect((await fake.stripe.checkout.sessions.retrieve(created.id)).payment_intent).toBe(pi.id);

    const first = await fake.stripe.refunds.create(
      { payment_intent: pi.id, amount: 3850, metadata: { orderLineId: "l1" } },
      { idempotencyKey: "refund-l1" },
    );
    expect(first).toMatchObject({
      object: "refund",
      amount: 3850,
      status: "succeeded",
      payment_intent: pi.id,
      charge: pi.latest_charge,
      currency: "cny",
    });
    expect(first.id).toMatch(/^re_/);
    const replay = await fake.stripe.refunds.create(
      { payment_intent: pi.id, amount: 3850, metadata: { orderLineId: "l1" } },
      { idempotencyKey: "refund-l1" },
    );
    expect(replay.id).toBe(first.id);
    expect(fake.charges.get(pi.latest_charge!)!.amount_refunded).toBe(3850);

    const tooMuch = await stripeError(fake.stripe.refunds.create({ charge: pi.latest_charge!, amount: 19700 }));
    expect(tooMuch.code).toBe("amount_too_large");
    const rest = await fake.stripe.refunds.create({ charge: pi.latest_charge! }); // no amount: what is left
    expect(rest.amount).toBe(19700 - 3850);
    expect(fake.charges.get(pi.latest_charge!)).toMatchObject({ amount_refunded: 19700, refunded: true });
    expect((await stripeError(fake.stripe.refunds.create({ payment_intent: pi.id }))).code).toBe("charge_already_refunded");
    expect((await fake.stripe.refunds.retrieve(first.id)).amount).toBe(3850);
  });

  it("refuses a refund of an unknown or unpaid payment", async () => {
    expect((await stripeError(fake.stripe.refunds.create({ payment_intent: "pi_nope" }))).code).toBe("resource_missing");
    const created = await fake.stripe.checkout.sessions.create(sessionParams());
    const pending = fake.completeSession(created.id, { async: true });
    expect(pending).toMatchObject({ status: "complete", payment_status: "unpaid" });
    expect((await stripeError(fake.stripe.refunds.create({ payment_intent: pending.payment_intent! }))).param).toBe("payment_intent");
    expect(fake.settleAsyncPayment(created.id, "succeeded").payment_status).toBe("paid");
  });
});

describe("fake Stripe: webhook events", () => {
  it("signs events that the real constructEvent verifies", async () => {
    const created = await fake.stripe.checkout.sessions.create(sessionParams());
    const paid = fake.completeSession(created.id);
    const { payload, header, event } = fake.signEvent("checkout.session.completed", paid);
    const verified = fake.stripe.webhooks.constructEvent(payload, header, FAKE_STRIPE_WEBHOOK_SECRET);
    expect(verified.id).toBe(event.id);
    expect(verified.type).toBe("checkout.session.completed");
    expect(verified.api_version).toBe(Stripe.API_VERSION);
    if (verified.type !== "checkout.session.completed") throw new Error("narrowing");
    expect(verified.data.object.id).toBe(created.id);
    expect(verified.data.object.payment_status).toBe("paid");
    expect(verified.data.object.metadata).toEqual({ orderId: "ord_1", orderNumber: "XK20261122-0001" });
    // Verifies from a Buffer too (a route handler reads the raw body as bytes).
    expect(Stripe.webhooks.constructEvent(Buffer.from(payload), header, FAKE_STRIPE_WEBHOOK_SECRET).id).toBe(event.id);
  });

  it("covers the async, expiry and refund events, and can replay an event id", async () => {
    const created = await fake.stripe.checkout.sessions.create(sessionParams());
    const pending = fake.completeSession(created.id, { async: true });
    const completed = fake.signEvent("checkout.session.completed", pending);
    const failed = fake.signEvent("checkout.session.async_payment_failed", fake.settleAsyncPayment(created.id, "failed"));
    const other = await fake.stripe.checkout.sessions.create(sessionParams());
    fake.completeSession(other.id, { async: true });
    const succeeded = fake.signEvent("checkout.session.async_payment_succeeded", fake.settleAsyncPayment(other.id, "succeeded"));
    const third = await fake.stripe.checkout.sessions.create(sessionParams());
    const expired = fake.signEvent("checkout.session.expired", await fake.stripe.checkout.sessions.expire(third.id));
    const pi = fake.paymentIntents.get(fake.session(other.id).payment_intent!)!;
    await fake.stripe.refunds.create({ payment_intent: pi.id, amount: 100 });
    const refunded = fake.signEvent("charge.refunded", fake.charges.get(pi.latest_charge!)!, {
      previousAttributes: { amount_refunded: 0 },
    });
    const replayed = fake.signEvent("checkout.session.completed", pending, { id: completed.event.id });

    const verify = (e: { payload: string; header: string }) => fake.stripe.webhooks.constructEvent(e.payload, e.header, fake.webhookSecret);
    expect(verify(completed).data.object).toMatchObject({ payment_status: "unpaid" });
    expect(verify(failed)).toMatchObject({
      type: "checkout.session.async_payment_failed",
      data: { object: { id: created.id, payment_status: "unpaid" } },
    });
    expect(verify(succeeded)).toMatchObject({
      type: "checkout.session.async_payment_succeeded",
      data: { object: { id: other.id, payment_status: "paid" } },
    });
    expect(verify(expired)).toMatchObject({ type: "checkout.session.expired", data: { object: { id: third.id, status: "expired" } } });
    expect(verify(refunded)).toMatchObject({
      type: "charge.refunded",
      data: {
        object: { object: "charge", payment_intent: pi.id, amount_refunded: 100, refunded: false },
        previous_attributes: { amount_refunded: 0 },
      },
    });
    expect(verify(replayed).id).toBe(completed.event.id);
    expect(() => fake.signEvent("charge.refunded", pending)).toThrow(/charge/);
  });

  it("fails verification for a tampered payload, a wrong secret or a stale signature", async () => {
    const created = await fake.stripe.checkout.sessions.create(sessionParams());
    const { payload, header } = fake.signEvent("checkout.session.completed", fake.completeSession(created.id));
    const tampered = payload.replace('"payment_status": "paid"', '"payment_status": "unpaid"');
    expect(tampered).not.toBe(payload);
    expect(() => fake.stripe.webhooks.constructEvent(tampered, header, fake.webhookSecret)).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    expect(() => fake.stripe.webhooks.constructEvent(payload, header, "whsec_someone_else")).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    const wrongKey = fake.signEvent("checkout.session.completed", fake.session(created.id), { secret: "whsec_someone_else" });
    expect(() => fake.stripe.webhooks.constructEvent(wrongKey.payload, wrongKey.header, fake.webhookSecret)).toThrow(
      Stripe.errors.StripeSignatureVerificationError,
    );
    const stale = fake.signEvent("checkout.session.completed", fake.session(created.id), {
      timestamp: Math.floor(Date.now() / 1000) - 3600,
    });
    expect(() => fake.stripe.webhooks.constructEvent(stale.payload, stale.header, fake.webhookSecret)).toThrow(/tolerance/i);
  });
});
