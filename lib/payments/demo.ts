// The demo payment page for the zero-setup run (no STRIPE_SECRET_KEY): a page of our own,
// clearly labelled, where the shopper confirms or cancels. Confirming goes through exactly the
// same fulfilment code as a Stripe webhook (lib/orders/fulfilment.ts). No money moves.
import { orderAccessToken } from "@/lib/orders/access";
import type { PaymentProvider } from "./provider";

/** Demo sessions are named after their order, so nothing needs storing on a provider's side. */
export const demoSessionId = (orderId: string) => `demo_${orderId}`;

export const demoProvider: PaymentProvider = {
  name: "demo",
  async createSession(request) {
    const prefix = request.locale === "en" ? "/en" : "";
    const url = `${prefix}/checkout/demo/${encodeURIComponent(request.orderNumber)}?t=${orderAccessToken(request.orderId)}`;
    return { id: demoSessionId(request.orderId), url, expiresAt: request.expiresAt };
  },
  // The order row is the demo's only record: fulfilment reads the order's own status.
  async retrieveSession() {
    return { status: "open", paid: false, paymentIntentId: null };
  },
  async expireSession() {
    return { status: "expired", paid: false, paymentIntentId: null };
  },
  async refund({ idempotencyKey }) {
    return { id: `demo_re_${idempotencyKey.replace(/^refund:/, "")}`, status: "succeeded" };
  },
};
