// Checkout: turns what the shopper saw in the cart into an order, holding its stock (docs/DESIGN.md
// rules 2 and 3), then opens a payment session for it.
//   1. Everything is re-read from the database: a product that is gone, unlisted, re-priced or
//      short of stock is refused with the list of what changed, so the cart can show it.
//   2. One transaction creates the order and its lines and takes each line's quantity off the
//      stock with one guarded UPDATE (lib/stock/ledger.ts), in product id order so two orders
//      never wait on each other in a cycle. If any line falls short, nothing is kept.
//   3. The payment session is created after the commit (a network call must not hold row locks),
//      with an idempotency key derived from the order. If the provider fails, the stock is
//      released at once.
// A second submit of the same form (its checkoutKey) finds the first order instead of making
// another: the double click on Pay.
import { z } from "zod";
import { ActionError, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { organisationChannel } from "@/lib/organisations/channel";
import { checkoutOrganisation } from "@/lib/organisations/organisations";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env/env";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PaymentProvider } from "@/lib/payments/provider";
import { PaymentProviderError } from "@/lib/payments/provider";
import { mayPayByTransfer } from "@/lib/payments/transfer";
import { newTransferReference, transferDeadline } from "@/lib/payments/transfer-window";
import { holdStockForSale } from "@/lib/stock/ledger";
import { notifyLowStock } from "@/lib/notifications/events";
import { quoteOrderShipping } from "@/lib/shipping-fees/quote";
import { orderAccessToken } from "./access";
import { addressSchema, type Address } from "./address";
import { ADDRESS_FIELDS, ownAddress, saveFromCheckout } from "@/lib/addresses/addresses";
import { releaseReservation } from "./fulfilment";
import { assertUnpaidWithinCap, assertWithinOrderLimit } from "./limits";
import { newOrderNumber } from "./number";
import { isCertifiedAt, isOnSale, RESERVATION_MS } from "./sale";
import { appLog } from "@/lib/ops/log";

export const MAX_LINES = 50;
/** Stripe refuses a Checkout Session that expires sooner than 30 minutes after it is created. */
const MIN_SESSION_MS = 31 * 60 * 1000;
export const MAX_QUANTITY = 999;

export const checkoutItemSchema = z.object({
  productId: z.string().min(1).max(64),
  quantity: z.coerce.number().int().min(1).max(MAX_QUANTITY),
  /** The unit price the shopper was shown, in fen: only compared, never charged. */
  expectedPriceFen: z.coerce.number().int().positive(),
});

export const checkoutSchema = z
  .object({
    checkoutKey: z.string().regex(/^[A-Za-z0-9_-]{16,64}$/),
    email: z.string().trim().toLowerCase().email("emailInvalid").max(200).optional(),
    /**
     * The buyer organisation this order is bought for (its member chooses it at checkout); absent or
     * empty: a personal purchase (RETAIL). The channel is never the client's: see placeOrder.
     */
    organisationId: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.string().min(1).max(64).optional()),
    /** The address typed on the form; absent when a saved one is chosen (savedAddressId). */
    address: addressSchema.optional(),
    /** One of the signed-in buyer's saved addresses (lib/addresses); another user's id is "not found". */
    savedAddressId: z.preprocess((v) => (v === "" || v === null ? undefined : v), z.string().min(1).max(64).optional()),
    /** Keep the typed address in the buyer's address book too. */
    saveAddress: z.boolean().default(false),
    items: z.array(checkoutItemSchema).min(1, "cartEmpty").max(MAX_LINES),
    /** online: the configured provider (Stripe or the demo page); transfer: 对公转账 (lib/payments/transfer.ts). */
    paymentMethod: z.enum(["online", "transfer"]).default("online"),
  })
  .superRefine((v, ctx) => {
    if (!v.savedAddressId && !v.address) ctx.addIssue({ code: "custom", path: ["address"], message: "addressRequired" });
  });
export type CheckoutInput = z.input<typeof checkoutSchema>;

export interface CartProblem {
  productId: string;
  /** A key under `errors.` in messages/: productUnavailable, priceChanged, outOfStock. */
  code: "productUnavailable" | "priceChanged" | "outOfStock";
  values: Record<string, string | number>;
}

/** Checkout refused because the cart no longer matches the shelf; `problems` says line by line. */
export class CartChanged extends ActionError {
  constructor(readonly problems: CartProblem[]) {
    super("cartChanged", { count: problems.length });
  }
}

