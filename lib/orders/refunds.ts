// Refunds of a paid order, whole or by line, by the selling operator or an admin.
//   1. requestRefund checks the amounts against what is left to refund and writes a PENDING
//      Refund with its lines (the order row locked, so two clerks cannot refund the same fen).
//   2. The provider is asked, with the refund's id as idempotency key.
//   3. applyRefund writes the effects in one transaction, once: negative allocations in
//      proportion (lib/orders/allocation.ts, reverseAllocations), negative settlement entries,
//      the lines' and the order's refunded amounts, the goods back in stock when chosen, and the
//      order REFUNDED once nothing is left (an operator's unsent part, once all its lines are
//      refunded, is cancelled: lib/orders/shipping.ts, settleShipments).
// Stripe's charge.refunded event (reconcileChargeRefunds) settles refunds whose answer was lost,
// and books refunds made on Stripe's side (its dashboard) across the lines in proportion, and what
// goes beyond the goods across the sellers' shipping.
import { z } from "zod";
import { ActionError, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { canManageOperator } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { PaymentProvider } from "@/lib/payments/provider";
import { PaymentProviderError } from "@/lib/payments/provider";
import { formatFen } from "@/lib/money";
import { recordRefundInReports } from "@/lib/reports/rollups";
import { adjustStock } from "@/lib/stock/ledger";
import { reverseAllocations } from "./allocation";
import { firstDelivery, lockOrder, type PaymentEvent } from "./locks";
import { settleShipments } from "./shipping";
import { notifyRefund } from "@/lib/notifications/events";
import { refundableShippingFen } from "@/lib/shipping-fees/fees";
import { flagInvoicesAfterRefund } from "@/lib/invoices/invoices";
import { appLog } from "@/lib/ops/log";

type Tx = Prisma.TransactionClient;

export const REFUNDABLE_STATUSES = ["PAID", "SHIPPED", "DELIVERED"] as const;

export const refundSchema = z.object({
  orderId: z.string().min(1).max(64),
  lines: z
    .array(
      z.object({
        orderLineId: z.string().min(1).max(64),
        /** Fen; absent: all that is left of the line. */
        amountFen: z.coerce.number().int().positive().optional(),
        /** Units to put back in stock. */
        restockQty: z.coerce.number().int().min(0).default(0),
      }),
    )
    .min(1),
  /** Shipping to refund too (fen), of the one seller whose lines these are; never above what is left of it. */
  shippingFen: z.coerce.number().int().min(0).default(0),
  reason: z.string().trim().max(200).default(""),
});
export type RefundInput = z.input<typeof refundSchema>;

/**
 * Splits `amount` fen across lines in proportion to what each has left (largest remainder,
 * ties to the earlier line), never giving a line more than it has left.
 */
export function splitAcross(remaining: readonly number[], amount: number): number[] {
  const total = remaining.reduce((s, r) => s + r, 0);
  if (amount > total) throw new RangeError(`cannot split ${amount} over ${total}`);
  if (total === 0) return remaining.map(() => 0);
  const exact = remaining.map((r) => BigInt(r) * BigInt(amount));
  const parts = exact.map((e) => e / BigInt(total));
  let left = BigInt(amount) - parts.reduce((s, p) => s + p, 0n);
  const order = exact.map((e, i) => ({ i, rem: e % BigInt(total) })).sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
  for (const { i } of order) {
    if (left === 0n) break;
    parts[i]! += 1n;
    left -= 1n;
  }
  return parts.map(Number);
}

async function lockedOrder(tx: Tx, orderId: string) {
  if (!(await lockOrder(tx, orderId))) return null;
  return tx.order.findUniqueOrThrow({
    where: { id: orderId },
    select: {
      id: true,
      number: true,
      status: true,
      totalFen: true,
      refundedFen: true,
      paymentIntentId: true,
      lines: {
        select: { id: true, operatorId: true, productId: true, quantity: true, netFen: true, refundedFen: true, restockedQty: true },
      },
      refunds: {
        where: { status: "PENDING" },
        select: { shippingFen: true, shippingOperatorId: true, lines: { select: { orderLineId: true, amountFen: true, quantity: true } } },
      },
      shipping: { select: { operatorId: true, feeFen: true, refundedFen: true } },
    },
  });
}

/** What is still refundable of each line: its net less refunds done and refunds under way. */
function openAmounts(order: NonNullable<Awaited<ReturnType<typeof lockedOrder>>>) {
  const pendingFen = new Map<string, number>();
  const pendingQty = new Map<string, number>();
  for (const refund of order.refunds) {
    for (const l of refund.lines) {
      pendingFen.set(l.orderLineId, (pendingFen.get(l.orderLineId) ?? 0) + l.amountFen);
      pendingQty.set(l.orderLineId, (pendingQty.get(l.orderLineId) ?? 0) + l.quantity);
    }
  }
  return new Map(
    order.lines.map((l) => [
      l.id,
      {
        fen: l.netFen - l.refundedFen - (pendingFen.get(l.id) ?? 0),
        qty: l.quantity - l.restockedQty - (pendingQty.get(l.id) ?? 0),
        line: l,
      },
    ]),
  );
}

export interface RefundOptions {
  /** Whose lines may be refunded; default: those of operators the actor manages (an admin: any). */
  mayRefund?: (operatorId: string) => boolean;
  /**
   * Runs in the refund's own transaction, the order row locked, once the PENDING refund is written:
   * an after-sales request is marked answered here, so the request and the refund commit together
   * (lib/after-sales/requests.ts). Throwing rolls both back.
   */
  onCreated?: (tx: Tx, refundId: string) => Promise<void>;
}

/**
 * Refunds lines of an order. A manager may refund only lines of operators they manage; an
 * admin any (or whom `options.mayRefund` names: the shopper taking a seller's after-sales offer).
 * Returns the refund's id and whether the money is back already.
 */
export async function requestRefund(
  db: Db,
  provider: PaymentProvider,
  raw: RefundInput,
  actor: Actor | null,
  options: RefundOptions = {},
): Promise<{ refundId: string; status: "SUCCEEDED" | "PENDING" }> {
  const input = refundSchema.parse(raw);
  const refund = await db.$transaction(async (tx) => {
    const order = await lockedOrder(tx, input.orderId);
    if (!order) throw notFound();
    const open = openAmounts(order);
    const mine = options.mayRefund ?? ((operatorId: string) => canManageOperator(actor, operatorId));
    if (!order.lines.some((l) => mine(l.operatorId))) throw notFound();
    if (!(REFUNDABLE_STATUSES as readonly string[]).includes(order.status)) throw new ActionError("orderNotRefundable");

    const seen = new Set<string>();
    const lines = input.lines.map((requested) => {
      const entry = open.get(requested.orderLineId);
      if (!entry || !mine(entry.line.operatorId) || seen.has(requested.orderLineId)) throw notFound();
      seen.add(requested.orderLineId);
      const amountFen = requested.amountFen ?? entry.fen;
      if (entry.fen <= 0) throw new ActionError("lineFullyRefunded");
      if (amountFen > entry.fen) throw new ActionError("refundTooLarge", { max: formatFen(entry.fen) });
      if (requested.restockQty > entry.qty) throw new ActionError("restockTooLarge", { max: entry.qty });
      return { orderLineId: requested.orderLineId, amountFen, quantity: requested.restockQty };
    });
    const shipping = shippingToRefund(
      order,
      input.shippingFen,
      lines.map((l) => open.get(l.orderLineId)!.line.operatorId),
    );
    const amountFen = lines.reduce((s, l) => s + l.amountFen, 0) + input.shippingFen;
    const created = await tx.refund.create({
      data: {
        orderId: order.id,
        amountFen,
        shippingFen: input.shippingFen,
        shippingOperatorId: shipping?.operatorId ?? null,
        reason: input.reason,
        restock: lines.some((l) => l.quantity > 0),
        createdById: actor?.userId ?? null,
        lines: { create: lines },
      },
      select: { id: true, amountFen: true, order: { select: { number: true, paymentIntentId: true } } },
    });
    await options.onCreated?.(tx, created.id);
    return created;
  });

  let answer;
  try {
    answer = await provider.refund({
      paymentIntentId: refund.order.paymentIntentId,
      amountFen: refund.amountFen,
      idempotencyKey: `refund:${refund.id}`,
      metadata: { refundId: refund.id, orderNumber: refund.order.number },
    });
  } catch (error) {
    if (!(error instanceof PaymentProviderError)) throw error;
    appLog().error({ orderNumber: refund.order.number, refundId: refund.id, err: error }, "the provider refused the refund");
    await db.refund.update({ where: { id: refund.id }, data: { status: "FAILED" } });
    throw new ActionError("refundFailed");
  }
  if (answer.status === "failed") {
    await db.refund.update({ where: { id: refund.id }, data: { status: "FAILED", providerRefundId: answer.id } });
    throw new ActionError("refundFailed");
  }
  if (answer.status === "pending") {
    await db.refund.update({ where: { id: refund.id }, data: { providerRefundId: answer.id } });
    return { refundId: refund.id, status: "PENDING" };
  }
  await applyRefund(db, refund.id, answer.id);
  return { refundId: refund.id, status: "SUCCEEDED" };
}

/**
 * The seller's shipping line a refund of `fen` shipping draws on, or null for none. Refused when
 * the lines are of several sellers, or when it is more than what was paid for that seller's shipping
 * less what is refunded or being refunded (lib/shipping-fees, refundableShippingFen).
 */
function shippingToRefund(order: NonNullable<Awaited<ReturnType<typeof lockedOrder>>>, fen: number, operatorIds: string[]) {
  if (fen === 0) return null;
  const sellers = [...new Set(operatorIds)];
  if (sellers.length !== 1) throw new ActionError("invalidInput");
  const line = order.shipping.find((s) => s.operatorId === sellers[0]);
  const pending = order.refunds.filter((r) => r.shippingOperatorId === sellers[0]).reduce((sum, r) => sum + r.shippingFen, 0);
  const left = line ? refundableShippingFen(line) - pending : 0;
  if (fen > left) throw new ActionError("refundTooLarge", { max: formatFen(Math.max(0, left)) });
  return line!;
}

/** Shipping refunded on the provider's side: one shipping-only refund per seller with fee left. */
async function bookOutsideShipping(tx: Tx, orderId: string, fen: number) {
  if (fen <= 0) return;
  const order = (await lockedOrder(tx, orderId))!;
  const sellers = [...order.shipping]
    .sort((a, b) => (a.operatorId < b.operatorId ? -1 : 1))
    .map((line) => {
      const pending = order.refunds.filter((r) => r.shippingOperatorId === line.operatorId).reduce((sum, r) => sum + r.shippingFen, 0);
      return { operatorId: line.operatorId, left: Math.max(0, refundableShippingFen(line) - pending) };
    })
    .filter((seller) => seller.left > 0);
  const amount = Math.min(
    fen,
    sellers.reduce((sum, seller) => sum + seller.left, 0),
  );
  if (amount <= 0) return;
  const parts = splitAcross(
    sellers.map((seller) => seller.left),
    amount,
  );
  for (const [i, seller] of sellers.entries()) {
    if (parts[i]! <= 0) continue;
    const refund = await tx.refund.create({
      data: {
        orderId,
        amountFen: parts[i]!,
        shippingFen: parts[i]!,
        shippingOperatorId: seller.operatorId,
        reason: "refunded at the payment provider",
      },
    });
    await applyRefundIn(tx, refund.id, null);
  }
}

/** The money is back: write the refund's effects, once. */
export async function applyRefund(db: Db, refundId: string, providerRefundId: string | null): Promise<boolean> {
  return db.$transaction((tx) => applyRefundIn(tx, refundId, providerRefundId), { timeout: 20_000 });
}

async function applyRefundIn(tx: Tx, refundId: string, providerRefundId: string | null): Promise<boolean> {
  const locked = await tx.$queryRaw<{ orderId: string }[]>`SELECT "orderId" FROM "Refund" WHERE "id" = ${refundId} FOR UPDATE`;
  if (!locked[0]) return false;
  const order = await lockedOrder(tx, locked[0].orderId);
  const refund = await tx.refund.findUniqueOrThrow({
    where: { id: refundId },
    select: {
      status: true,
      amountFen: true,
      shippingFen: true,
      shippingOperatorId: true,
      lines: { select: { orderLineId: true, amountFen: true, quantity: true } },
    },
  });
  if (!order || refund.status !== "PENDING") return false;
  if (refund.shippingFen > 0 && refund.shippingOperatorId) {
    // Shipping is the seller's money, not the households': no allocations move with it.
    const line = await tx.orderShipping.update({
      where: { orderId_operatorId: { orderId: order.id, operatorId: refund.shippingOperatorId } },
      data: { refundedFen: { increment: refund.shippingFen } },
      select: { id: true },
    });
    await tx.settlementEntry.create({
      data: { operatorId: refund.shippingOperatorId, orderShippingId: line.id, kind: "REFUND", amountFen: -refund.shippingFen },
    });
  }
  const lineById = new Map(order.lines.map((l) => [l.id, l]));

  const originals = await tx.allocation.findMany({
    where: { orderLineId: { in: refund.lines.map((l) => l.orderLineId) }, amountFen: { gt: 0 } },
    select: { orderLineId: true, benefitLinkId: true, householdId: true, amountFen: true },
  });
  const negative: Prisma.AllocationCreateManyInput[] = [];
  const at = new Date();
  for (const rl of refund.lines) {
    const line = lineById.get(rl.orderLineId)!;
    const sale = originals
      .filter((a) => a.orderLineId === line.id)
      .map((a) => ({ linkId: a.benefitLinkId, householdId: a.householdId, amountFen: a.amountFen }));
    for (const row of reverseAllocations(sale, { refundFen: rl.amountFen, netFen: line.netFen, alreadyRefundedFen: line.refundedFen })) {
      negative.push({
        orderLineId: line.id,
        householdId: row.householdId,
        benefitLinkId: row.linkId,
        amountFen: row.amountFen,
        createdAt: at,
      });
    }
    await tx.orderLine.update({
      where: { id: line.id },
      data: { refundedFen: { increment: rl.amountFen }, restockedQty: { increment: rl.quantity } },
    });
  }
  if (negative.length) await tx.allocation.createMany({ data: negative });
  await recordRefundInReports(tx, refundId, negative);
  await tx.settlementEntry.createMany({
    data: refund.lines
      .filter((rl) => rl.amountFen > 0)
      .map((rl) => ({
        operatorId: lineById.get(rl.orderLineId)!.operatorId,
        orderLineId: rl.orderLineId,
        kind: "REFUND" as const,
        amountFen: -rl.amountFen,
        createdAt: at,
      })),
  });
  const restock = refund.lines
    .filter((rl) => rl.quantity > 0)
    .sort((a, b) => (lineById.get(a.orderLineId)!.productId < lineById.get(b.orderLineId)!.productId ? -1 : 1));
  for (const rl of restock) {
    await adjustStock(tx, { productId: lineById.get(rl.orderLineId)!.productId, delta: rl.quantity, reason: "RETURN", note: order.number });
  }
  const refundedFen = order.refundedFen + refund.amountFen;
  // Whole once every line is refunded (shipping left unrefunded does not keep an order open).
  const goodsLeft =
    order.lines.reduce((sum, l) => sum + l.netFen - l.refundedFen, 0) - refund.lines.reduce((sum, l) => sum + l.amountFen, 0);
  const whole = goodsLeft === 0;
  await tx.order.update({ where: { id: order.id }, data: { refundedFen, ...(whole ? { status: "REFUNDED" } : {}) } });
  if (whole) await tx.shipment.updateMany({ where: { orderId: order.id, status: "TO_SHIP" }, data: { status: "CANCELLED" } });
  else await settleShipments(tx, order.id); // an operator's part refunded in full needs no shipping
  await tx.refund.update({
    where: { id: refundId },
    data: { status: "SUCCEEDED", settledAt: at, ...(providerRefundId ? { providerRefundId } : {}) },
  });
  // An invoice issued for a part this refund touched now needs its red-letter reversal (红冲).
  const touched = new Set(refund.lines.filter((rl) => rl.amountFen > 0).map((rl) => lineById.get(rl.orderLineId)!.operatorId));
  if (refund.shippingFen > 0 && refund.shippingOperatorId) touched.add(refund.shippingOperatorId);
  await flagInvoicesAfterRefund(tx, order.id, [...touched].sort(), refundId);
  await notifyRefund(tx, refundId);
  return true;
}

/**
 * Stripe says the charge of `paymentIntentId` has `amountRefunded` fen refunded in all. Refunds
 * we asked for and are still waiting on are settled first (oldest first); what is left over
 * was refunded on Stripe's side and is booked across the lines in proportion (no restock).
 */
export async function reconcileChargeRefunds(
  db: Db,
  input: { paymentIntentId: string; amountRefunded: number; event: PaymentEvent },
): Promise<"applied" | "duplicateEvent" | "unknownPayment"> {
  return db.$transaction(
    async (tx) => {
      const order = await tx.order.findFirst({ where: { paymentIntentId: input.paymentIntentId }, select: { id: true } });
      if (!(await firstDelivery(tx, input.event, order?.id ?? null))) return "duplicateEvent";
      if (!order) return "unknownPayment";

      const pending = await tx.refund.findMany({
        where: { orderId: order.id, status: "PENDING", providerRefundId: { not: null } },
        orderBy: { createdAt: "asc" },
      });
      for (const refund of pending) {
        const current = await lockedOrder(tx, order.id);
        if (!current || current.refundedFen + refund.amountFen > input.amountRefunded) break;
        await applyRefundIn(tx, refund.id, null);
      }
      const current = (await lockedOrder(tx, order.id))!;
      const outside = input.amountRefunded - current.refundedFen;
      if (outside <= 0 || !(REFUNDABLE_STATUSES as readonly string[]).includes(current.status)) return "applied";
      const open = [...openAmounts(current).values()].sort((a, b) => (a.line.id < b.line.id ? -1 : 1));
      const amount = Math.min(
        outside,
        open.reduce((s, o) => s + Math.max(o.fen, 0), 0),
      );
      if (amount > 0) {
        const parts = splitAcross(
          open.map((o) => Math.max(o.fen, 0)),
          amount,
        );
        const refund = await tx.refund.create({
          data: {
            orderId: order.id,
            amountFen: amount,
            reason: "refunded at the payment provider",
            lines: {
              create: open.map((o, i) => ({ orderLineId: o.line.id, amountFen: parts[i]!, quantity: 0 })).filter((l) => l.amountFen > 0),
            },
          },
        });
        await applyRefundIn(tx, refund.id, null);
      }
      // Beyond every line's goods, the provider gave back shipping: each seller's part of it, in
      // proportion to what is left of each seller's fee (the seller's money, no allocations move).
      await bookOutsideShipping(tx, order.id, outside - amount);
      return "applied";
    },
    { timeout: 20_000 },
  );
}
