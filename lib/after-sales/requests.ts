// After-sales requests (售后): the commands. Each step runs in one transaction with the order row
// locked (lib/orders/locks.ts) and the request moved by a guarded update (its status must still be
// one the step starts from), with its audit row and its notifications in the same transaction:
// nothing half-written, and of two clicks, two clerks or a clerk and the job, one wins.
//
// Money leaves only through lib/orders/refunds.ts (requestRefund): the request is marked ACCEPTED
// in the refund's own transaction (RefundOptions.onCreated), so a request is never accepted
// without its refund nor refunded twice, and a refund the provider refuses puts the request back.
// Rules (windows, reasons, amounts, steps) are pure, in ./rules.ts.
import { writeAudit, type AuditAction } from "@/lib/audit/audit";
import type { Actor } from "@/lib/auth/actor";
import { canManageOperator } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { ActionError, notFound } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AfterSaleReason, AfterSaleStatus } from "@/lib/generated/prisma/enums";
import { formatFen } from "@/lib/money";
import {
  notifyAfterSaleAnswered,
  notifyAfterSaleDecided,
  notifyAfterSaleEscalated,
  notifyAfterSaleOpened,
} from "@/lib/notifications/events";
import { lockOrder } from "@/lib/orders/locks";
import { REFUNDABLE_STATUSES, requestRefund } from "@/lib/orders/refunds";
import type { PaymentProvider } from "@/lib/payments/provider";
import { refundableShippingFen } from "@/lib/shipping-fees/fees";
import { checkOpen, nextStatus, planRefund, refundableOf, stepOf, type OpenLine, type Step } from "./rules";

type Tx = Prisma.TransactionClient;
const HOUR_MS = 3_600_000;

/** The refund's reason, as the refund lists and the refund mail show it. */
export const AFTER_SALE_REFUND_REASON = "售后 / after-sales";

/** The order's lines, pending refunds and shipping of one seller, read with the order row locked. */
async function sellerPart(tx: Tx, orderId: string, operatorId: string) {
  const order = await tx.order.findUniqueOrThrow({
    where: { id: orderId },
    select: {
      id: true,
      number: true,
      status: true,
      userId: true,
      lines: {
        where: { operatorId },
        orderBy: { id: "asc" },
        select: {
          id: true,
          netFen: true,
          refundedFen: true,
          product: { select: { category: true, noReasonReturn: true } },
        },
      },
      refunds: {
        where: { status: "PENDING" },
        select: { shippingFen: true, shippingOperatorId: true, lines: { select: { orderLineId: true, amountFen: true } } },
      },
      shipping: { where: { operatorId }, select: { feeFen: true, refundedFen: true } },
      shipments: { where: { operatorId }, select: { status: true, deliveredAt: true, receivedAt: true } },
    },
  });
  const pending = new Map<string, number>();
  for (const r of order.refunds) for (const l of r.lines) pending.set(l.orderLineId, (pending.get(l.orderLineId) ?? 0) + l.amountFen);
  const open: OpenLine[] = order.lines.map((l) => ({ orderLineId: l.id, openFen: l.netFen - l.refundedFen - (pending.get(l.id) ?? 0) }));
  const shippingPending = order.refunds.filter((r) => r.shippingOperatorId === operatorId).reduce((s, r) => s + r.shippingFen, 0);
  const shippingOpenFen = order.shipping[0] ? refundableShippingFen(order.shipping[0]) - shippingPending : 0;
  const shipment = order.shipments[0] ?? null;
  return { order, open, shippingOpenFen, shipment };
}

// ---- opening -------------------------------------------------------------------------------------

export interface OpenInput {
  orderId: string;
  /** One line; or absent with `operatorId`: every line of that seller in the order. */
  orderLineId?: string | null;
  operatorId?: string | null;
  reason: AfterSaleReason;
  detail: string;
  askedFen: number;
  returnGoods: boolean;
  /** Stored photo urls (already checked and stored by the caller). */
  photos: string[];
}

/**
 * Opens a request. The caller has decided that `userId` (or a guest with the order's link) may act
 * on this order. Refuses a request outside its window, a reason the product does not take, an
 * amount above what is refundable, and a second request about a line already being handled.
 */
