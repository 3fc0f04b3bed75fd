// Releases the stock of orders nobody paid for (docs/DESIGN.md#rule-3), for when the provider's
// expiry event never arrives. Runs every minute inside the app (instrumentation.ts). Two sweepers
// (two app processes) at once are harmless: each release locks its order and acts only on a
// PENDING_PAYMENT one, so the stock comes back once (lib/orders/fulfilment.ts). Before releasing a Stripe order it ends the
// session on Stripe, so a shopper cannot pay after the stock is gone; if the session turns out
// to be paid after all, the order is confirmed instead.
import type { Db } from "@/lib/db/client";
import type { PaymentProvider } from "@/lib/payments/provider";
import { confirmPayment, markAwaitingPayment, releaseReservation } from "./fulfilment";
import { SWEEP_GRACE_MS } from "./sale";

const BATCH = 200;

export interface SweepResult {
  released: number;
  confirmed: number;
}

export async function sweepExpiredReservations(
  db: Db,
  providerFor: (name: string) => PaymentProvider,
  now = new Date(),
): Promise<SweepResult> {
  const result: SweepResult = { released: 0, confirmed: 0 };
  for (;;) {
    const due = await db.order.findMany({
      where: { status: "PENDING_PAYMENT", awaitingAsyncPay: false, reservedUntil: { lt: new Date(now.getTime() - SWEEP_GRACE_MS) } },
      select: { id: true, paymentProvider: true, paymentSessionId: true },
      orderBy: { reservedUntil: "asc" },
      take: BATCH,
    });
    for (const order of due) {
      if (order.paymentProvider === "stripe" && order.paymentSessionId) {
        const state = await providerFor("stripe").expireSession(order.paymentSessionId);
        if (state.paid) {
          if ((await confirmPayment(db, { orderId: order.id, paymentIntentId: state.paymentIntentId })).result === "applied")
            result.confirmed++;
          continue;
        }
        if (state.status === "complete") {
          await markAwaitingPayment(db, { orderId: order.id, paymentIntentId: state.paymentIntentId });
          continue;
        }
      }
      if ((await releaseReservation(db, { orderId: order.id, reason: "EXPIRED", at: now })).result === "applied") result.released++;
    }
    if (due.length < BATCH) break;
  }
  return result;
}