export interface PlacedOrder {
  orderId: string;
  number: string;
  /** Where to send the shopper now: the provider's payment page, or the order page. */
  next: string;
  /** The order page's token for guests. */
  accessToken: string;
  created: boolean;
  /** This order took the last unit of some product (the storefront's "in stock" changes). */
  soldOut?: boolean;
  /** The products of a just-created order (to take them out of the cart). */
  productIds?: string[];
}

interface Context {
  actor: Actor | null;
  provider: PaymentProvider;
  /** Absolute origin for the provider's return links, e.g. http://localhost:3000 */
  origin: string;
  locale: "zh-CN" | "en";
  now?: Date;
  /** Rule 8's cap on a buyer's unpaid orders (default: MAX_UNPAID_ORDERS). */
  maxUnpaidOrders?: number;
}

/** The address the order goes to: the buyer's own saved one, or the one typed on the form. */
async function deliveryAddress(db: Db, input: z.output<typeof checkoutSchema>, actor: Actor | null): Promise<Address> {
  if (input.savedAddressId) {
    if (!actor) throw notFound();
    const saved = await ownAddress(db, actor.userId, input.savedAddressId);
    return Object.fromEntries(Object.keys(ADDRESS_FIELDS).map((k) => [k, saved[k as keyof Address]])) as Address;
  }
  return input.address!;
}

const localePrefix = (locale: Context["locale"]) => (locale === "en" ? "/en" : "");

