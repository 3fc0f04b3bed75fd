// The payment-session queue against a fake Stripe that allows 25 Checkout Session creations a
// second (Stripe's default per endpoint): every reserved livestream order gets its session within
// its window, the queue's own rate is never exceeded, and webhooks delivered three times in
// shuffled order pay each order once.
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as webhook } from "@/app/api/stripe/webhook/route";
import type { Actor } from "@/lib/auth/actor";
import { createHotPool } from "@/lib/campaigns/pool";
import { Reserver } from "@/lib/campaigns/reserve";
import { providerFor } from "@/lib/payments/registry.server";
import { drainPaymentQueue, paymentQueueStatus, requestPaymentSession } from "@/lib/payments/session-queue";
import { testDb } from "./support/db";
import { FAKE_STRIPE_API_KEY, FAKE_STRIPE_WEBHOOK_SECRET, startFakeStripe, type FakeStripe, type SignedEvent } from "./support/fake-stripe";
import { liveCampaign, liveRequest } from "./support/live";
import { actorOf } from "./support/personas";

let fake: FakeStripe;
let admin: Actor;
const pool = createHotPool(process.env.DATABASE_URL!, 4);
const RATE = 20;
const saved = { ...process.env };

beforeAll(async () => {
  fake = await startFakeStripe({ sessionsPerSecond: 25 });
  admin = (await actorOf("admin"))!;
  Object.assign(process.env, {
    STRIPE_SECRET_KEY: FAKE_STRIPE_API_KEY,
    STRIPE_WEBHOOK_SECRET: FAKE_STRIPE_WEBHOOK_SECRET,
    STRIPE_API_URL: fake.url,
  });
});
afterAll(async () => {
  for (const key of ["STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_API_URL"]) {
    if (saved[key] === undefined) delete process.env[key];
    else process.env[key] = saved[key];
  }
  await fake.close();
  await pool.end();
});

async function deliver(signed: Pick<SignedEvent, "payload" | "header">) {
  const request = new NextRequest("http://localhost:3000/api/stripe/webhook", {
    method: "POST",
    body: signed.payload,
    headers: { "stripe-signature": signed.header, "content-type": "application/json" },
  });
  return (await webhook(request)).status;
}

describe("payment-session queue", () => {
  it("gives every reserved order its session under the rate, within its window; webhooks 3× shuffled pay each once", async () => {
    const { campaignId, items } = await liveCampaign(admin, [120], 2);
    const reserver = new Reserver(pool);
    const results = await Promise.all(
      Array.from({ length: 120 }, () => reserver.reserve({ ...liveRequest(items[0]!.id), paymentProvider: "stripe" })),
    );
    const ids = results.map((r) => (r.ok ? r.orderId : null)).filter((id): id is string => id !== null);
    expect(ids).toHaveLength(120);

    // Everyone presses 去支付 at once: each is told its place in the queue (behind whatever other
    // test files left waiting in the shared database).
    const before = await testDb.paymentSessionRequest.count({ where: { doneAt: null } });
    for (const [i, id] of ids.entries()) {
      const status = await requestPaymentSession(testDb, id, { locale: "zh-CN", origin: "http://localhost:3000", rate: RATE });
      expect(status).toMatchObject({ state: "waiting", ahead: before + i });
    }
    // A second press changes nothing.
    expect(await requestPaymentSession(testDb, ids[5]!, { locale: "zh-CN", origin: "http://localhost:3000", rate: RATE })).toMatchObject({
      ahead: before + 5,
    });

    // Workers of two "processes" drain it together until nothing is left.
    const drain = async () => {
      while ((await testDb.paymentSessionRequest.count({ where: { orderId: { in: ids }, doneAt: null } })) > 0) {
        await drainPaymentQueue(testDb, providerFor, { rate: RATE });
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    await Promise.all([drain(), drain()]);

    const orders = await testDb.order.findMany({
      where: { id: { in: ids } },
      select: { id: true, status: true, paymentSessionId: true, paymentUrl: true, reservedUntil: true, paymentQueue: true },
    });
    for (const o of orders) {
      expect(o.status).toBe("PENDING_PAYMENT");
      expect(o.paymentSessionId).toBeTruthy();
      expect(o.paymentQueue!.error).toBeNull();
      expect(o.paymentQueue!.doneAt!.getTime()).toBeLessThan(o.reservedUntil.getTime());
      expect(await paymentQueueStatus(testDb, o.id)).toEqual({ state: "ready", url: o.paymentUrl });
    }
    // One session per order on Stripe's side, and never more claims in a second than the rate.
    const created = fake.requests.filter(
      (r) => r.method === "POST" && r.path === "/v1/checkout/sessions" && r.status === 200 && !r.replayed,
    );
    expect(new Set(created.map((r) => r.idempotencyKey)).size).toBe(120);
    const claims = orders.map((o) => o.paymentQueue!.claimedAt!.getTime()).sort((a, b) => a - b);
    for (let i = 0; i + RATE < claims.length; i++) expect(claims[i + RATE]! - claims[i]!).toBeGreaterThanOrEqual(1000 - 5);
    expect(fake.rateLimit().peakPerSecond).toBeLessThanOrEqual(25);

    // Everyone pays; each completion webhook arrives three times, shuffled.
    const events = orders.flatMap((o) => {
      const signed = fake.signEvent("checkout.session.completed", fake.completeSession(o.paymentSessionId!));
      return [signed, signed, signed];
    });
    for (let i = events.length - 1; i > 0; i--) {
      const j = (i * 7919) % (i + 1);
      [events[i], events[j]] = [events[j]!, events[i]!];
    }
    for (const e of events) expect(await deliver(e)).toBe(200);
    const paid = await testDb.order.findMany({ where: { campaignId }, select: { status: true, paidAt: true } });
    expect(paid.every((o) => o.status === "PAID")).toBe(true);
    const processed = await testDb.processedEvent.count({ where: { orderId: { in: ids } } });
    expect(processed).toBe(120);
    const settlement = await testDb.settlementEntry.count({ where: { orderLine: { orderId: { in: ids } } } });
    expect(settlement).toBe(120);
  }, 120_000);
});
