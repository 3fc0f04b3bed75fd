// The payment-session queue. A livestream makes thousands of orders in seconds, and Stripe creates
// about 25 Checkout Sessions a second (its default per-endpoint limit; docs.stripe.com/rate-limits).
// So "去支付" does not call the provider itself: it puts the order in this queue (one row per
// order, so a second click changes nothing) and the shopper's page polls its place: "前面还有 N 单".
// Workers in every server process drain it, oldest first, under one rate for the whole site: each
// drain takes an advisory lock, counts the sessions started in the last second (clock of the
// database, so several processes share one budget) and claims at most the rest. A claim that was
// never finished (a crash) is claimed again after CLAIM_LEASE. The session itself is created by
// the same idempotent ensurePaymentSession as the ordinary checkout (rule 9), and the demo
// provider goes through here too.
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env/env";
import { ensurePaymentSession } from "@/lib/orders/checkout";
import { ActionError } from "@/lib/errors";
import type { PaymentProvider } from "./provider";

/** Sessions started per second when PAYMENT_SESSIONS_PER_SECOND is unset: below Stripe's 25. */
export const DEFAULT_SESSIONS_PER_SECOND = 20;
const CLAIM_LEASE_SECONDS = 10;

export function sessionsPerSecond(): number {
  return env().PAYMENT_SESSIONS_PER_SECOND ?? DEFAULT_SESSIONS_PER_SECOND;
}

export type QueueStatus =
  | { state: "ready"; url: string }
  | { state: "waiting"; ahead: number; etaSeconds: number }
  | { state: "closed"; status: string }
  | { state: "failed" };

/** Puts a pending order in the queue (once) and says where it stands. */
export async function requestPaymentSession(
  db: Db,
  orderId: string,
  ctx: { locale: "zh-CN" | "en"; origin: string; rate?: number },
): Promise<QueueStatus> {
  await db.$executeRaw`
    INSERT INTO "PaymentSessionRequest" ("orderId", "locale", "origin")
    SELECT "id", ${ctx.locale}, ${ctx.origin} FROM "Order" WHERE "id" = ${orderId} AND "status" = 'PENDING_PAYMENT'
    ON CONFLICT ("orderId") DO NOTHING`;
  return paymentQueueStatus(db, orderId, ctx.rate);
}

export async function paymentQueueStatus(db: Db, orderId: string, rate = sessionsPerSecond()): Promise<QueueStatus> {
  const order = await db.order.findUnique({
    where: { id: orderId },
    select: { status: true, paymentUrl: true, reservedUntil: true, paymentQueue: { select: { seq: true, doneAt: true, error: true } } },
  });
  if (!order) return { state: "closed", status: "NOT_FOUND" };
  if (order.status !== "PENDING_PAYMENT" || order.reservedUntil.getTime() <= Date.now()) return { state: "closed", status: order.status };
  if (order.paymentUrl) return { state: "ready", url: order.paymentUrl };
  if (order.paymentQueue?.error) return { state: "failed" };
  if (!order.paymentQueue) return { state: "closed", status: "NOT_QUEUED" };
  const ahead = await db.paymentSessionRequest.count({ where: { doneAt: null, seq: { lt: order.paymentQueue.seq } } });
  return { state: "waiting", ahead, etaSeconds: Math.ceil((ahead + 1) / rate) };
}

/**
 * Claims what the rate allows now and creates those sessions. Returns how many were created.
 * Call it often (every 100–200 ms); it does nothing when the queue is empty or the second's budget spent.
 */
export async function drainPaymentQueue(
  db: Db,
  providerFor: (name: string) => PaymentProvider,
  options: { rate?: number } = {},
): Promise<number> {
  const rate = options.rate ?? sessionsPerSecond();
  // Every process polls several times a second, nearly always to find nothing: one indexed read
  // first, and the transaction (advisory lock, count, claim) only when something waits.
  const [{ waiting } = { waiting: false }] = await db.$queryRaw<{ waiting: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM "PaymentSessionRequest" WHERE "doneAt" IS NULL) AS waiting`;
  if (!waiting) return 0;
  const claimed = await db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('payment-session-queue'))`;
    // statement_timestamp(), not clock_timestamp(): a volatile function cannot bound an index scan,
    // and every drain (several a second in every process) then read the whole table, which grows
    // by one row per order that ever went to pay (13,400 after one livestream).
    const [{ n } = { n: 0 }] = await tx.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM "PaymentSessionRequest"
      WHERE "claimedAt" > statement_timestamp()::timestamp - make_interval(secs => ${CLAIM_LEASE_SECONDS})
        AND ("doneAt" IS NULL OR "doneAt" > statement_timestamp()::timestamp - interval '1 second')`;
    const room = rate - n;
    if (room <= 0) return [];
    return tx.$queryRaw<{ orderId: string; locale: string; origin: string }[]>`
      UPDATE "PaymentSessionRequest" SET "claimedAt" = clock_timestamp()::timestamp
      WHERE "orderId" IN (
        SELECT "orderId" FROM "PaymentSessionRequest"
        WHERE "doneAt" IS NULL AND ("claimedAt" IS NULL OR "claimedAt" < clock_timestamp()::timestamp - make_interval(secs => ${CLAIM_LEASE_SECONDS}))
        ORDER BY "seq" LIMIT ${room} FOR UPDATE SKIP LOCKED)
      RETURNING "orderId", "locale", "origin"`;
  });
  let created = 0;
  await Promise.all(
    claimed.map(async (c) => {
      let error: string | null = null;
      let retry = false;
      try {
        const order = await db.order.findUnique({ where: { id: c.orderId }, select: { paymentProvider: true } });
        if (order) {
          await ensurePaymentSession(db, c.orderId, {
            provider: providerFor(order.paymentProvider),
            origin: c.origin,
            locale: c.locale === "en" ? "en" : "zh-CN",
          });
        }
      } catch (e) {
        // The provider's rate limit (someone else spent the budget): the claim lapses and the
        // request is tried again. Anything else: ensurePaymentSession has released the order.
        if (e instanceof ActionError && e.code === "paymentBusy") retry = true;
        else error = e instanceof Error ? e.message.slice(0, 200) : "failed";
      }
      if (retry) return;
      created += error === null ? 1 : 0;
      await db.$executeRaw`
        UPDATE "PaymentSessionRequest" SET "doneAt" = clock_timestamp()::timestamp, "error" = ${error} WHERE "orderId" = ${c.orderId}`;
    }),
  );
  return created;
}