export async function openAfterSale(db: Db, input: OpenInput, who: { userId: string | null }, answerHours: number, now = new Date()) {
  return db.$transaction(async (tx) => {
    const locked = await lockOrder(tx, input.orderId);
    if (!locked) throw notFound();
    let operatorId = input.operatorId ?? null;
    if (input.orderLineId) {
      const line = await tx.orderLine.findFirst({ where: { id: input.orderLineId, orderId: input.orderId }, select: { operatorId: true } });
      if (!line) throw notFound();
      operatorId = line.operatorId;
    }
    if (!operatorId) throw notFound();
    const part = await sellerPart(tx, input.orderId, operatorId);
    if (part.order.lines.length === 0) throw notFound();
    if (!(REFUNDABLE_STATUSES as readonly string[]).includes(part.order.status)) throw new ActionError("afterSaleOrderClosed");

    const lines = input.orderLineId ? part.order.lines.filter((l) => l.id === input.orderLineId) : part.order.lines;
    const deliveredAt = part.shipment?.status === "DELIVERED" ? (part.shipment.receivedAt ?? part.shipment.deliveredAt) : null;
    const check = checkOpen({ products: lines.map((l) => l.product), deliveredAt, reason: input.reason, now });
    if (!check.ok) throw new ActionError(check.error, { hours: check.window.hours, days: Math.round(check.window.hours / 24) });

    // One request at a time per line: a whole-part request covers every line of the part.
    const active = await tx.afterSaleRequest.findMany({
      where: { orderId: input.orderId, operatorId, status: { in: ["OPEN", "PARTIAL", "REFUSED", "ESCALATED"] } },
      select: { orderLineId: true },
    });
    const overlaps = active.some((a) => !a.orderLineId || !input.orderLineId || a.orderLineId === input.orderLineId);
    if (overlaps) throw new ActionError("afterSaleAlreadyOpen");

    const open = part.open.filter((o) => lines.some((l) => l.id === o.orderLineId));
    const refundable = refundableOf(open, part.shippingOpenFen, !input.orderLineId);
    if (refundable.totalFen <= 0) throw new ActionError("lineFullyRefunded");
    if (input.askedFen > refundable.totalFen) throw new ActionError("afterSaleTooMuch", { max: formatFen(refundable.totalFen) });

    const request = await tx.afterSaleRequest.create({
      data: {
        orderId: input.orderId,
        operatorId,
        orderLineId: input.orderLineId ?? null,
        userId: who.userId,
        reason: input.reason,
        detail: input.detail,
        askedFen: input.askedFen,
        returnGoods: input.returnGoods,
        photos: input.photos,
        answerBy: new Date(now.getTime() + answerHours * HOUR_MS),
        createdAt: now,
      },
      select: { id: true, status: true },
    });
    await writeAudit(tx, {
      userId: who.userId,
      action: "afterSale.open",
      entity: "AfterSaleRequest",
      entityId: request.id,
      detail: {
        order: locked.number,
        reason: input.reason,
        askedFen: input.askedFen,
        photos: input.photos.length,
        returnGoods: input.returnGoods,
      },
    });
    await notifyAfterSaleOpened(tx, request.id);
    return request;
  });
}

// ---- answering without money: offer, refusal, escalation ----------------------------------------

/** The request and its order, both locked; notFound unless `mayAct` says the caller may touch it. */
async function lockRequest(tx: Tx, requestId: string, mayAct: (r: { operatorId: string; orderId: string }) => boolean) {
  const first = await tx.afterSaleRequest.findUnique({ where: { id: requestId }, select: { orderId: true, operatorId: true } });
  if (!first || !mayAct(first)) throw notFound();
  const order = await lockOrder(tx, first.orderId);
  if (!order) throw notFound();
  const request = await tx.afterSaleRequest.findUniqueOrThrow({
    where: { id: requestId },
    select: { id: true, orderId: true, operatorId: true, orderLineId: true, status: true, askedFen: true, offeredFen: true },
  });
  return { request, order };
}

/** Moves the request by `step` if it is still where the step starts; false when someone was first. */
async function move(tx: Tx, requestId: string, step: Step, data: Prisma.AfterSaleRequestUpdateManyMutationInput): Promise<boolean> {
  const { from, to } = stepOf(step);
  const n = await tx.afterSaleRequest.updateMany({ where: { id: requestId, status: { in: [...from] } }, data: { ...data, status: to } });
  return n.count === 1;
}

function refuseStep(status: AfterSaleStatus, step: Step) {
  if (!nextStatus(status, step)) throw new ActionError("afterSaleStateChanged");
}

