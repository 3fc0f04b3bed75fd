// Background work with several processes (lib/jobs/lease.ts): leases claimed with FOR UPDATE SKIP
// LOCKED, and the sweeper run by two "processes" (two database pools) at once over 500 expired
// Stripe orders: each released once, each Stripe session expired once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient, Prisma } from "@/lib/db/client";
import { claim, finish, retryLater, runClaimed, runExclusive } from "@/lib/jobs/lease";
import { placeOrder } from "@/lib/orders/checkout";
import { SWEEP_JOB, sweepExpiredReservations } from "@/lib/orders/sweeper";
import type { PaymentProvider } from "@/lib/payments/provider";
import { providerFor } from "@/lib/payments/registry.server";
import { testDb } from "./support/db";
import { FAKE_STRIPE_API_KEY, FAKE_STRIPE_WEBHOOK_SECRET, startFakeStripe, type FakeStripe } from "./support/fake-stripe";
import { OPERATOR_A } from "./support/personas";
import { cartOf, makeProduct } from "./support/shop";

// Two processes: two pools, as two `next start` would have.
const processA = createPrismaClient(undefined, 8);
const processB = createPrismaClient(undefined, 8);
afterAll(async () => {
  await Promise.all([processA.$disconnect(), processB.$disconnect()]);
});

const run = Math.random().toString(36).slice(2, 8);
const keysSql = (n: number) => Prisma.sql`SELECT 'k' || lpad(g::text, 4, '0') AS key FROM generate_series(1, ${n}) AS g`;

describe("leases", () => {
  it("two claimers at once get disjoint items that together are all of them, and finished items never come back", async () => {
    const job = `test.disjoint.${run}`;
    const claimed: { A: string[]; B: string[] } = { A: [], B: [] };
    const loop = async (db: typeof processA, holder: "A" | "B") => {
      for (;;) {
        const keys = await claim(db, { job, candidates: keysSql(300), limit: 7, holder });
        if (keys.length === 0) return;
        claimed[holder].push(...keys);
        for (const k of keys) await finish(db, job, k);
      }
    };
    await Promise.all([loop(processA, "A"), loop(processB, "B"), loop(processA, "A"), loop(processB, "B")]);
    const all = [...claimed.A, ...claimed.B];
    expect(all.length).toBe(300);
    expect(new Set(all).size).toBe(300);
    expect(await claim(testDb, { job, candidates: keysSql(300) })).toEqual([]);
  });

  it("a held lease is not claimed again until it runs out; a failed item waits for its back-off", async () => {
    const job = `test.lease.${run}`;
    expect(await claim(processA, { job, candidates: keysSql(2), holder: "A" })).toEqual(["k0001", "k0002"]);
    expect(await claim(processB, { job, candidates: keysSql(2), holder: "B" })).toEqual([]);
    await retryLater(processA, job, "k0001", new Error("provider unreachable\nstack…"));
    expect(await claim(processB, { job, candidates: keysSql(2), holder: "B" })).toEqual([]);
    const row = await testDb.jobLease.findUniqueOrThrow({ where: { job_key: { job, key: "k0001" } } });
    expect(row.lastError).toBe("provider unreachable");
    expect(row.leasedUntil.getTime()).toBeGreaterThan(Date.now() + 30_000); // one minute × 1 attempt
    // Process A died holding k0002: when the lease runs out, B takes it over.
    await testDb.jobLease.update({ where: { job_key: { job, key: "k0002" } }, data: { leasedUntil: new Date(Date.now() - 1000) } });
    expect(await claim(processB, { job, candidates: keysSql(2), holder: "B" })).toEqual(["k0002"]);
    expect((await testDb.jobLease.findUniqueOrThrow({ where: { job_key: { job, key: "k0002" } } })).attempts).toBe(2);
  });

  it("runClaimed marks what threw for a later try and goes on with the rest", async () => {
    const job = `test.run.${run}`;
    const seen: string[] = [];
    const result = await runClaimed(testDb, {
      job,
      candidates: keysSql(5),
      handle: async (key) => {
        seen.push(key);
        if (key === "k0003") throw new Error("boom");
      },
    });
    expect(result).toEqual({ done: 4, failed: 1 });
    expect(seen).toEqual(["k0001", "k0002", "k0003", "k0004", "k0005"]);
    expect(await runClaimed(testDb, { job, candidates: keysSql(5), handle: async () => {} })).toEqual({ done: 0, failed: 0 });
  });

  it("runExclusive runs once across processes for one key", async () => {
    const job = `test.exclusive.${run}`;
    let runs = 0;
    const once = () => runExclusive(processA, { job, key: "2026-12-06", once: true }, async () => void runs++);
    const other = () => runExclusive(processB, { job, key: "2026-12-06", once: true }, async () => void runs++);
    const answers = await Promise.all([once(), other(), once(), other()]);
    expect(runs).toBe(1);
    expect(answers.filter(Boolean).length).toBe(1);
    expect(await other()).toBe(false);
  });
});

