"use server";
// The cart's server actions: anyone may use them, on their own cart only (there is no cart id to pass).
import { z } from "zod";
import { defineAction } from "@/lib/actions/define.server";
import { db } from "@/lib/db/db.server";
import { MAX_QUANTITY } from "@/lib/orders/checkout";
import { addItem, removeItem, setItemQuantity } from "./cart";
import { callerCartId, syncCartCount } from "./session.server";

const productId = z.string().min(1).max(64);

export const addToCart = defineAction({
  name: "cart.add",
  input: z.object({
    productId,
    quantity: z.coerce
      .number()
      .int("cartQuantityInvalid")
      .min(1, "cartQuantityInvalid")
      .max(MAX_QUANTITY, "cartQuantityInvalid")
      .default(1),
  }),
  allow: "anyone",
  run: async ({ actor }, input) => {
    const cartId = (await callerCartId(actor, { create: true, mayWriteCookies: true }))!;
    await addItem(db, cartId, input.productId, input.quantity);
    return { units: await syncCartCount(cartId) };
  },
});

export const setCartQuantity = defineAction({
  name: "cart.setQuantity",
  input: z.object({
    productId,
    quantity: z.coerce.number().int("cartQuantityInvalid").min(0, "cartQuantityInvalid").max(MAX_QUANTITY, "cartQuantityInvalid"),
  }),
  allow: "anyone",
  run: async ({ actor }, input) => {
    const cartId = await callerCartId(actor, { create: false, mayWriteCookies: true });
    if (cartId) await setItemQuantity(db, cartId, input.productId, input.quantity);
    return { units: await syncCartCount(cartId) };
  },
});

export const removeFromCart = defineAction({
  name: "cart.remove",
  input: z.object({ productId }),
  allow: "anyone",
  run: async ({ actor }, input) => {
    const cartId = await callerCartId(actor, { create: false, mayWriteCookies: true });
    if (cartId) await removeItem(db, cartId, input.productId);
    return { units: await syncCartCount(cartId) };
  },
});
