// What each Stripe event does to our orders. The route (app/api/stripe/webhook) has verified the
// signature; every handler stores the event id in the transaction of its effect, so a repeat, or
// the same news arriving by the return page first, changes nothing (lib/orders/fulfilment.ts).
import type Stripe from "stripe";
import type { Db } from "@/lib/db/client";
import { confirmPayment, markAwaitingPayment, recordEvent, releaseReservation, type Outcome } from "@/lib/orders/fulfilment";
import { reconcileChargeRefunds } from "@/lib/orders/refunds";

export const HANDLED_EVENTS = [
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
  "checkout.session.expired",
  "charge.refunded",
] as const;

const idOf = (value: string | { id: string } | null | undefined) => (typeof value === "string" ? value : (value?.id ?? null));

/** Our order of a Checkout Session: its metadata, or failing that the session id we stored. */
async function orderOf(db: Db, session: Stripe.Checkout.Session): Promise<string | null> {
  const fromMetadata = session.metadata?.orderId ?? session.client_reference_id;
  if (fromMetadata) {
    const order = await db.order.findUnique({ where: { id: fromMetadata }, select: { id: true } });
    if (order) return order.id;
  }
  const bySession = await db.order.findUnique({ where: { paymentSessionId: session.id }, select: { id: true } });
  return bySession?.id ?? null;
}

export type EventResult = Outcome | { result: "ignored" } | { result: "applied" | "duplicateEvent" | "unknownPayment" };

export async function handleStripeEvent(db: Db, event: Stripe.Event): Promise<EventResult> {
  const ref = { id: event.id, type: event.type };
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded":
    case "checkout.session.async_payment_failed":
    case "checkout.session.expired": {
      const session = event.data.object;
      const orderId = await orderOf(db, session);
      if (!orderId) {
        await recordEvent(db, ref, null);
        return { result: "notFound" };
      }
      const paymentIntentId = idOf(session.payment_intent);
      if (event.type === "checkout.session.expired") return releaseReservation(db, { orderId, reason: "EXPIRED", event: ref });
      if (event.type === "checkout.session.async_payment_failed")
        return releaseReservation(db, { orderId, reason: "PAYMENT_FAILED", event: ref });
      const paid = session.payment_status === "paid" || session.payment_status === "no_payment_required";
      if (paid) return confirmPayment(db, { orderId, event: ref, paymentIntentId });
      return markAwaitingPayment(db, { orderId, event: ref, paymentIntentId });
    }
    case "charge.refunded": {
      const charge = event.data.object;
      const paymentIntentId = idOf(charge.payment_intent);
      if (!paymentIntentId) return { result: "ignored" };
      return { result: await reconcileChargeRefunds(db, { paymentIntentId, amountRefunded: charge.amount_refunded, event: ref }) };
    }
    default:
      return { result: "ignored" };
  }
}
