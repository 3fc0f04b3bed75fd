"use server";
// After-sales (售后) actions. The shopper's (open, take an offer, escalate) are allowed to whoever may
// open the order page: its owner, an admin, or a guest holding the order's link. The seller's
// (accept, propose, refuse) to managers of the request's operator and admins; the platform's
// decision to admins. Everyone else gets notFound(), exactly like an id that does not exist.
import { defineAction } from "@/lib/actions/define.server";
import type { Actor } from "@/lib/auth/actor";
import { canManageOperator } from "@/lib/auth/actor";
import { statsChanged } from "@/lib/catalog/revalidate.server";
import { db } from "@/lib/db/db.server";
import { env } from "@/lib/env/env";
import { ActionError, notFound } from "@/lib/errors";
import { isOrderAccessToken } from "@/lib/orders/access";
import { providerFor } from "@/lib/payments/registry.server";
import { checkPhoto } from "@/lib/products/photos";
import { fileUrl, getFileStore, randomName } from "@/lib/storage/store.server";
import { escalateAfterSale, openAfterSale, proposeAfterSale, refundAfterSale, refuseAfterSale, rejectAfterSale } from "./requests";
import { buyerRequestInput, decideInput, openAfterSaleInput, proposeInput, refuseInput, requestInput } from "./schemas";

/** The order the caller may act on as its buyer, or notFound(). */
async function buyerOrder(actor: Actor | null, number: string, token: string) {
  const order = await db.order.findUnique({ where: { number }, select: { id: true, userId: true, paymentProvider: true } });
  if (!order) throw notFound();
  const owner = actor !== null && (order.userId === actor.userId || actor.role === "ADMIN");
  if (!owner && !isOrderAccessToken(order.id, token)) throw notFound();
  return order;
}

async function providerOfRequest(requestId: string) {
  const row = await db.afterSaleRequest.findUnique({ where: { id: requestId }, select: { order: { select: { paymentProvider: true } } } });
  if (!row) throw notFound();
  return providerFor(row.order.paymentProvider);
}

export const openAfterSaleAction = defineAction({
  name: "afterSale.open",
  input: openAfterSaleInput,
  allow: "anyone",
  run: async ({ actor }, input) => {
    const order = await buyerOrder(actor, input.number, input.token);
    // Every photo is checked by its bytes before any is stored: one bad file and none is kept.
    const checked = [];
    for (const file of input.photos) {
      const name = ((file as File).name || "").slice(0, 60);
      const bytes = Buffer.from(await file.arrayBuffer());
      const check = checkPhoto(bytes);
      if (!check.ok) throw new ActionError(check.error, { name, maxMb: 5 });
      checked.push({ bytes, type: check.type });
    }
    const store = getFileStore();
    const keys: string[] = [];
    try {
      for (const photo of checked) {
        const key = `aftersales/${order.id}/${randomName()}.${photo.type.ext}`;
        await store.put(key, photo.bytes, photo.type.contentType);
        keys.push(key);
      }
      const [kind, targetId] = input.target.split(":") as ["line" | "part", string];
      return await openAfterSale(
        db,
        {
          orderId: order.id,
          orderLineId: kind === "line" ? targetId : null,
          operatorId: kind === "part" ? targetId : null,
          reason: input.reason,
          detail: input.detail,
          askedFen: input.amount,
          returnGoods: input.returnGoods,
          photos: keys.map(fileUrl),
        },
        { userId: actor?.userId ?? null },
        env().AFTER_SALE_ANSWER_HOURS,
      );
    } catch (error) {
      await Promise.all(keys.map((key) => store.delete(key).catch(() => undefined)));
      throw error;
    }
  },
});

export const acceptAfterSaleOfferAction = defineAction({
  name: "afterSale.acceptOffer",
  input: buyerRequestInput,
  allow: "anyone",
  run: async ({ actor }, input) => {
    const order = await buyerOrder(actor, input.number, input.token);
    const result = await refundAfterSale(
      db,
      providerFor(order.paymentProvider),
      { actor, userId: actor?.userId ?? null, mayAct: (r) => r.orderId === order.id },
      { requestId: input.requestId, step: "acceptOffer" },
    );
    statsChanged();
    return result;
  },
});

export const escalateAfterSaleAction = defineAction({
  name: "afterSale.escalate",
  input: buyerRequestInput,
  allow: "anyone",
  run: async ({ actor }, input) => {
    const order = await buyerOrder(actor, input.number, input.token);
    return escalateAfterSale(db, { userId: actor?.userId ?? null, orderId: order.id }, { requestId: input.requestId });
  },
});

const MANAGERS = ["MANAGER", "ADMIN"] as const;

export const acceptAfterSaleAction = defineAction({
  name: "afterSale.accept",
  input: requestInput,
  allow: MANAGERS,
  run: async ({ actor }, input) => {
    const result = await refundAfterSale(
      db,
      await providerOfRequest(input.requestId),
      { actor, userId: actor.userId, mayAct: (r) => canManageOperator(actor, r.operatorId) },
      { requestId: input.requestId, step: "accept" },
    );
    statsChanged();
    return result;
  },
});

export const proposeAfterSaleAction = defineAction({
  name: "afterSale.propose",
  input: proposeInput,
  allow: MANAGERS,
  run: ({ actor }, input) => proposeAfterSale(db, actor, { requestId: input.requestId, amountFen: input.amount, note: input.note }),
});

export const refuseAfterSaleAction = defineAction({
  name: "afterSale.refuse",
  input: refuseInput,
  allow: MANAGERS,
  run: ({ actor }, input) => refuseAfterSale(db, actor, input),
});

export const decideAfterSaleAction = defineAction({
  name: "afterSale.decide",
  input: decideInput,
  allow: ["ADMIN"],
  run: async ({ actor }, input) => {
    if (input.decision === "refuse") return rejectAfterSale(db, actor, { requestId: input.requestId, note: input.note });
    const result = await refundAfterSale(
      db,
      await providerOfRequest(input.requestId),
      { actor, userId: actor.userId, mayAct: () => true },
      { requestId: input.requestId, step: "decideRefund", amountFen: input.amountFen, note: input.note },
    );
    statsChanged();
    return result;
  },
});
