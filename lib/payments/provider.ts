// The payment providers checkout can use, behind one interface (a small registry, as in
// saleor/storefront): Stripe Checkout when STRIPE_SECRET_KEY is set, otherwise the built-in demo
// payment page. Whatever the provider, "paid" is decided in one place: lib/orders/fulfilment.ts.

/** What checkout asks a provider to charge for. Amounts are integer fen, computed on the server. */
export interface SessionRequest {
  orderId: string;
  orderNumber: string;
  email: string;
  locale: "zh-CN" | "en";
  lines: { name: string; unitPriceFen: number; quantity: number }[];
  /** Where the shopper lands after paying (may contain {CHECKOUT_SESSION_ID}). */
  successUrl: string;
  /** Where the shopper lands after giving up on the provider's page. */
  cancelUrl: string;
  /** Until when the session may be paid; stock is held until then. */
  expiresAt: Date;
}

export interface PaymentSession {
  id: string;
  /** The page to send the shopper to. */
  url: string;
  expiresAt: Date;
}

/** A provider's view of a session, enough to decide what happened to the order. */
export interface SessionState {
  status: "open" | "complete" | "expired";
  /** Money received (a delayed method's session can be complete and still unpaid). */
  paid: boolean;
  paymentIntentId: string | null;
}

export interface ProviderRefund {
  id: string;
  status: "succeeded" | "pending" | "failed";
}

export interface PaymentProvider {
  name: "stripe" | "demo" | "transfer";
  createSession(request: SessionRequest, idempotencyKey: string): Promise<PaymentSession>;
  retrieveSession(sessionId: string): Promise<SessionState>;
  /** Ends an open session so it can no longer be paid; answers the state it ended in. */
  expireSession(sessionId: string): Promise<SessionState>;
  refund(input: {
    paymentIntentId: string | null;
    amountFen: number;
    idempotencyKey: string;
    metadata: Record<string, string>;
  }): Promise<ProviderRefund>;
}

/** A provider's failure, turned into a message the shopper can act on by the caller. */
export class PaymentProviderError extends Error {
  constructor(
    message: string,
    readonly providerCode?: string,
  ) {
    super(message);
  }
}