export async function placeOrder(db: Db, raw: CheckoutInput, ctx: Context): Promise<PlacedOrder> {
  const input = checkoutSchema.parse(raw);
  const now = ctx.now ?? new Date();
  const email = ctx.actor?.email ?? input.email;
  if (!email) throw new ActionError("emailRequired");
  // Bought for an organisation: the buyer must be its member (checked before anything is written).
  const organisation = input.organisationId ? await checkoutOrganisation(db, ctx.actor?.userId ?? null, input.organisationId) : null;
  const byTransfer = input.paymentMethod === "transfer";
  if (byTransfer !== (ctx.provider.name === "transfer")) throw new ActionError("invalidInput");
  if (byTransfer && !(await mayPayByTransfer(db, ctx.actor))) throw new ActionError("transferNotAllowed");

  // The order keeps its own copy of the address: editing the address book later never changes it.
  const address = await deliveryAddress(db, input, ctx.actor);

  const existing = await findByCheckoutKey(db, input.checkoutKey, ctx.actor, email);
  if (existing) return ensurePaymentSession(db, existing.id, ctx);

  // Merge repeated products (two rows of one product in a request) and fix the lock order.
  const wanted = new Map<string, { quantity: number; expectedPriceFen: number }>();
  for (const item of input.items) {
    const seen = wanted.get(item.productId);
    wanted.set(item.productId, { quantity: (seen?.quantity ?? 0) + item.quantity, expectedPriceFen: item.expectedPriceFen });
  }
  const ids = [...wanted.keys()].sort();
  const products = await db.product.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      nameZh: true,
      nameEn: true,
      priceFen: true,
      stock: true,
      listed: true,
      status: true,
      certifiedUntil: true,
      operatorId: true,
      maxPerOrder: true,
      coldChain: true,
      countyId: true,
    },
  });
  const byId = new Map(products.map((p) => [p.id, p]));
  const name = (p: { nameZh: string; nameEn: string }) => (ctx.locale === "en" ? p.nameEn : p.nameZh);

  const problems = ids
    .map((id) => cartProblem(id, byId.get(id) ?? null, { ...wanted.get(id)!, name }))
    .filter((p): p is CartProblem => p !== null);
  if (problems.length) throw new CartChanged(problems);
  assertWithinOrderLimit(
    ids.map((id) => ({ quantity: wanted.get(id)!.quantity, product: byId.get(id)! })),
    ctx.locale,
  );

  const lines = ids.map((id) => {
    const product = byId.get(id)!;
    const quantity = wanted.get(id)!.quantity;
    return {
      productId: id,
      operatorId: product.operatorId,
      quantity,
      unitPriceFen: product.priceFen,
      netFen: product.priceFen * quantity,
      certifiedAtSale: isCertifiedAt(product, now),
    };
  });
  // Each seller's shipping line (lib/shipping-fees); a province a seller does not serve is refused
  // here, before anything is held.
  const shipping = await quoteOrderShipping(
    db,
    lines.map((l) => ({ operatorId: l.operatorId, netFen: l.netFen, coldChain: byId.get(l.productId)!.coldChain })),
    address.province,
    ctx.locale,
  );
  const totalFen = lines.reduce((sum, line) => sum + line.netFen, 0) + shipping.totalFen;
  // The channel comes from the organisation, never from the form (docs/DESIGN.md#rule-10).
  const channel = organisation
    ? organisationChannel(
        organisation.kind,
        organisation.pairedCountyIds,
        ids.map((id) => byId.get(id)!.countyId),
      )
    : "RETAIL";
  if (!Number.isSafeInteger(totalFen) || totalFen > 99_999_999) throw new ActionError("orderTooLarge");

  let order: { id: string; number: string } | undefined;
  let soldOut = false;
  // A clash of order numbers (random, so rare, but a livestream makes many) is tried again.
  for (let attempt = 1; !order; attempt++) {
    try {
      const number = newOrderNumber(now);
      order = await db.$transaction(
        async (tx) => {
          // The order first, the stock last: the stock updates lock the product rows until the
          // commit, so the less that runs after them, the more orders a hot product takes per second.
          // (Inserting the lines only takes key-share locks on the products, which never block them.)
          const buyer = { userId: ctx.actor?.userId ?? null, email, mobile: address.mobile, district: address.district };
          await assertUnpaidWithinCap(tx, buyer, ctx.maxUnpaidOrders ?? env().MAX_UNPAID_ORDERS, now);
          const created = await tx.order.create({
            data: {
              number,
              userId: ctx.actor?.userId ?? null,
              email,
              channel,
              organisationId: organisation?.id ?? null,
              totalFen,
              shippingFen: shipping.totalFen,
              checkoutKey: input.checkoutKey,
              ...address,
              paymentProvider: ctx.provider.name,
              // A bank transfer takes days: its stock is held to the end of the third working day.
              reservedUntil: byTransfer ? transferDeadline(now) : new Date(now.getTime() + RESERVATION_MS),
              transferReference: byTransfer ? newTransferReference() : null,
              createdAt: now,
              lines: { createMany: { data: lines } },
              shipping: { createMany: { data: shipping.lines } },
            },
            select: { id: true, number: true },
          });
          if (ctx.actor && input.saveAddress && !input.savedAddressId) await saveFromCheckout(tx, ctx.actor.userId, address);
          for (const line of lines) {
            const left = await holdStockForSale(tx, {
              productId: line.productId,
              quantity: line.quantity,
              priceFen: line.unitPriceFen,
              note: number,
              userId: ctx.actor?.userId ?? null,
            });
            if (left === null) {
              // Changed between reading and holding it: say how, from the row as it is now.
              const now = await tx.product.findUnique({
                where: { id: line.productId },
                select: { nameZh: true, nameEn: true, priceFen: true, stock: true, listed: true },
              });
              const want = { quantity: line.quantity, expectedPriceFen: line.unitPriceFen, name };
              throw new CartChanged([
                cartProblem(line.productId, now, want) ?? {
                  productId: line.productId,
                  code: "outOfStock",
                  values: { name: name(byId.get(line.productId)!), stock: 0, quantity: line.quantity },
                },
              ]);
            }
            if (left === 0) soldOut = true;
            // Below the threshold with this sale: the operator's managers are told (once per crossing).
            await notifyLowStock(tx, {
              productId: line.productId,
              before: left + line.quantity,
              after: left,
              threshold: env().LOW_STOCK_THRESHOLD,
              crossingId: created.id,
            });
          }
          return created;
        },
        // A hot product makes buyers queue for its row: better a few seconds' wait than an error.
        { maxWait: 20_000, timeout: 20_000 },
      );
    } catch (error) {
      // The same form submitted twice at once: the other request created the order.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        const other = await findByCheckoutKey(db, input.checkoutKey, ctx.actor, email);
        if (other) return ensurePaymentSession(db, other.id, ctx);
        if (attempt < 3) continue; // not this form's order: the number (or transfer reference) was taken
      }
      throw error;
    }
  }
  return { ...(await ensurePaymentSession(db, order.id, ctx)), created: true, soldOut, productIds: ids };
}

/**
 * What stops this line being bought as the shopper saw it, or null: gone or unlisted, re-priced,
 * or short of stock. Used before holding stock and, should the guarded update take nothing, after.
 */
function cartProblem(
  productId: string,
  product: { nameZh: string; nameEn: string; priceFen: number; stock: number; listed: boolean } | null,
  want: { quantity: number; expectedPriceFen: number; name: (p: { nameZh: string; nameEn: string }) => string },
): CartProblem | null {
  if (!product || !isOnSale(product)) {
    return { productId, code: "productUnavailable", values: { name: product ? want.name(product) : productId } };
  }
  if (product.priceFen !== want.expectedPriceFen) {
    return {
      productId,
      code: "priceChanged",
      values: { name: want.name(product), before: want.expectedPriceFen, after: product.priceFen },
    };
  }
  if (product.stock < want.quantity) {
    return { productId, code: "outOfStock", values: { name: want.name(product), stock: product.stock, quantity: want.quantity } };
  }
  return null;
}

