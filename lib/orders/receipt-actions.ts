"use server";
// 确认收货 from the order page: its owner, an admin, or whoever holds the order's link (a guest).
import { z } from "zod";
import { defineAction } from "@/lib/actions/define.server";
import { db } from "@/lib/db/db.server";
import { notFound } from "@/lib/errors";
import { isOrderAccessToken } from "./access";
import { ORDER_NUMBER } from "./number";
import { confirmReceipt } from "./receipt";

export const confirmReceiptAction = defineAction({
  name: "order.confirmReceipt",
  input: z.object({
    number: z.string().regex(ORDER_NUMBER),
    token: z.string().max(64).default(""),
    shipmentId: z.string().min(1).max(64),
  }),
  allow: "anyone",
  run: async ({ actor }, input) => {
    const order = await db.order.findUnique({ where: { number: input.number }, select: { id: true, userId: true } });
    if (!order) throw notFound();
    const owner = actor !== null && (order.userId === actor.userId || actor.role === "ADMIN");
    if (!owner && !isOrderAccessToken(order.id, input.token)) throw notFound();
    return confirmReceipt(db, { orderId: order.id, shipmentId: input.shipmentId, userId: actor?.userId ?? null });
  },
});
