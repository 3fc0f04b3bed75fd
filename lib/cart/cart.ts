// The shopping cart, kept in the database so it survives reloads, devices and signing in: a
// guest's cart is found by the token in its cookie (only the hash is stored), a signed-in
// shopper's by the user. Signing in merges the guest's cart into the account's.
// Prices here are only what the shopper saw: checkout (lib/orders/checkout.ts) charges the
// price in the database and refuses if it changed.
import { createHash, randomBytes } from "node:crypto";
import { ActionError } from "@/lib/errors";
import type { Db } from "@/lib/db/client";
import { MAX_LINES, MAX_QUANTITY } from "@/lib/orders/checkout";
import { isOnSale } from "@/lib/orders/sale";

export const CART_COOKIE = "xk_cart";
/** Readable by the page's script: the number of units, for the header's badge. */
export const CART_COUNT_COOKIE = "xk_cart_n";

export const newCartToken = () => randomBytes(24).toString("base64url");
export const hashCartToken = (token: string) => createHash("sha256").update(token).digest("hex");

export interface CartOwner {
  userId: string | null;
  token: string | null;
}

/** The owner's cart id, or null. A guest token that matches nothing is simply no cart. */
export async function findCartId(db: Db, owner: CartOwner): Promise<string | null> {
  if (owner.userId) return (await db.cart.findUnique({ where: { userId: owner.userId }, select: { id: true } }))?.id ?? null;
  if (owner.token)
    return (await db.cart.findUnique({ where: { tokenHash: hashCartToken(owner.token) }, select: { id: true } }))?.id ?? null;
  return null;
}

export async function createCart(db: Db, owner: CartOwner): Promise<string> {
  if (owner.userId) {
    const cart = await db.cart.upsert({
      where: { userId: owner.userId },
      create: { userId: owner.userId },
      update: {},
      select: { id: true },
    });
    return cart.id;
  }
  if (!owner.token) throw new Error("a guest cart needs a token");
  const tokenHash = hashCartToken(owner.token);
  return (await db.cart.upsert({ where: { tokenHash }, create: { tokenHash }, update: {}, select: { id: true } })).id;
}

/** Moves a guest cart's items into the user's cart (quantities added) and deletes the guest cart. */
export async function mergeGuestCart(db: Db, guestToken: string, userId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const guest = await tx.cart.findUnique({ where: { tokenHash: hashCartToken(guestToken) }, include: { items: true } });
    if (!guest) return;
    const user = await tx.cart.upsert({ where: { userId }, create: { userId }, update: {}, select: { id: true } });
    for (const item of guest.items) {
      const existing = await tx.cartItem.findUnique({ where: { cartId_productId: { cartId: user.id, productId: item.productId } } });
      if (existing) {
        await tx.cartItem.update({
          where: { id: existing.id },
          data: { quantity: Math.min(MAX_QUANTITY, existing.quantity + item.quantity) },
        });
      } else {
        await tx.cartItem.create({
          data: { cartId: user.id, productId: item.productId, quantity: item.quantity, seenPriceFen: item.seenPriceFen },
        });
      }
    }
    await tx.cart.delete({ where: { id: guest.id } });
  });
}

async function buyable(db: Db, productId: string) {
  const product = await db.product.findUnique({
    where: { id: productId },
    select: { id: true, nameZh: true, priceFen: true, stock: true, listed: true },
  });
  if (!product || !isOnSale(product)) throw new ActionError("productUnavailable", { name: product?.nameZh ?? "" });
  return product;
}

/** Adds units of a product; the price the shopper sees now is remembered with the line. */
export async function addItem(db: Db, cartId: string, productId: string, quantity: number): Promise<void> {
  const product = await buyable(db, productId);
  const existing = await db.cartItem.findUnique({ where: { cartId_productId: { cartId, productId } } });
  const wanted = (existing?.quantity ?? 0) + quantity;
  if (product.stock <= 0) throw new ActionError("soldOut");
  if (wanted > product.stock) throw new ActionError("notEnoughStock", { stock: product.stock });
  if (wanted > MAX_QUANTITY) throw new ActionError("quantityTooLarge", { max: MAX_QUANTITY });
  if (!existing && (await db.cartItem.count({ where: { cartId } })) >= MAX_LINES) throw new ActionError("cartFull", { max: MAX_LINES });
  await db.cartItem.upsert({
    where: { cartId_productId: { cartId, productId } },
    create: { cartId, productId, quantity, seenPriceFen: product.priceFen },
    update: { quantity: wanted, seenPriceFen: product.priceFen },
  });
}