async function findByCheckoutKey(db: Db, checkoutKey: string, actor: Actor | null, email: string) {
  const order = await db.order.findUnique({ where: { checkoutKey }, select: { id: true, userId: true, email: true } });
  if (!order) return null;
  // A key is a random secret of one form; still, never hand one person's order to another.
  const same = actor ? order.userId === actor.userId : order.userId === null && order.email === email;
  if (!same) throw new ActionError("invalidInput");
  return order;
}

/**
 * Opens (or finds again) the payment session of a pending order and says where the shopper goes
 * next. Safe to call any number of times: the provider call carries the same idempotency key,
 * and an order that is no longer pending just leads to its page.
 */
export async function ensurePaymentSession(db: Db, orderId: string, ctx: Omit<Context, "actor">): Promise<PlacedOrder> {
  const order = await db.order.findUniqueOrThrow({
    where: { id: orderId },
    select: {
      id: true,
      number: true,
      email: true,
      status: true,
      reservedUntil: true,
      paymentUrl: true,
      paymentProvider: true,
      lines: {
        select: { quantity: true, unitPriceFen: true, product: { select: { nameZh: true, nameEn: true, specZh: true, specEn: true } } },
        orderBy: { id: "asc" },
      },
      shipping: { select: { feeFen: true, operator: { select: { nameZh: true, nameEn: true } } }, orderBy: { operatorId: "asc" } },
    },
  });
  const accessToken = orderAccessToken(order.id);
  const prefix = localePrefix(ctx.locale);
  const orderPage = `${prefix}/orders/${order.number}?t=${accessToken}`;
  const result = { orderId: order.id, number: order.number, accessToken, created: false };
  if (order.status !== "PENDING_PAYMENT" || order.reservedUntil.getTime() <= (ctx.now ?? new Date()).getTime()) {
    return { ...result, next: orderPage };
  }
  if (order.paymentUrl) return { ...result, next: order.paymentUrl };
  if (order.paymentProvider !== ctx.provider.name) throw new ActionError("paymentUnavailable");

  try {
    const session = await ctx.provider.createSession(
      {
        orderId: order.id,
        orderNumber: order.number,
        email: order.email,
        locale: ctx.locale,
        lines: order.lines
          .map((l) => ({
            name: ctx.locale === "en" ? `${l.product.nameEn} (${l.product.specEn})` : `${l.product.nameZh}（${l.product.specZh}）`,
            unitPriceFen: l.unitPriceFen,
            quantity: l.quantity,
          }))
          .concat(
            // Each seller's shipping as its own line (none when free).
            order.shipping
              .filter((s) => s.feeFen > 0)
              .map((s) => ({
                name: ctx.locale === "en" ? `Shipping · ${s.operator.nameEn}` : `运费 · ${s.operator.nameZh}`,
                unitPriceFen: s.feeFen,
                quantity: 1,
              })),
          ),
        successUrl: `${ctx.origin}${orderPage}&session_id={CHECKOUT_SESSION_ID}`,
        cancelUrl: `${ctx.origin}${orderPage}&cancelled=1`,
        // A livestream order's window is shorter than the 30 minutes a Stripe session must live:
        // the session outlives it, and the sweeper expires it explicitly before releasing the units.
        expiresAt: new Date(Math.max(order.reservedUntil.getTime(), (ctx.now ?? new Date()).getTime() + MIN_SESSION_MS)),
      },
      `checkout-session:${order.id}`,
    );
    await db.order.updateMany({
      where: { id: order.id, status: "PENDING_PAYMENT" },
      data: { paymentSessionId: session.id, paymentUrl: session.url },
    });
    return { ...result, next: session.url };
  } catch (error) {
    // A rate limit is the provider's "not now": the order keeps its units; the shopper's retry (the
    // same checkout key) or the payment queue asks again.
    if (error instanceof PaymentProviderError && error.providerCode === "rate_limit") throw new ActionError("paymentBusy");
    if (error instanceof PaymentProviderError) {
      appLog().error({ orderNumber: order.number, err: error }, "payment session refused; the reservation is released");
      await releaseReservation(db, { orderId: order.id, reason: "PAYMENT_UNAVAILABLE" });
      throw new ActionError("paymentUnavailable");
    }
    throw error;
  }
}
