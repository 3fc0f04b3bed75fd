// POST /api/stripe/webhook: Stripe's events about Checkout Sessions and refunds. The raw body is
// verified against STRIPE_WEBHOOK_SECRET (stripe.webhooks.constructEvent); a bad signature is a
// 400 and changes nothing. Events we do not act on get a 200 so Stripe stops sending them; a
// failure while acting is a 500, so Stripe delivers the event again (which is safe: see
// lib/payments/stripe-events.ts).
import { NextResponse, type NextRequest } from "next/server";
import Stripe from "stripe";
import { catalogChanged } from "@/lib/catalog/revalidate.server";
import { paymentConfig } from "@/lib/payments/config";
import { applyStripeEvent } from "@/lib/payments/webhook.server";
import { BODY_LIMITS, BodyTooLarge, readLimitedText, tooLarge } from "@/lib/http/body";
import { log } from "@/lib/ops/log.server";

export async function POST(request: NextRequest) {
  const config = paymentConfig();
  if (config.provider !== "stripe" || !config.webhookSecret) {
    return NextResponse.json(
      { error: "Stripe webhooks are not configured (STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET)" },
      { status: 404 },
    );
  }
  const signature = request.headers.get("stripe-signature");
  if (!signature) return NextResponse.json({ error: "missing Stripe-Signature header" }, { status: 400 });
  let body: string;
  try {
    body = await readLimitedText(request, BODY_LIMITS.stripeWebhook);
  } catch (error) {
    if (error instanceof BodyTooLarge) return tooLarge(error.limit);
    throw error;
  }
  let event: Stripe.Event;
  try {
    event = Stripe.webhooks.constructEvent(body, signature, config.webhookSecret);
  } catch (error) {
    return NextResponse.json(
      { error: `signature verification failed: ${error instanceof Error ? error.message : error}` },
      { status: 400 },
    );
  }
  try {
    const outcome = await applyStripeEvent(event);
    // Stock shown on the storefront comes back with releases and restocks (payments leave it as checkout left it).
    if (
      outcome.result === "applied" &&
      event.type !== "checkout.session.completed" &&
      event.type !== "checkout.session.async_payment_succeeded"
    ) {
      catalogChanged();
    }
    return NextResponse.json({ received: true, result: outcome.result });
  } catch (error) {
    log.error({ eventType: event.type, eventId: event.id, err: error }, "stripe webhook failed; Stripe will retry");
    return NextResponse.json({ error: "could not process the event; Stripe will retry" }, { status: 500 });
  }
}