/** Sets a line's quantity (0 removes it). More than the stock is refused with the stock figure. */
export async function setItemQuantity(db: Db, cartId: string, productId: string, quantity: number): Promise<void> {
  if (quantity === 0) return removeItem(db, cartId, productId);
  const product = await db.product.findUnique({ where: { id: productId }, select: { stock: true, priceFen: true } });
  if (!product) return removeItem(db, cartId, productId);
  if (quantity > product.stock) throw new ActionError("notEnoughStock", { stock: product.stock });
  // Seeing the cart shows the current price, so a changed quantity also accepts the price shown.
  await db.cartItem.updateMany({ where: { cartId, productId }, data: { quantity, seenPriceFen: product.priceFen } });
}

export async function removeItem(db: Db, cartId: string, productId: string): Promise<void> {
  await db.cartItem.deleteMany({ where: { cartId, productId } });
}

/** After an order: take its products out of the cart. */
export async function removeOrdered(db: Db, cartId: string, productIds: string[]): Promise<void> {
  await db.cartItem.deleteMany({ where: { cartId, productId: { in: productIds } } });
}

/** Units in the cart (of products still for sale), for the header's badge. */
export async function cartUnits(db: Db, cartId: string | null): Promise<number> {
  if (!cartId) return 0;
  const sum = await db.cartItem.aggregate({
    where: { cartId, product: { listed: true, stock: { gt: 0 } } },
    _sum: { quantity: true },
  });
  return sum._sum.quantity ?? 0;
}

export interface CartLine {
  productId: string;
  slug: string;
  nameZh: string;
  nameEn: string;
  specZh: string;
  specEn: string;
  unitZh: string;
  unitEn: string;
  imageUrl: string | null;
  quantity: number;
  priceFen: number;
  seenPriceFen: number;
  stock: number;
  available: boolean;
  certified: boolean;
}

export interface CartGroup {
  operator: { id: string; slug: string; nameZh: string; nameEn: string };
  lines: CartLine[];
}

export interface CartView {
  groups: CartGroup[];
  units: number;
  /** At today's prices, of the lines that can be bought. */
  totalFen: number;
  /** Some line changed since it was put in: price, stock or availability. */
  changed: boolean;
}

export async function cartView(db: Db, cartId: string | null): Promise<CartView> {
  const items = cartId
    ? await db.cartItem.findMany({
        where: { cartId },
        orderBy: { addedAt: "asc" },
        select: {
          quantity: true,
          seenPriceFen: true,
          product: {
            select: {
              id: true,
              slug: true,
              nameZh: true,
              nameEn: true,
              specZh: true,
              specEn: true,
              unitZh: true,
              unitEn: true,
              priceFen: true,
              stock: true,
              listed: true,
              status: true,
              images: { orderBy: { position: "asc" }, take: 1, select: { url: true } },
              operator: { select: { id: true, slug: true, nameZh: true, nameEn: true } },
            },
          },
        },
      })
    : [];
  const groups = new Map<string, CartGroup>();
  let units = 0;
  let totalFen = 0;
  let changed = false;
  for (const item of items) {
    const p = item.product;
    const available = isOnSale(p) && p.stock > 0;
    const line: CartLine = {
      productId: p.id,
      slug: p.slug,
      nameZh: p.nameZh,
      nameEn: p.nameEn,
      specZh: p.specZh,
      specEn: p.specEn,
      unitZh: p.unitZh,
      unitEn: p.unitEn,
      imageUrl: p.images[0]?.url ?? null,
      quantity: item.quantity,
      priceFen: p.priceFen,
      seenPriceFen: item.seenPriceFen,
      stock: p.stock,
      available,
      certified: p.status === "CERTIFIED",
    };
    if (!available || p.priceFen !== item.seenPriceFen || item.quantity > p.stock) changed = true;
    if (available) {
      units += item.quantity;
      totalFen += p.priceFen * Math.min(item.quantity, p.stock);
    }
    const group = groups.get(p.operator.id) ?? { operator: p.operator, lines: [] };
    group.lines.push(line);
    groups.set(p.operator.id, group);
  }
  return { groups: [...groups.values()], units, totalFen, changed };
}
