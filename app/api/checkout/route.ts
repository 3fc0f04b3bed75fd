// POST /api/checkout (JSON): places an order from what the checkout form shows and answers where
// the shopper goes next (the payment page). The form posts here with fetch; the checkout
// benchmark (scripts/bench-checkout.mjs) does too. Answers:
//   200 { ok: true, next, number }
//   400 { ok: false, error, fieldErrors? }          bad input (keys under `errors.` / `checkout.errors.`)
//   409 { ok: false, error: "cartChanged", problems } prices, stock or availability changed
//   403 cross-site request; 413 a body over 8 KB (refused before it is read); 503 { error: "paymentUnavailable" or "busy",
//   or "serviceBusy" when the database cannot be reached } with Retry-After
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { ActionError } from "@/lib/errors";
import { fieldErrorsOf } from "@/lib/actions/define";
import type { Actor } from "@/lib/auth/actor";
import { callerCartId, removeOrderedFromCart, syncCartCount } from "@/lib/cart/session.server";
import { catalogChanged } from "@/lib/catalog/revalidate.server";
import { isPoolTimeout } from "@/lib/db/errors";
import { CartChanged } from "@/lib/orders/checkout";
import { placeOrderNow } from "@/lib/orders/orders.server";
import { currentPaymentProvider } from "@/lib/payments/registry.server";
import { transferProvider } from "@/lib/payments/transfer";
import { env } from "@/lib/env/env";
import { defineRoute } from "@/lib/http/route.server";
import { isDatabaseUnavailable, serviceBusy } from "@/lib/http/outage";
import { requestLog } from "@/lib/ops/log.server";

const envelope = z.object({ locale: z.enum(["zh-CN", "en"]).default("zh-CN"), order: z.unknown() });

/** The site's own origin, for the payment provider's return links. */
function originOf(request: Request): string {
  const publicUrl = env().NEXTAUTH_URL;
  return publicUrl ? new URL(publicUrl).origin : new URL(request.url).origin;
}

/** A foreign Origin is refused before the body is read (a JSON body needs a preflight anyway; this also covers text/plain posts). */
function crossSite(request: Request): boolean {
  const origin = request.headers.get("origin");
  return Boolean(origin && origin !== new URL(request.url).origin && origin !== originOf(request));
}

const placeOrderRoute = defineRoute({
  name: "checkout.place",
  allow: "anyone",
  body: envelope,
  maxBodyBytes: 8 * 1024,
  handle: async ({ actor, request }, { body: parsed }) => placeAndAnswer(actor, request, parsed),
});

export function POST(request: NextRequest, context?: { params: Promise<Record<string, string | string[]>> }) {
  if (crossSite(request)) return NextResponse.json({ ok: false, error: "forbidden" }, { status: 403 });
  return placeOrderRoute(request, context);
}

async function placeAndAnswer(actor: Actor | null, request: Request, parsed: z.output<typeof envelope>) {
  try {
    // 对公转账 is chosen on the form (lib/payments/transfer.ts; placeOrder checks who may); otherwise the configured provider.
    const byTransfer = (parsed.order as { paymentMethod?: unknown } | null)?.paymentMethod === "transfer";
    const provider = byTransfer ? transferProvider : currentPaymentProvider();
    const placed = await placeOrderNow(parsed.order as never, {
      actor,
      provider,
      origin: originOf(request),
      locale: parsed.locale,
    });
    // Cached pages show stock, but re-rendering the catalogue after every order of a livestream
    // would undo its cache: only a product selling out changes what the storefront must say.
    if (placed.soldOut) catalogChanged();
    const cartId = await callerCartId(actor, { create: false, mayWriteCookies: true });
    if (cartId && placed.productIds) {
      await removeOrderedFromCart(cartId, placed.productIds);
      await syncCartCount(cartId);
    }
    return NextResponse.json({ ok: true, next: placed.next, number: placed.number });
  } catch (error) {
    if (error instanceof z.ZodError)
      return NextResponse.json({ ok: false, error: "invalidInput", fieldErrors: fieldErrorsOf(error) }, { status: 400 });
    if (error instanceof CartChanged)
      return NextResponse.json({ ok: false, error: error.code, values: error.values, problems: error.problems }, { status: 409 });
    if (error instanceof ActionError) {
      const status = error.code === "paymentUnavailable" ? 503 : 400;
      return NextResponse.json({ ok: false, error: error.code, values: error.values }, { status });
    }
    if (isPoolTimeout(error)) {
      // Could not get a database connection in time: too many buyers at once. Nothing was held.
      return NextResponse.json({ ok: false, error: "busy" }, { status: 503, headers: { "retry-after": "2" } });
    }
    if (isDatabaseUnavailable(error)) return serviceBusy();
    (await requestLog()).error({ err: error }, "checkout failed");
    return NextResponse.json({ ok: false, error: "unexpected" }, { status: 500 });
  }
}