const sellerMay = (actor: Actor | null) => (r: { operatorId: string }) => canManageOperator(actor, r.operatorId);

/** The seller offers part of what was asked (less than asked, more than nothing). */
export async function proposeAfterSale(
  db: Db,
  actor: Actor,
  input: { requestId: string; amountFen: number; note: string },
  now = new Date(),
) {
  return db.$transaction(async (tx) => {
    const { request, order } = await lockRequest(tx, input.requestId, sellerMay(actor));
    refuseStep(request.status, "propose");
    if (input.amountFen >= request.askedFen) throw new ActionError("afterSaleOfferTooLarge", { max: formatFen(request.askedFen - 1) });
    if (!(await move(tx, request.id, "propose", { offeredFen: input.amountFen, sellerNote: input.note || null, answeredAt: now })))
      throw new ActionError("afterSaleStateChanged");
    await audit(tx, actor.userId, "afterSale.propose", request.id, { order: order.number, offeredFen: input.amountFen });
    await notifyAfterSaleAnswered(tx, request.id, "partial");
    return { status: "PARTIAL" as const };
  });
}

/** The seller refuses, with a reason the shopper reads. */
export async function refuseAfterSale(db: Db, actor: Actor, input: { requestId: string; note: string }, now = new Date()) {
  return db.$transaction(async (tx) => {
    const { request, order } = await lockRequest(tx, input.requestId, sellerMay(actor));
    refuseStep(request.status, "refuse");
    if (!(await move(tx, request.id, "refuse", { sellerNote: input.note, answeredAt: now })))
      throw new ActionError("afterSaleStateChanged");
    await audit(tx, actor.userId, "afterSale.refuse", request.id, { order: order.number, note: input.note });
    await notifyAfterSaleAnswered(tx, request.id, "refused");
    return { status: "REFUSED" as const };
  });
}

/** The shopper takes a refusal or an offer to the platform. `orderId` is an order the caller may act on. */
export async function escalateAfterSale(
  db: Db,
  who: { userId: string | null; orderId: string },
  input: { requestId: string },
  now = new Date(),
) {
  return db.$transaction(async (tx) => {
    const { request, order } = await lockRequest(tx, input.requestId, (r) => r.orderId === who.orderId);
    refuseStep(request.status, "escalate");
    if (!(await move(tx, request.id, "escalate", { escalatedAt: now }))) throw new ActionError("afterSaleStateChanged");
    await audit(tx, who.userId, "afterSale.escalate", request.id, { order: order.number, from: request.status });
    await notifyAfterSaleEscalated(tx, request.id, "buyer");
    return { status: "ESCALATED" as const };
  });
}

/** Nobody answered in time: OPEN past answerBy goes to the platform. False when it no longer applies (answered, or escalated already). */
export async function autoEscalate(db: Db, requestId: string, now = new Date()): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const first = await tx.afterSaleRequest.findUnique({ where: { id: requestId }, select: { orderId: true } });
    if (!first) return false;
    const order = await lockOrder(tx, first.orderId);
    const n = await tx.afterSaleRequest.updateMany({
      where: { id: requestId, status: { in: [...stepOf("autoEscalate").from] }, answerBy: { lte: now } },
      data: { status: stepOf("autoEscalate").to, escalatedAt: now },
    });
    if (n.count !== 1) return false;
    await audit(tx, null, "afterSale.autoEscalate", requestId, { order: order?.number ?? null });
    await notifyAfterSaleEscalated(tx, requestId, "auto");
    return true;
  });
}

/** The admin refuses an escalated request, with a reason. */
export async function rejectAfterSale(db: Db, actor: Actor, input: { requestId: string; note: string }, now = new Date()) {
  if (actor.role !== "ADMIN") throw notFound();
  return db.$transaction(async (tx) => {
    const { request, order } = await lockRequest(tx, input.requestId, () => true);
    refuseStep(request.status, "decideRefuse");
    if (!(await move(tx, request.id, "decideRefuse", { adminNote: input.note, decidedAt: now })))
      throw new ActionError("afterSaleStateChanged");
    await audit(tx, actor.userId, "afterSale.decide", request.id, { order: order.number, decision: "refuse", note: input.note });
    await notifyAfterSaleDecided(tx, request.id, "rejected");
    return { status: "REJECTED" as const };
  });
}

