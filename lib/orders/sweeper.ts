// Releases the stock of orders nobody paid for (docs/DESIGN.md#rule-3), for when the provider's
// expiry event never arrives. Runs every minute in every app process (lib/jobs). Each expired
// order is claimed with a lease (lib/jobs/lease.ts, FOR UPDATE SKIP LOCKED) before anything is
// done with it, so with several processes each order is handled by one of them: its Stripe
// session is expired once, its stock comes back once. (The release itself also locks the order
// and acts only on a PENDING_PAYMENT one, so a webhook arriving meanwhile cannot double it.)
// Before releasing a Stripe order it ends the session on Stripe, so a shopper cannot pay after
// the stock is gone; if the session turns out to be paid after all, the order is confirmed instead.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db/client";
import { runClaimed } from "@/lib/jobs/lease";
import type { PaymentProvider } from "@/lib/payments/provider";
import { confirmPayment, markAwaitingPayment, releaseReservation } from "./fulfilment";
import { SWEEP_GRACE_MS } from "./sale";

export const SWEEP_JOB = "orders.sweep";

export interface SweepResult {
  released: number;
  confirmed: number;
  /** Orders whose sweep failed this time (provider unreachable …): tried again at a later tick. */
  failed: number;
}

export async function sweepExpiredReservations(
  db: Db,
  providerFor: (name: string) => PaymentProvider,
  now = new Date(),
  options: { holder?: string; onError?: (orderId: string, error: unknown) => void } = {},
): Promise<SweepResult> {
  const result: SweepResult = { released: 0, confirmed: 0, failed: 0 };
  const cutoff = new Date(now.getTime() - SWEEP_GRACE_MS);
  const isDue = (o: { status: string; awaitingAsyncPay: boolean; reservedUntil: Date }) =>
    o.status === "PENDING_PAYMENT" && !o.awaitingAsyncPay && o.reservedUntil < cutoff;
  const { failed } = await runClaimed(db, {
    job: SWEEP_JOB,
    holder: options.holder,
    candidates: Prisma.sql`
      SELECT "id" AS "key" FROM "Order"
      WHERE "status" = 'PENDING_PAYMENT' AND "awaitingAsyncPay" = false AND "reservedUntil" < ${cutoff}`,
    onError: options.onError,
    handle: async (orderId) => {
      // Read again now that the lease is ours: a webhook may have settled it since it was listed.
      const order = await db.order.findUnique({
        where: { id: orderId },
        select: { id: true, status: true, awaitingAsyncPay: true, reservedUntil: true, paymentProvider: true, paymentSessionId: true },
      });
      if (!order || !isDue(order)) return;
      if (order.paymentProvider === "stripe" && order.paymentSessionId) {
        const state = await providerFor("stripe").expireSession(order.paymentSessionId);
        if (state.paid) {
          if ((await confirmPayment(db, { orderId: order.id, paymentIntentId: state.paymentIntentId })).result === "applied")
            result.confirmed++;
          return;
        }
        if (state.status === "complete") {
          await markAwaitingPayment(db, { orderId: order.id, paymentIntentId: state.paymentIntentId });
          return;
        }
      }
      if ((await releaseReservation(db, { orderId: order.id, reason: "EXPIRED", at: now })).result === "applied") result.released++;
    },
  });
  result.failed = failed;
  return result;
}
