"use server";
// The shopper's actions on an order they hold the link to (or own): pay on the demo page, or
// give up an unpaid order so its stock goes back at once.
import { z } from "zod";
import { ActionError, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { defineAction } from "@/lib/actions/define.server";
import { catalogChanged } from "@/lib/catalog/revalidate.server";
import { db } from "@/lib/db/db.server";
import { paymentConfig } from "@/lib/payments/config";
import { providerFor } from "@/lib/payments/registry.server";
import { isOrderAccessToken } from "./access";
import { confirmPayment, releaseReservation } from "./fulfilment";
import { ORDER_NUMBER } from "./number";

const orderRef = z.object({ number: z.string().regex(ORDER_NUMBER), token: z.string().max(64).default("") });

/** The order if the caller may act on it: its owner, an admin, or whoever has its link. */
async function heldOrder(actor: Actor | null, ref: z.output<typeof orderRef>) {
  const order = await db.order.findUnique({
    where: { number: ref.number },
    select: { id: true, userId: true, status: true, paymentProvider: true, paymentSessionId: true, reservedUntil: true },
  });
  if (!order) throw notFound();
  const owner = actor !== null && (order.userId === actor.userId || actor.role === "ADMIN");
  if (!owner && !isOrderAccessToken(order.id, ref.token)) throw notFound();
  return order;
}

export const confirmDemoPayment = defineAction({
  name: "payment.demoConfirm",
  input: orderRef,
  allow: "anyone",
  run: async ({ actor }, input) => {
    const order = await heldOrder(actor, input);
    if (order.paymentProvider !== "demo" || paymentConfig().provider !== "demo") throw new ActionError("paymentUnavailable");
    if (order.status !== "PENDING_PAYMENT") throw new ActionError("orderNotPending");
    if (order.reservedUntil.getTime() <= Date.now()) {
      await releaseReservation(db, { orderId: order.id, reason: "EXPIRED" });
      catalogChanged();
      throw new ActionError("orderExpired");
    }
    // The same function, and the same kind of once-only event id, as Stripe's webhook.
    const outcome = await confirmPayment(db, {
      orderId: order.id,
      event: { id: `demo:${order.id}:paid`, type: "demo.checkout.completed" },
    });
    if (outcome.result === "applied") catalogChanged();
    return { number: input.number };
  },
});

export const cancelUnpaidOrder = defineAction({
  name: "order.cancelUnpaid",
  input: orderRef,
  allow: "anyone",
  run: async ({ actor }, input) => {
    const order = await heldOrder(actor, input);
    if (order.status !== "PENDING_PAYMENT") throw new ActionError("orderNotPending");
    if (order.paymentProvider === "stripe" && order.paymentSessionId) {
      // Close Stripe's page first, so the shopper cannot pay for stock that is gone.
      const state = await providerFor("stripe").expireSession(order.paymentSessionId);
      if (state.paid || state.status === "complete") throw new ActionError("orderNotPending");
    }
    const outcome = await releaseReservation(db, { orderId: order.id, reason: "CANCELLED_BY_SHOPPER" });
    if (outcome.result === "applied") catalogChanged();
    return { number: input.number };
  },
});