// ---- answering with money: through the one refund path -------------------------------------------

export type MoneyStep = "accept" | "acceptOffer" | "decideRefund";

/**
 * Refunds a request: the seller accepts what was asked, the shopper takes the seller's offer, or the
 * admin decides an amount (at most what was asked). The amount is paid goods first, in proportion
 * over the request's lines, then the seller's shipping for a whole part (./rules.ts planRefund);
 * requestRefund checks it again under the order lock, so a clerk's refund of the same line made
 * meanwhile wins and this one is refused with what is left.
 */
export async function refundAfterSale(
  db: Db,
  provider: PaymentProvider,
  who: { actor: Actor | null; userId: string | null; mayAct: (r: { operatorId: string; orderId: string }) => boolean },
  input: { requestId: string; step: MoneyStep; amountFen?: number; note?: string },
  now = new Date(),
): Promise<{ status: "ACCEPTED"; refundId: string; refundStatus: "SUCCEEDED" | "PENDING" }> {
  const request = await db.afterSaleRequest.findUnique({
    where: { id: input.requestId },
    select: { id: true, orderId: true, operatorId: true, orderLineId: true, status: true, askedFen: true, offeredFen: true },
  });
  if (!request || !who.mayAct(request)) throw notFound();
  refuseStep(request.status, input.step);
  const amountFen = input.step === "accept" ? request.askedFen : input.step === "acceptOffer" ? request.offeredFen! : input.amountFen!;
  if (!Number.isInteger(amountFen) || amountFen <= 0) throw new ActionError("amountInvalid");
  if (amountFen > request.askedFen) throw new ActionError("afterSaleTooMuch", { max: formatFen(request.askedFen) });

  const part = await db.$transaction((tx) => sellerPart(tx, request.orderId, request.operatorId));
  const open = request.orderLineId ? part.open.filter((o) => o.orderLineId === request.orderLineId) : part.open;
  const refundable = refundableOf(open, part.shippingOpenFen, !request.orderLineId);
  if (amountFen > refundable.totalFen) throw new ActionError("refundTooLarge", { max: formatFen(Math.max(0, refundable.totalFen)) });
  const plan = planRefund(open, part.shippingOpenFen, !request.orderLineId, amountFen);

  const action: AuditAction =
    input.step === "accept" ? "afterSale.accept" : input.step === "acceptOffer" ? "afterSale.acceptOffer" : "afterSale.decide";
  const timestamps: Prisma.AfterSaleRequestUpdateManyMutationInput =
    input.step === "decideRefund" ? { decidedAt: now, adminNote: input.note || null } : input.step === "accept" ? { answeredAt: now } : {};
  let refundId: string | null = null;
  const previous = request.status;
  try {
    const result = await requestRefund(
      db,
      provider,
      {
        orderId: request.orderId,
        lines: plan.lines.map((l) => ({ ...l, restockQty: 0 })),
        shippingFen: plan.shippingFen,
        reason: AFTER_SALE_REFUND_REASON,
      },
      who.actor,
      {
        mayRefund: (operatorId) => operatorId === request.operatorId,
        onCreated: async (tx, id) => {
          refundId = id;
          if (!(await move(tx, request.id, input.step, { ...timestamps, refundId: id, refundedFen: amountFen })))
            throw new ActionError("afterSaleStateChanged");
          await audit(tx, who.userId, action, request.id, { refundId: id, amountFen, step: input.step });
          if (input.step === "decideRefund") await notifyAfterSaleDecided(tx, request.id, "accepted");
          else await notifyAfterSaleAnswered(tx, request.id, "accepted");
        },
      },
    );
    return { status: "ACCEPTED", refundId: result.refundId, refundStatus: result.status };
  } catch (error) {
    // The provider refused the money (the refund is FAILED): the request is put back as it was,
    // so it can be answered again. A refusal before the refund was written left nothing to undo.
    if (refundId) {
      await db.afterSaleRequest.updateMany({
        where: { id: request.id, refundId, status: "ACCEPTED" },
        data: { status: previous, refundId: null, refundedFen: null },
      });
    }
    throw error;
  }
}

function audit(tx: Tx, userId: string | null, action: AuditAction, requestId: string, detail: Prisma.InputJsonValue) {
  return writeAudit(tx, { userId, action, entity: "AfterSaleRequest", entityId: requestId, detail });
}
