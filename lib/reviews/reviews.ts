// Verified reviews (评价): only the buyer of a paid order line whose part has been delivered (or
// whose receipt was confirmed, 确认收货) may review it, once; a line refunded in full may not. The
// seller replies once; an admin hides a review with a reason (audited), and nobody edits one (a
// database trigger refuses it). The product's count and star sum of visible reviews are kept in
// the same transactions, so cards show the average without reading reviews. Queries take the
// database first (tests call them directly).
import { notifyReviewPosted } from "@/lib/notifications/events";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { ActionError, notFound } from "@/lib/errors";
import { canManageOperator, type Actor } from "@/lib/auth/actor";
import { writeAudit } from "@/lib/audit/audit";
import { averageStars, REVIEWS_PER_PAGE } from "./rules";

type Tx = Prisma.TransactionClient;

/** Orders whose lines may be reviewed: paid and not cancelled or refunded as a whole. */
const REVIEWABLE_ORDER = ["PAID", "SHIPPED", "DELIVERED"] as const;

export interface ReviewableLine {
  orderLineId: string;
  productId: string;
  operatorId: string;
  productSlug: string;
}

/**
 * The line, if this user may review it now; otherwise an ActionError: notFound() for a line that is
 * not theirs (as for one that does not exist), reviewNotAllowed when it is theirs but not delivered,
 * not paid or refunded in full, reviewExists when it has a review.
 */
export async function reviewableLine(db: Db | Tx, userId: string, orderLineId: string): Promise<ReviewableLine> {
  const line = await db.orderLine.findUnique({
    where: { id: orderLineId },
    select: {
      id: true,
      productId: true,
      operatorId: true,
      netFen: true,
      refundedFen: true,
      product: { select: { slug: true } },
      review: { select: { id: true } },
      order: { select: { userId: true, status: true, paidAt: true, shipments: { select: { operatorId: true, status: true } } } },
    },
  });
  if (!line || line.order.userId !== userId) throw notFound();
  if (line.review) throw new ActionError("reviewExists");
  const shipment = line.order.shipments.find((s) => s.operatorId === line.operatorId);
  const paid = line.order.paidAt !== null && (REVIEWABLE_ORDER as readonly string[]).includes(line.order.status);
  if (!paid || shipment?.status !== "DELIVERED" || line.refundedFen >= line.netFen) throw new ActionError("reviewNotAllowed");
  return { orderLineId: line.id, productId: line.productId, operatorId: line.operatorId, productSlug: line.product.slug };
}

/** Writes the review (photos already stored and checked by the caller) and the product's figures. */
export async function createReview(
  db: Db,
  userId: string,
  input: { orderLineId: string; stars: number; body: string; photos: string[] },
  at = new Date(),
): Promise<{ id: string; productId: string; productSlug: string }> {
  try {
    return await db.$transaction(async (tx) => {
      // The line's order row is locked as refunds lock it: a refund running now waits or goes first.
      const order = await tx.orderLine.findUnique({ where: { id: input.orderLineId }, select: { orderId: true } });
      if (!order) throw notFound();
      await tx.$queryRaw`SELECT 1 FROM "Order" WHERE "id" = ${order.orderId} FOR UPDATE`;
      const line = await reviewableLine(tx, userId, input.orderLineId);
      const review = await tx.review.create({
        data: {
          orderLineId: line.orderLineId,
          productId: line.productId,
          operatorId: line.operatorId,
          userId,
          stars: input.stars,
          body: input.body,
          photos: input.photos,
          createdAt: at,
        },
        select: { id: true },
      });
      // Raw, so the product's updatedAt (a listing edit) does not move.
      await tx.$executeRaw`UPDATE "Product" SET "reviewCount" = "reviewCount" + 1, "reviewStars" = "reviewStars" + ${input.stars} WHERE "id" = ${line.productId}`;
      // The seller's managers hear of it (their "sales" mail switch decides).
      await notifyReviewPosted(tx, review.id);
      return { id: review.id, productId: line.productId, productSlug: line.productSlug };
    });
  } catch (error) {
    // Two submits at once: the unique line key lets one through.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new ActionError("reviewExists");
    throw error;
  }
}

/** The seller's one reply (a manager of the review's operator, or an admin). */
export async function replyToReview(db: Db, actor: Actor, input: { reviewId: string; reply: string }, at = new Date()) {
  const review = await db.review.findUnique({ where: { id: input.reviewId }, select: { id: true, operatorId: true, productId: true } });
  if (!review || !canManageOperator(actor, review.operatorId)) throw notFound();
  const n = await db.review.updateMany({
    where: { id: review.id, reply: null },
    data: { reply: input.reply, repliedAt: at, repliedById: actor.userId },
  });
  if (n.count !== 1) throw new ActionError("replyExists");
  return { id: review.id, productId: review.productId };
}

/** An admin hides a review (it leaves the product's page and average); audited with the reason. */
export async function hideReview(db: Db, actor: Actor, input: { reviewId: string; reason: string }, at = new Date()) {
  if (actor.role !== "ADMIN") throw notFound();
  return db.$transaction(async (tx) => {
    const review = await tx.review.findUnique({ where: { id: input.reviewId }, select: { id: true, productId: true, stars: true } });
    if (!review) throw notFound();
    const n = await tx.review.updateMany({
      where: { id: review.id, hiddenAt: null },
      data: { hiddenAt: at, hiddenById: actor.userId, hiddenReason: input.reason },
    });
    if (n.count !== 1) throw new ActionError("reviewAlreadyHidden");
    await tx.$executeRaw`UPDATE "Product" SET "reviewCount" = "reviewCount" - 1, "reviewStars" = "reviewStars" - ${review.stars} WHERE "id" = ${review.productId}`;
    await writeAudit(tx, {
      userId: actor.userId,
      action: "review.hide",
      entity: "Review",
      entityId: review.id,
      detail: { reason: input.reason, productId: review.productId },
    });
    return { id: review.id, productId: review.productId };
  });
}

