// The cart of whoever is calling: the signed-in user's, else the guest's from its cookie. A guest
// cart found while signed in is merged into the account's (sign-in keeps what was picked).
import "server-only";
import { cookies } from "next/headers";
import type { Actor } from "@/lib/auth/actor";
import { db, withDb } from "@/lib/db/db.server";
import {
  CART_COOKIE,
  CART_COUNT_COOKIE,
  cartUnits,
  cartView,
  createCart,
  findCartId,
  mergeGuestCart,
  newCartToken,
  removeOrdered,
} from "./cart";
import { env } from "@/lib/env/env";

const THIRTY_DAYS = 30 * 24 * 3600;

/**
 * The caller's cart id. `create`: make one if there is none (and, for a guest, set its cookie:
 * only allowed in actions and route handlers). In a page, merging may happen, cookies stay.
 */
export async function callerCartId(actor: Actor | null, options: { create: boolean; mayWriteCookies: boolean }): Promise<string | null> {
  const jar = await cookies();
  const token = jar.get(CART_COOKIE)?.value ?? null;
  if (actor) {
    if (token) {
      await mergeGuestCart(db, token, actor.userId);
      if (options.mayWriteCookies) jar.delete(CART_COOKIE);
    }
    return options.create ? createCart(db, { userId: actor.userId, token: null }) : findCartId(db, { userId: actor.userId, token: null });
  }
  const found = token ? await findCartId(db, { userId: null, token }) : null;
  if (found || !options.create) return found;
  const fresh = newCartToken();
  jar.set(CART_COOKIE, fresh, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: THIRTY_DAYS,
    secure: env().NODE_ENV === "production" && env().NEXTAUTH_URL?.startsWith("https:"),
  });
  return createCart(db, { userId: null, token: fresh });
}

/** Keeps the header's badge right after a change (actions and route handlers only). */
export async function syncCartCount(cartId: string | null): Promise<number> {
  const units = await cartUnits(db, cartId);
  (await cookies()).set(CART_COUNT_COOKIE, String(units), { sameSite: "lax", path: "/", maxAge: THIRTY_DAYS });
  return units;
}

/** The caller's cart as the cart and checkout pages show it (in a page: no cookie is written). */
export async function callerCartView(actor: Actor | null) {
  return cartView(db, await callerCartId(actor, { create: false, mayWriteCookies: false }));
}

/** Takes the products just ordered out of the cart. */
export const removeOrderedFromCart = withDb(removeOrdered);
