// What happens to an order after checkout, in one place whoever reports it: the Stripe webhook,
// the shopper's return page, the demo payment page, the sweeper.
//   confirmPayment      PENDING_PAYMENT → PAID, with the household allocations (docs/DESIGN.md#rule-5), the
//                       settlement entries and one shipment per operator, in one transaction
//   markAwaitingPayment a delayed method (a bank debit) was chosen: keep the stock until it settles
//   releaseReservation  PENDING_PAYMENT → CANCELLED, the stock given back (docs/DESIGN.md#rule-3: exactly once)
// Each locks the order row first and acts only from PENDING_PAYMENT, so any number of calls,
// in any order, from any of those sources, have one effect (docs/DESIGN.md#rule-4). A provider event also stores
// its id in ProcessedEvent in the same transaction: a repeat is recognised before anything else.
import { notifyOrderPaid } from "@/lib/notifications/events";
import { releaseCampaignLines } from "@/lib/campaigns/lifecycle";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordSaleInReports } from "@/lib/reports/rollups";
import { adjustStock } from "@/lib/stock/ledger";
import { saleLedgerRows } from "./ledger";
import { firstDelivery, lockOrder, type PaymentEvent } from "./locks";
import { isCertifiedAt } from "./sale";
import { writeAudit, type AuditEntry } from "@/lib/audit/audit";

type Tx = Prisma.TransactionClient;

export type Outcome =
  { result: "applied" } | { result: "duplicateEvent" } | { result: "unchanged"; status: string } | { result: "notFound" };

export type CancelReason = "EXPIRED" | "PAYMENT_FAILED" | "CANCELLED_BY_SHOPPER" | "PAYMENT_UNAVAILABLE";

/** Records an event that changed nothing, so its repeats are recognised too. */
export async function recordEvent(db: Db, event: PaymentEvent, orderId: string | null): Promise<boolean> {
  return db.$transaction((tx) => firstDelivery(tx, event, orderId));
}

/**
 * The order is paid. Writes, in one transaction: the status, the line's certification at the
 * moment of sale, the allocations of every line to the households linked to its product (or,
 * failing those, to its operator) as they stood at payment, what the platform owes each
 * operator, the units sold, and one shipment per operator.
 */
export async function confirmPayment(
  db: Db,
  input: {
    orderId: string;
    event?: PaymentEvent;
    paymentIntentId?: string | null;
    at?: Date;
    /** A person confirmed it (an admin marking a bank transfer received): their audit row, written with the payment. */
    audit?: Omit<AuditEntry, "entity" | "entityId">;
  },
): Promise<Outcome> {
  const at = input.at ?? new Date();
  return db.$transaction(
    async (tx) => {
      if (!(await firstDelivery(tx, input.event, input.orderId))) return { result: "duplicateEvent" };
      const order = await lockOrder(tx, input.orderId);
      if (!order) return { result: "notFound" };
      if (order.status !== "PENDING_PAYMENT") {
        if (order.status === "CANCELLED") {
          // Money arrived for an order whose stock was already released: someone must refund it.
          await writeAudit(tx, {
            action: "order.paidAfterCancel",
            entity: "Order",
            entityId: order.id,
            detail: { event: input.event?.id ?? null, paymentIntentId: input.paymentIntentId ?? null },
          });
        }
        return { result: "unchanged", status: order.status };
      }
      await tx.order.update({
        where: { id: order.id },
        data: {
          status: "PAID",
          paidAt: at,
          awaitingAsyncPay: false,
          paymentUrl: null,
          ...(input.paymentIntentId ? { paymentIntentId: input.paymentIntentId } : {}),
        },
      });
      await writeSaleLedger(tx, order.id, at);
      await notifyOrderPaid(tx, order.id);
      if (input.audit) await writeAudit(tx, { ...input.audit, entity: "Order", entityId: order.id });
      return { result: "applied" };
    },
    { timeout: 20_000 },
  );
}

/**
 * The sale's ledger rows for every line of a just-paid order. Also used by the volume generator
 * (through ./ledger.ts, saleLedgerRows), so the benchmark data is computed by this code and no other.
 */
