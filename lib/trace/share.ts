// The share card of an order's impact receipt ("我这单帮到了 5 户脱贫户"): a public page and its
// preview image, reached by a random token (lib/trace/code.ts), never by the order's number or id.
// It shows counts, villages, the amount that reached households and the products' names: nothing
// about the buyer (name, address, order number) and never a household's name.
import type { Db } from "@/lib/db/client";
import { ActionError, notFound } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { impactReceipt } from "@/lib/orders/queries";
import { isCode, newCode } from "./code";

/** The order's share token, made on first use; only the order's signed-in buyer may make or read it. */
export async function shareTokenFor(db: Db, userId: string, orderNumber: string): Promise<string> {
  const order = await db.order.findUnique({
    where: { number: orderNumber },
    select: { id: true, userId: true, paidAt: true, impactShare: { select: { token: true } } },
  });
  if (!order || order.userId !== userId) throw notFound();
  if (!order.paidAt) throw new ActionError("orderNotShippable");
  if (order.impactShare) return order.impactShare.token;
  try {
    const made = await db.impactShare.create({ data: { token: newCode(), orderId: order.id }, select: { token: true } });
    return made.token;
  } catch (error) {
    // Two clicks at once: the order's unique key keeps one token; read it.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return (await db.impactShare.findUniqueOrThrow({ where: { orderId: order.id }, select: { token: true } })).token;
    }
    throw error;
  }
}

export interface ShareCard {
  households: number;
  reachedFen: number;
  villages: { id: string; nameZh: string; nameEn: string }[];
  products: { slug: string; nameZh: string; nameEn: string }[];
}

/** The card of a token, or null (malformed, unknown). JSON-safe: the façade caches it. */
export async function shareCard(db: Db, token: string): Promise<ShareCard | null> {
  if (!isCode(token)) return null;
  const share = await db.impactShare.findUnique({ where: { token }, select: { orderId: true } });
  if (!share) return null;
  const receipt = await impactReceipt(db, share.orderId);
  const lines = await db.orderLine.findMany({
    where: { orderId: share.orderId },
    orderBy: { id: "asc" },
    select: { product: { select: { slug: true, nameZh: true, nameEn: true } } },
  });
  const products = [...new Map(lines.map((l) => [l.product.slug, l.product])).values()];
  return { households: receipt.households, reachedFen: receipt.reachedFen, villages: receipt.villages, products };
}
