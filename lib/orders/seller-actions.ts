"use server";
// The cooperative console's order actions: ship, deliver, refund. Scope is checked by the domain
// functions (lib/orders/shipping.ts, lib/orders/refunds.ts): a manager touches only the shipments
// and lines of the operators it manages, an admin any; everyone else gets notFound().
import { notFound } from "@/lib/errors";
import { defineAction } from "@/lib/actions/define.server";
import { canManageOperator } from "@/lib/auth/actor";
import { catalogChanged, statsChanged } from "@/lib/catalog/revalidate.server";
import { db } from "@/lib/db/db.server";
import { requestRefund } from "@/lib/orders/refunds";
import { deliverSchema, markDelivered, markShipped, shipSchema } from "@/lib/orders/shipping";
import { providerFor } from "@/lib/payments/registry.server";
import { refundFormInput } from "./refund-schema";

const MANAGERS = ["MANAGER", "ADMIN"] as const;

export const shipOrder = defineAction({
  name: "order.ship",
  input: shipSchema,
  allow: MANAGERS,
  run: ({ actor }, input) => markShipped(db, input, actor),
});

export const deliverOrder = defineAction({
  name: "order.deliver",
  input: deliverSchema,
  allow: MANAGERS,
  run: ({ actor }, input) => markDelivered(db, input, actor),
});

export const refundOrder = defineAction({
  name: "order.refund",
  input: refundFormInput,
  allow: MANAGERS,
  run: async ({ actor }, input) => {
    // The scope before the provider: an order of someone else is not found, whatever its provider.
    const order = await db.order.findUnique({
      where: { id: input.orderId },
      select: { paymentProvider: true, lines: { select: { operatorId: true } } },
    });
    if (!order || !order.lines.some((l) => canManageOperator(actor, l.operatorId))) throw notFound();
    const result = await requestRefund(db, providerFor(order.paymentProvider), input, actor);
    statsChanged();
    if (result.status === "SUCCEEDED" && input.lines.some((l) => l.restockQty > 0)) catalogChanged();
    return result;
  },
});
