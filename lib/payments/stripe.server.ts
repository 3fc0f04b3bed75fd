// Stripe Checkout in CNY. Every POST carries an idempotency key derived from our own ids, so a
// retry (a double click, a crash between the call and saving its answer) finds the same session
// or refund instead of making a second one.
import "server-only";
import Stripe from "stripe";
import type { PaymentConfig } from "./config";
import { PaymentProviderError, type PaymentProvider, type SessionState } from "./provider";

type StripeConfig = Extract<PaymentConfig, { provider: "stripe" }>;

const clients = new Map<string, Stripe>();

/** The Stripe client for these settings (one per process); STRIPE_API_URL points it elsewhere. */
export function stripeClient(config: StripeConfig): Stripe {
  const key = `${config.secretKey}@${config.apiUrl?.href ?? ""}`;
  let client = clients.get(key);
  if (!client) {
    const url = config.apiUrl;
    client = new Stripe(config.secretKey, {
      apiVersion: Stripe.API_VERSION,
      telemetry: false,
      maxNetworkRetries: 2, // safe: every POST below is idempotent
      ...(url
        ? {
            host: url.hostname,
            port: Number(url.port || (url.protocol === "https:" ? 443 : 80)),
            protocol: url.protocol.replace(":", "") as "http" | "https",
          }
        : {}),
    });
    clients.set(key, client);
  }
  return client;
}

function stateOf(session: Stripe.Checkout.Session): SessionState {
  const intent = session.payment_intent;
  return {
    status: session.status === "complete" ? "complete" : session.status === "expired" ? "expired" : "open",
    paid: session.payment_status === "paid" || session.payment_status === "no_payment_required",
    paymentIntentId: typeof intent === "string" ? intent : (intent?.id ?? null),
  };
}

async function call<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError) throw new PaymentProviderError(`Stripe ${what}: ${error.message}`, error.code);
    throw error;
  }
}

export function stripeProvider(config: StripeConfig): PaymentProvider {
  const stripe = stripeClient(config);
  return {
    name: "stripe",
    async createSession(request, idempotencyKey) {
      const session = await call("checkout.sessions.create", () =>
        stripe.checkout.sessions.create(
          {
            mode: "payment",
            line_items: request.lines.map((line) => ({
              quantity: line.quantity,
              price_data: { currency: "cny", unit_amount: line.unitPriceFen, product_data: { name: line.name } },
            })),
            allowed_payment_method_types: config.methods,
            ...(config.methods.includes("wechat_pay") ? { payment_method_options: { wechat_pay: { client: "web" } } } : {}),
            customer_email: request.email,
            client_reference_id: request.orderId,
            metadata: { orderId: request.orderId, orderNumber: request.orderNumber },
            payment_intent_data: { metadata: { orderId: request.orderId, orderNumber: request.orderNumber } },
            locale: request.locale === "en" ? "en" : "zh",
            success_url: request.successUrl,
            cancel_url: request.cancelUrl,
            expires_at: Math.ceil(request.expiresAt.getTime() / 1000),
          },
          { idempotencyKey },
        ),
      );
      if (!session.url) throw new PaymentProviderError("Stripe returned a session without a payment page");
      return { id: session.id, url: session.url, expiresAt: new Date(session.expires_at * 1000) };
    },
    async retrieveSession(sessionId) {
      return stateOf(await call("checkout.sessions.retrieve", () => stripe.checkout.sessions.retrieve(sessionId)));
    },
    async expireSession(sessionId) {
      try {
        return stateOf(await stripe.checkout.sessions.expire(sessionId));
      } catch (error) {
        // Not open any more (paid or expired meanwhile): report what it is now.
        if (error instanceof Stripe.errors.StripeInvalidRequestError) return stateOf(await stripe.checkout.sessions.retrieve(sessionId));
        throw error;
      }
    },
    async refund({ paymentIntentId, amountFen, idempotencyKey, metadata }) {
      if (!paymentIntentId) throw new PaymentProviderError("the order has no Stripe payment to refund");
      const refund = await call("refunds.create", () =>
        stripe.refunds.create(
          { payment_intent: paymentIntentId, amount: amountFen, reason: "requested_by_customer", metadata },
          { idempotencyKey },
        ),
      );
      const status =
        refund.status === "succeeded" ? "succeeded" : refund.status === "failed" || refund.status === "canceled" ? "failed" : "pending";
      return { id: refund.id, status };
    },
  };
}
