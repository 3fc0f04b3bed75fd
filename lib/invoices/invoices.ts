// Invoices (发票) in the database: the buyer's request and cancellation, the seller's issue and
// reversal, the refund's 红冲 flag, and the reads of the order page and the seller's console. Each
// step is one guarded UPDATE (… WHERE status = <the step's start>), so two clicks, two clerks or a
// refund arriving meanwhile change an invoice once; the partial unique index of the migration keeps
// one open invoice per order and seller. Who may call is decided by the caller (./actions.ts).
import { ActionError, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { writeAudit } from "@/lib/audit/audit";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { InvoiceStatus } from "@/lib/generated/prisma/enums";
import { notifyInvoiceIssued } from "@/lib/notifications/events";
import { INVOICEABLE_ORDER_STATUSES, OPEN_STATUSES, sellerPartFen, STEPS, type InvoiceRequest } from "./rules";

type Tx = Prisma.TransactionClient;

/** The seller's part of the order, net of refunds, now. */
async function partFen(tx: Tx | Db, orderId: string, operatorId: string): Promise<number> {
  const [lines, shipping] = await Promise.all([
    tx.orderLine.findMany({ where: { orderId, operatorId }, select: { operatorId: true, netFen: true, refundedFen: true } }),
    tx.orderShipping.findMany({ where: { orderId, operatorId }, select: { operatorId: true, feeFen: true, refundedFen: true } }),
  ]);
  return sellerPartFen(lines, shipping, operatorId);
}

const isUniqueViolation = (error: unknown) => (error as { code?: unknown } | null)?.code === "P2002";

/**
 * The buyer asks the seller `operatorId` for an invoice of its part of the order. The order must be
 * paid and the seller must have a part left to invoice; a second request while one is open is refused.
 */
export async function requestInvoice(
  db: Db,
  input: { orderId: string; operatorId: string; request: InvoiceRequest; requestedById: string | null },
): Promise<{ id: string }> {
  try {
    return await db.$transaction(async (tx) => {
      const order = await tx.order.findUnique({ where: { id: input.orderId }, select: { id: true, status: true } });
      if (!order) throw notFound();
      const hasPart = await tx.orderLine.count({ where: { orderId: order.id, operatorId: input.operatorId } });
      if (!hasPart) throw notFound();
      if (!(INVOICEABLE_ORDER_STATUSES as readonly string[]).includes(order.status)) throw new ActionError("invoiceOrderNotPaid");
      if ((await partFen(tx, order.id, input.operatorId)) <= 0) throw new ActionError("invoiceNothingToInvoice");
      const open = await tx.invoice.count({
        where: { orderId: order.id, operatorId: input.operatorId, status: { in: [...OPEN_STATUSES] } },
      });
      if (open) throw new ActionError("invoiceAlreadyRequested");
      const r = input.request;
      const created = await tx.invoice.create({
        data: {
          orderId: order.id,
          operatorId: input.operatorId,
          kind: r.kind,
          personal: r.personal,
          title: r.title,
          taxNo: r.taxNo,
          regAddress: r.regAddress,
          regPhone: r.regPhone,
          bankName: r.bankName,
          bankAccount: r.bankAccount,
          email: r.email,
          requestedById: input.requestedById,
        },
        select: { id: true },
      });
      await writeAudit(tx, {
        userId: input.requestedById,
        action: "invoice.request",
        entity: "Invoice",
        entityId: created.id,
        detail: { orderId: order.id, operatorId: input.operatorId, kind: r.kind },
      });
      return created;
    });
  } catch (error) {
    // Two requests at once: the partial unique index let one in.
    if (isUniqueViolation(error)) throw new ActionError("invoiceAlreadyRequested");
    throw error;
  }
}

/** Moves an invoice one step, from the status the step starts at; false when it was not there. */
async function step(tx: Tx, id: string, from: InvoiceStatus, data: Prisma.InvoiceUncheckedUpdateManyInput): Promise<boolean> {
  const { count } = await tx.invoice.updateMany({ where: { id, status: from }, data });
  return count === 1;
}

/** The buyer withdraws a request the seller has not issued yet. */
export async function cancelInvoice(db: Db, input: { invoiceId: string; orderId: string; actorUserId: string | null }): Promise<void> {
  await db.$transaction(async (tx) => {
    const invoice = await tx.invoice.findUnique({ where: { id: input.invoiceId }, select: { id: true, orderId: true, status: true } });
    if (!invoice || invoice.orderId !== input.orderId) throw notFound();
    if (!(await step(tx, invoice.id, STEPS.cancel, { status: "CANCELLED", cancelledAt: new Date(), cancelReason: "buyer" }))) {
      throw new ActionError(invoice.status === "CANCELLED" ? "invoiceAlreadyCancelled" : "invoiceAlreadyIssued");
    }
    await writeAudit(tx, { userId: input.actorUserId, action: "invoice.cancel", entity: "Invoice", entityId: invoice.id });
  });
}

export interface IssuedDocument {
  invoiceNo: string | null;
  /** A stored PDF (lib/storage), already checked by ./rules.ts pdfProblem. */
  file: { key: string; name: string; bytes: number } | null;
  downloadUrl: string | null;
}

/**
 * The seller issues a requested invoice: the amount is its part of the order net of refunds at this
 * moment; the buyer is told (outbox). Refused when the order is not paid or nothing is left to invoice.
 */
export async function issueInvoice(db: Db, actor: Actor, invoiceId: string, doc: IssuedDocument): Promise<{ amountFen: number }> {
  return db.$transaction(async (tx) => {
    const invoice = await tx.invoice.findUnique({
      where: { id: invoiceId },
      select: { id: true, orderId: true, operatorId: true, status: true, order: { select: { status: true } } },
    });
    if (!invoice) throw notFound();
    // The order row locked: a refund being written waits, so the amount is the one of this moment.
    await tx.$queryRaw`SELECT 1 FROM "Order" WHERE "id" = ${invoice.orderId} FOR UPDATE`;
    if (invoice.status !== STEPS.issue) throw new ActionError(invoice.status === "CANCELLED" ? "invoiceCancelled" : "invoiceAlreadyIssued");
    const order = await tx.order.findUniqueOrThrow({ where: { id: invoice.orderId }, select: { status: true } });
    if (!(INVOICEABLE_ORDER_STATUSES as readonly string[]).includes(order.status)) throw new ActionError("invoiceOrderNotPaid");
    const amountFen = await partFen(tx, invoice.orderId, invoice.operatorId);
    if (amountFen <= 0) throw new ActionError("invoiceNothingToInvoice");
    const moved = await step(tx, invoice.id, STEPS.issue, {
      status: "ISSUED",
      amountFen,
      invoiceNo: doc.invoiceNo,
      fileKey: doc.file?.key ?? null,
      fileName: doc.file?.name ?? null,
      fileBytes: doc.file?.bytes ?? null,
      downloadUrl: doc.downloadUrl,
      issuedAt: new Date(),
      issuedById: actor.userId,
    });
    if (!moved) throw new ActionError("invoiceAlreadyIssued");
    await writeAudit(tx, {
      userId: actor.userId,
      action: "invoice.issue",
      entity: "Invoice",
      entityId: invoice.id,
      detail: { amountFen, invoiceNo: doc.invoiceNo, file: doc.file !== null, link: doc.downloadUrl !== null },
    });
    await notifyInvoiceIssued(tx, invoice.id);
    return { amountFen };
  });
}

/**
 * A refund was written for these sellers' parts of the order (lib/orders/refunds.ts, in its
 * transaction): their issued invoices now overstate the sale and need a red-letter reversal (红冲);
 * a request not yet issued for a part with nothing left is cancelled.
 */
export async function flagInvoicesAfterRefund(tx: Tx, orderId: string, operatorIds: readonly string[], refundId: string): Promise<void> {
  if (!operatorIds.length) return;
  const at = new Date();
  const issued = await tx.invoice.findMany({
    where: { orderId, operatorId: { in: [...operatorIds] }, status: STEPS.flagReversal },
    select: { id: true },
  });
  for (const invoice of issued) {
    if (await step(tx, invoice.id, STEPS.flagReversal, { status: "NEEDS_REVERSAL", reversalDueAt: at })) {
      await writeAudit(tx, { action: "invoice.flagReversal", entity: "Invoice", entityId: invoice.id, detail: { refundId } });
    }
  }
  const requested = await tx.invoice.findMany({
    where: { orderId, operatorId: { in: [...operatorIds] }, status: STEPS.cancel },
    select: { id: true, operatorId: true },
  });
  for (const invoice of requested) {
    if ((await partFen(tx, orderId, invoice.operatorId)) > 0) continue;
    if (await step(tx, invoice.id, STEPS.cancel, { status: "CANCELLED", cancelledAt: at, cancelReason: "refunded" })) {
      await writeAudit(tx, { action: "invoice.cancel", entity: "Invoice", entityId: invoice.id, detail: { refundId, reason: "refunded" } });
    }
  }
}

/**
 * The seller has issued the red-letter reversal (红冲) of a flagged invoice. With `reissue`, a new
 * request with the same details is opened for what is left of the part (when anything is), for the
 * seller to issue as usual.
 */
export async function markInvoiceReversed(
  db: Db,
  actor: Actor,
  input: { invoiceId: string; note: string; reissue: boolean },
): Promise<{ reissuedId: string | null }> {
  return db.$transaction(async (tx) => {
    const invoice = await tx.invoice.findUnique({ where: { id: input.invoiceId } });
    if (!invoice) throw notFound();
    await tx.$queryRaw`SELECT 1 FROM "Order" WHERE "id" = ${invoice.orderId} FOR UPDATE`;
    const moved = await step(tx, invoice.id, STEPS.reverse, {
      status: "REVERSED",
      reversedAt: new Date(),
      reversalNote: input.note || null,
    });
    if (!moved) throw new ActionError(invoice.status === "REVERSED" ? "invoiceAlreadyReversed" : "invoiceNotFlagged");
    let reissuedId: string | null = null;
    if (input.reissue && (await partFen(tx, invoice.orderId, invoice.operatorId)) > 0) {
      const order = await tx.order.findUniqueOrThrow({ where: { id: invoice.orderId }, select: { status: true } });
      if ((INVOICEABLE_ORDER_STATUSES as readonly string[]).includes(order.status)) {
        reissuedId = (
          await tx.invoice.create({
            data: {
              orderId: invoice.orderId,
              operatorId: invoice.operatorId,
              kind: invoice.kind,
              personal: invoice.personal,
              title: invoice.title,
              taxNo: invoice.taxNo,
              regAddress: invoice.regAddress,
              regPhone: invoice.regPhone,
              bankName: invoice.bankName,
              bankAccount: invoice.bankAccount,
              email: invoice.email,
              requestedById: invoice.requestedById,
              replacesId: invoice.id,
            },
            select: { id: true },
          })
        ).id;
      }
    }
    await writeAudit(tx, {
      userId: actor.userId,
      action: "invoice.reverse",
      entity: "Invoice",
      entityId: invoice.id,
      detail: { note: input.note, reissuedId },
    });
    return { reissuedId };
  });
}

// ---- reads ---------------------------------------------------------------------------------------

const invoiceView = {
  id: true,
  operatorId: true,
  kind: true,
  status: true,
  personal: true,
  title: true,
  taxNo: true,
  regAddress: true,
  regPhone: true,
  bankName: true,
  bankAccount: true,
  email: true,
  createdAt: true,
  amountFen: true,
  invoiceNo: true,
  fileKey: true,
  fileName: true,
  downloadUrl: true,
  issuedAt: true,
  cancelledAt: true,
  cancelReason: true,
  reversalDueAt: true,
  reversedAt: true,
  reversalNote: true,
} as const satisfies Prisma.InvoiceSelect;

/** An order's invoices (newest first) and, per seller, its part now and what the form is prefilled with. */
export async function orderInvoices(db: Db, orderId: string) {
  const [order, invoices] = await Promise.all([
    db.order.findUniqueOrThrow({
      where: { id: orderId },
      select: {
        status: true,
        email: true,
        organisation: { select: { nameZh: true, creditCode: true } },
        lines: { select: { operatorId: true, netFen: true, refundedFen: true } },
        shipping: { select: { operatorId: true, feeFen: true, refundedFen: true } },
      },
    }),
    db.invoice.findMany({ where: { orderId }, select: invoiceView, orderBy: { createdAt: "desc" } }),
  ]);
  const operatorIds = [...new Set(order.lines.map((l) => l.operatorId))].sort();
  return {
    invoiceable: (INVOICEABLE_ORDER_STATUSES as readonly string[]).includes(order.status),
    prefill: {
      title: order.organisation?.nameZh ?? "",
      taxNo: order.organisation?.creditCode ?? "",
      email: order.email,
      personal: !order.organisation,
    },
    parts: operatorIds.map((operatorId) => ({
      operatorId,
      partFen: sellerPartFen(order.lines, order.shipping, operatorId),
      invoices: invoices.filter((i) => i.operatorId === operatorId),
    })),
  };
}
export type OrderInvoices = Awaited<ReturnType<typeof orderInvoices>>;

/** What the seller's 发票 tab shows: to issue (REQUESTED), to reverse (NEEDS_REVERSAL), and the rest. */
export async function sellerInvoices(db: Db, operatorId: string, filter: "open" | "all", take = 100) {
  const where: Prisma.InvoiceWhereInput =
    filter === "open" ? { operatorId, status: { in: ["REQUESTED", "NEEDS_REVERSAL"] } } : { operatorId };
  const rows = await db.invoice.findMany({
    where,
    orderBy: [{ createdAt: "desc" }],
    take,
    select: {
      ...invoiceView,
      order: {
        select: {
          id: true,
          number: true,
          status: true,
          lines: { select: { operatorId: true, netFen: true, refundedFen: true } },
          shipping: { select: { operatorId: true, feeFen: true, refundedFen: true } },
        },
      },
    },
  });
  return rows.map(({ order, ...invoice }) => ({
    ...invoice,
    orderNumber: order.number,
    orderStatus: order.status,
    partFen: sellerPartFen(order.lines, order.shipping, operatorId),
  }));
}

/** The console tab's badge: requests to issue and invoices to reverse. */
export async function pendingInvoiceCounts(db: Db, operatorId: string): Promise<{ toIssue: number; toReverse: number }> {
  const rows = await db.invoice.groupBy({
    by: ["status"],
    where: { operatorId, status: { in: ["REQUESTED", "NEEDS_REVERSAL"] } },
    _count: { _all: true },
  });
  const count = (s: InvoiceStatus) => rows.find((r) => r.status === s)?._count._all ?? 0;
  return { toIssue: count("REQUESTED"), toReverse: count("NEEDS_REVERSAL") };
}
