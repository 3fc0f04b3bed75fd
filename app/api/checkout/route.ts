// POST /api/checkout (JSON): places an order from what the checkout form shows and answers where
// the shopper goes next (the payment page). The form posts here with fetch; the checkout
// benchmark (scripts/bench-checkout.mjs) does too. Answers:
//   200 { ok: true, next, number }
//   400 { ok: false, error, fieldErrors? }          bad input (keys under `errors.` / `checkout.errors.`)
//   409 { ok: false, error: "cartChanged", problems } prices, stock or availability changed
//   403 cross-site request; 503 { error: "paymentUnavailable" or "busy" }
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { ActionError } from "@/lib/errors";
import { getActor } from "@/lib/auth/session.server";
import { removeOrdered } from "@/lib/cart/cart";
import { callerCartId, syncCartCount } from "@/lib/cart/session.server";
import { catalogChanged } from "@/lib/catalog/revalidate.server";
import { db } from "@/lib/db/db.server";
import { Prisma } from "@/lib/db/client";
import { CartChanged, placeOrder } from "@/lib/orders/checkout";
import { currentPaymentProvider } from "@/lib/payments/registry.server";

const envelope = z.object({ locale: z.enum(["zh-CN", "en"]).default("zh-CN"), order: z.unknown() });

function fieldErrorsOf(error: z.ZodError) {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) (out[issue.path.join(".") || "_"] ??= []).push(issue.message);
  return out;
}

/** The site's own origin, for the payment provider's return links. */
function originOf(request: NextRequest): string {
  return process.env.NEXTAUTH_URL ? new URL(process.env.NEXTAUTH_URL).origin : request.nextUrl.origin;
}

export async function POST(request: NextRequest) {
  // A JSON body already needs a CORS preflight from other sites; refusing a foreign Origin outright
  // also covers a form post dressed as text/plain.
  const origin = request.headers.get("origin");
  if (origin && origin !== request.nextUrl.origin && origin !== originOf(request)) {
    return NextResponse.json({ ok: false, error: "forbidden" }, { status: 403 });
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return NextResponse.json({ ok: false, error: "invalidInput" }, { status: 400 });
  }
  const parsed = envelope.safeParse(body);
  if (!parsed.success) return NextResponse.json({ ok: false, error: "invalidInput" }, { status: 400 });

  const actor = await getActor();
  try {
    const provider = currentPaymentProvider();
    const placed = await placeOrder(db, parsed.data.order as never, {
      actor,
      provider,
      origin: originOf(request),
      locale: parsed.data.locale,
    });
    // Cached pages show stock, but re-rendering the catalogue after every order of a livestream
    // would undo its cache: only a product selling out changes what the storefront must say.
    if (placed.soldOut) catalogChanged();
    const cartId = await callerCartId(actor, { create: false, mayWriteCookies: true });
    if (cartId && placed.productIds) {
      await removeOrdered(db, cartId, placed.productIds);
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
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2028") {
      // Could not get a database connection in time: too many buyers at once. Nothing was held.
      return NextResponse.json({ ok: false, error: "busy" }, { status: 503, headers: { "retry-after": "2" } });
    }
    console.error("[checkout] failed:", error);
    return NextResponse.json({ ok: false, error: "unexpected" }, { status: 500 });
  }
}