export interface PublicReview {
  id: string;
  stars: number;
  body: string;
  photos: string[];
  createdAt: string;
  /** The author as a review list shows them: the first character of the name and stars (张**). */
  author: string;
  reply: string | null;
  repliedAt: string | null;
}

export interface ReviewPage {
  count: number;
  average: number | null;
  items: PublicReview[];
  page: number;
  pageCount: number;
}

/** The author's name as shown: first character and two stars; an email's local part is never shown. */
export function maskedAuthor(name: string): string {
  const first = [...name.trim()][0];
  return first && !first.includes("@") ? `${first}**` : "**";
}

/** One page of a product's visible reviews, newest first; JSON-safe (cached by the façade). */
export async function productReviews(db: Db, productId: string, page = 1, perPage = REVIEWS_PER_PAGE): Promise<ReviewPage> {
  const product = await db.product.findUnique({ where: { id: productId }, select: { reviewCount: true, reviewStars: true } });
  if (!product) return { count: 0, average: null, items: [], page: 1, pageCount: 1 };
  const pageCount = Math.max(1, Math.ceil(product.reviewCount / perPage));
  const current = Math.min(Math.max(1, page), pageCount);
  const rows = await db.review.findMany({
    where: { productId, hiddenAt: null },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (current - 1) * perPage,
    take: perPage,
    select: {
      id: true,
      stars: true,
      body: true,
      photos: true,
      createdAt: true,
      reply: true,
      repliedAt: true,
      user: { select: { name: true } },
    },
  });
  return {
    count: product.reviewCount,
    average: averageStars(product.reviewCount, product.reviewStars),
    page: current,
    pageCount,
    items: rows.map((r) => ({
      id: r.id,
      stars: r.stars,
      body: r.body,
      photos: r.photos,
      createdAt: r.createdAt.toISOString(),
      author: maskedAuthor(r.user.name),
      reply: r.reply,
      repliedAt: r.repliedAt?.toISOString() ?? null,
    })),
  };
}

/** The buyer's lines of an order with what each may do: review (eligible), reviewed (stars), or nothing. */
export async function orderReviewState(db: Db, userId: string, orderId: string) {
  const lines = await db.orderLine.findMany({
    where: { orderId, order: { userId } },
    orderBy: { id: "asc" },
    select: { id: true, review: { select: { stars: true, body: true } } },
  });
  const out: Record<string, { state: "can" | "done" | "no"; stars?: number }> = {};
  for (const l of lines) {
    if (l.review) {
      out[l.id] = { state: "done", stars: l.review.stars };
      continue;
    }
    try {
      await reviewableLine(db, userId, l.id);
      out[l.id] = { state: "can" };
    } catch {
      out[l.id] = { state: "no" };
    }
  }
  return out;
}

/** Reviews of an operator's products for its console (newest first), hidden ones marked. */
export function operatorReviews(db: Db, operatorId: string, page = 1, perPage = 20) {
  return reviewListing(db, { operatorId }, page, perPage);
}

/** Every review for the admin (newest first), with its product and whether it is hidden. */
export function adminReviews(db: Db, page = 1, perPage = 30) {
  return reviewListing(db, {}, page, perPage);
}

/** One page of reviews, newest first, with the product, the reply and the hiding, authors masked. */
async function reviewListing(db: Db, where: { operatorId?: string }, page: number, perPage: number) {
  const [total, rows] = await Promise.all([
    db.review.count({ where }),
    db.review.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (Math.max(1, page) - 1) * perPage,
      take: perPage,
      select: {
        id: true,
        stars: true,
        body: true,
        photos: true,
        createdAt: true,
        reply: true,
        repliedAt: true,
        hiddenAt: true,
        hiddenReason: true,
        product: { select: { slug: true, nameZh: true, nameEn: true } },
        user: { select: { name: true } },
      },
    }),
  ]);
  return {
    total,
    pageCount: Math.max(1, Math.ceil(total / perPage)),
    items: rows.map(({ user, ...r }) => ({ ...r, author: maskedAuthor(user.name) })),
  };
}

/** reviews/<orderLineId>/<random>.<ext>: one folder per reviewed line (lib/storage checks the key). */
export function reviewPhotoKey(orderLineId: string, ext: string, random: string): string {
  return `reviews/${orderLineId}/${random}.${ext}`;
}

/**
 * May this stored photo be served? The file route's policy: only a photo of a visible review (a
 * hidden review's photos, and files of a review that failed to save, answer 404). One look-up by
 * the line's unique key.
 */
export async function isVisibleReviewPhoto(db: Db, key: string): Promise<boolean> {
  const [prefix, orderLineId] = key.split("/");
  if (prefix !== "reviews" || !orderLineId) return false;
  const review = await db.review.findUnique({ where: { orderLineId }, select: { photos: true, hiddenAt: true } });
  return !!review && !review.hiddenAt && review.photos.includes(`/api/files/${key}`);
}