describe("the sweeper in two processes at once", () => {
  let fake: FakeStripe;
  const saved = { ...process.env };
  beforeAll(async () => {
    fake = await startFakeStripe();
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
  });

  it("500 expired orders: each released exactly once, each Stripe session expired once, stock back once", async () => {
    const product = await makeProduct(OPERATOR_A, { stock: 500, priceFen: 5000 });
    const ctx = { provider: providerFor("stripe"), origin: "http://localhost:3000", locale: "zh-CN" as const, actor: null };
    const ids: string[] = [];
    for (let i = 0; i < 500; i += 25) {
      const placed = await Promise.all(Array.from({ length: 25 }, () => placeOrder(testDb, cartOf([product]), ctx)));
      ids.push(...placed.map((p) => p.orderId));
    }
    expect((await testDb.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(0);
    // Their holds ran out an hour ago (other tests' unpaid orders are not due yet).
    await testDb.order.updateMany({ where: { id: { in: ids } }, data: { reservedUntil: new Date(Date.now() - 60 * 60_000) } });
    const sessions = new Set(
      (await testDb.order.findMany({ where: { id: { in: ids } }, select: { paymentSessionId: true } })).map((o) => o.paymentSessionId),
    );
    expect(sessions.size).toBe(500);

    // Each provider call takes a little while, so the two sweepers really overlap.
    const slow = (name: string): PaymentProvider => {
      const real = providerFor(name);
      return { ...real, expireSession: async (id) => (await new Promise((r) => setTimeout(r, 3)), real.expireSession(id)) };
    };
    const before = fake.requests.length;
    const [a, b] = await Promise.all([
      sweepExpiredReservations(processA, slow, new Date(), { holder: `A-${run}` }),
      sweepExpiredReservations(processB, slow, new Date(), { holder: `B-${run}` }),
    ]);
    const expireCalls = fake.requests.slice(before).filter((r) => r.method === "POST" && /\/expire$/.test(r.path));
    const expiredSessions = expireCalls.map((r) => r.path.split("/")[4] ?? "");

    expect(a.failed + b.failed).toBe(0);
    expect(expireCalls.length).toBeLessThanOrEqual(500);
    expect(expiredSessions.filter((s) => sessions.has(s)).length).toBe(500);
    expect(new Set(expiredSessions).size).toBe(expiredSessions.length); // no session expired twice
    const orders = await testDb.order.groupBy({ by: ["status", "cancelReason"], where: { id: { in: ids } }, _count: true });
    expect(orders).toEqual([{ status: "CANCELLED", cancelReason: "EXPIRED", _count: 500 }]);
    expect(await testDb.stockMovement.count({ where: { productId: product.id, reason: "RELEASE" } })).toBe(500);
    expect((await testDb.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(500);
    const byHolder = await testDb.jobLease.groupBy({ by: ["holder"], where: { job: SWEEP_JOB, key: { in: ids } }, _count: true });
    console.log(`[jobs.test] the 500 orders were swept by: ${byHolder.map((h) => `${h.holder} ${h._count}`).join(", ")}`);
    expect(byHolder.reduce((s, h) => s + h._count, 0)).toBe(500);
  }, 180_000);
});
