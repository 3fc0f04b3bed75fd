import "server-only";
// What the shopper's order pages and the checkout read and do, bound to this process's database.
import { db, withDb } from "@/lib/db/db.server";
import { providerFor } from "@/lib/payments/registry.server";
import { placeOrder } from "./checkout";
import { confirmPayment, markAwaitingPayment } from "./fulfilment";
import { impactReceipt, orderByNumber, ordersOfUser } from "./queries";
import { requestLog } from "@/lib/ops/log.server";

export const orderOfNumber = withDb(orderByNumber);
export const impactReceiptOf = withDb(impactReceipt);
export const ordersOf = withDb(ordersOfUser);
export const placeOrderNow = withDb(placeOrder);

/** A returning shopper's last delivery address, to spare the typing. */
export function lastAddressOf(userId: string) {
  return db.order.findFirst({
    where: { userId },
    orderBy: { createdAt: "desc" },
    select: { recipient: true, mobile: true, province: true, city: true, district: true, address: true },
  });
}

/** Back from Stripe's page: settle the order now rather than wait for the webhook. */
export async function settleReturnFromStripe(
  order: { id: string; status: string; paymentProvider: string; paymentSessionId: string | null },
  sessionId: string | undefined,
): Promise<void> {
  if (order.status !== "PENDING_PAYMENT" || order.paymentProvider !== "stripe" || !sessionId || sessionId !== order.paymentSessionId)
    return;
  try {
    const state = await providerFor("stripe").retrieveSession(sessionId);
    if (state.paid) {
      await confirmPayment(db, { orderId: order.id, paymentIntentId: state.paymentIntentId });
    } else if (state.status === "complete") {
      await markAwaitingPayment(db, { orderId: order.id, paymentIntentId: state.paymentIntentId });
    }
  } catch (error) {
    (await requestLog()).warn({ sessionId, err: error }, "could not ask Stripe about the session; the webhook will settle it");
  }
}