export async function writeSaleLedger(tx: Tx, orderId: string, at: Date): Promise<void> {
  const lines = await tx.orderLine.findMany({
    where: { orderId },
    select: {
      id: true,
      productId: true,
      operatorId: true,
      quantity: true,
      netFen: true,
      product: { select: { status: true, certifiedUntil: true } },
    },
    orderBy: { id: "asc" },
  });
  const operatorIds = [...new Set(lines.map((l) => l.operatorId))].sort();
  const links = await tx.benefitLink.findMany({
    where: { operatorId: { in: operatorIds } },
    select: {
      id: true,
      householdId: true,
      operatorId: true,
      productId: true,
      rule: true,
      bps: true,
      fenPerUnit: true,
      validFrom: true,
      validTo: true,
    },
  });

  for (const line of lines) {
    await tx.orderLine.update({ where: { id: line.id }, data: { certifiedAtSale: isCertifiedAt(line.product, at) } });
  }
  // Product rows in id order, as checkout locks them, so two payments never wait on each other in a cycle.
  for (const line of [...lines].sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0))) {
    await tx.$executeRaw`UPDATE "Product" SET "soldCount" = "soldCount" + ${line.quantity}::int WHERE "id" = ${line.productId}`;
  }
  const rows = saleLedgerRows(lines, links, at);
  if (rows.allocations.length) await tx.allocation.createMany({ data: rows.allocations });
  await tx.settlementEntry.createMany({ data: rows.settlements });
  // Each seller's shipping is the seller's money: its own settlement entry, never an allocation.
  const shipping = await tx.orderShipping.findMany({
    where: { orderId, feeFen: { gt: 0 } },
    select: { id: true, operatorId: true, feeFen: true },
  });
  if (shipping.length) {
    await tx.settlementEntry.createMany({
      data: shipping.map((s) => ({
        operatorId: s.operatorId,
        orderShippingId: s.id,
        kind: "SALE" as const,
        amountFen: s.feeFen,
        createdAt: at,
      })),
    });
  }
  await recordSaleInReports(tx, orderId);
  await tx.shipment.createMany({ data: operatorIds.map((operatorId) => ({ orderId, operatorId })), skipDuplicates: true });
}

/** The shopper paid with a method that settles later: the stock stays held until it does. */
export async function markAwaitingPayment(
  db: Db,
  input: { orderId: string; event?: PaymentEvent; paymentIntentId?: string | null },
): Promise<Outcome> {
  return db.$transaction(async (tx) => {
    if (!(await firstDelivery(tx, input.event, input.orderId))) return { result: "duplicateEvent" };
    const order = await lockOrder(tx, input.orderId);
    if (!order) return { result: "notFound" };
    if (order.status !== "PENDING_PAYMENT") return { result: "unchanged", status: order.status };
    await tx.order.update({
      where: { id: order.id },
      data: { awaitingAsyncPay: true, paymentUrl: null, paymentIntentId: input.paymentIntentId ?? undefined },
    });
    return { result: "applied" };
  });
}

/** An unpaid order ends: its stock goes back on the shelf, once, whoever calls first. */
export async function releaseReservation(
  db: Db,
  input: { orderId: string; reason: CancelReason; event?: PaymentEvent; at?: Date },
): Promise<Outcome> {
  const at = input.at ?? new Date();
  return db.$transaction(
    async (tx) => {
      if (!(await firstDelivery(tx, input.event, input.orderId))) return { result: "duplicateEvent" };
      const order = await lockOrder(tx, input.orderId);
      if (!order) return { result: "notFound" };
      if (order.status !== "PENDING_PAYMENT") return { result: "unchanged", status: order.status };
      const cancelled = await tx.order.update({
        where: { id: order.id },
        data: { status: "CANCELLED", cancelledAt: at, cancelReason: input.reason, paymentUrl: null, awaitingAsyncPay: false },
        select: { campaignId: true, userId: true, email: true, mobile: true, province: true, city: true, district: true, address: true },
      });
      if (cancelled.campaignId) {
        // A livestream order's units go back to its campaign (lib/campaigns/lifecycle.ts).
        await releaseCampaignLines(tx, { ...cancelled, id: order.id, number: order.number, campaignId: cancelled.campaignId });
        return { result: "applied" };
      }
      const lines = await tx.orderLine.findMany({
        where: { orderId: order.id },
        select: { productId: true, quantity: true },
        orderBy: { productId: "asc" },
      });
      for (const line of lines) {
        await adjustStock(tx, { productId: line.productId, delta: line.quantity, reason: "RELEASE", note: order.number });
      }
      return { result: "applied" };
    },
    { timeout: 20_000 },
  );
}
