// What each domain event notifies, and whom. Each function runs inside the event's own
// transaction (the order row already locked by the caller), reads what its mail needs and writes
// the Outbox rows through enqueue(). Household names never appear: no function here reads them.
import type { Prisma } from "@/lib/generated/prisma/client";
import { formatFen } from "@/lib/money";
import { orderPath } from "@/lib/orders/access";
import { notificationConfig, siteLink } from "./config";
import type { Kind } from "./kinds";
import { enqueue, mailLocale } from "./outbox";

type Tx = Prisma.TransactionClient;

async function orderFacts(tx: Tx, orderId: string) {
  return tx.order.findUniqueOrThrow({
    where: { id: orderId },
    select: {
      id: true,
      number: true,
      email: true,
      mobile: true,
      totalFen: true,
      userId: true,
      user: { select: { name: true, locale: true } },
    },
  });
}

/** The shopper's link to the order: the signed guest link works for everyone, signed in or not. */
function orderLink(order: { id: string; number: string }, locale: string) {
  return siteLink(orderPath(order.number, order.id), locale, notificationConfig().appUrl);
}

type OrderFacts = Awaited<ReturnType<typeof orderFacts>>;

/** One notification to an order's buyer (mail, and SMS where the kind has it), in the buyer's language. */
async function notifyBuyer(
  tx: Tx,
  orderId: string,
  kind: Kind,
  key: string,
  data: (order: OrderFacts, locale: string) => Record<string, string | undefined>,
): Promise<OrderFacts> {
  const order = await orderFacts(tx, orderId);
  const locale = mailLocale(order.user?.locale);
  await enqueue(tx, { kind, key, email: order.email, mobile: order.mobile, userId: order.userId, locale, data: data(order, locale) });
  return order;
}

const nameOf = (o: { nameZh: string; nameEn: string }, locale: string) => (locale === "en" ? o.nameEn : o.nameZh);

/** The managers of an operator, each in their own language. */
async function managersOf(tx: Tx, operatorId: string) {
  const rows = await tx.membership.findMany({
    where: { operatorId },
    select: { user: { select: { id: true, email: true, locale: true } } },
    orderBy: { userId: "asc" },
  });
  return rows.map((r) => r.user);
}

/** Paid: the shopper gets a receipt, each selling cooperative's managers a "new order to ship". */
export async function notifyOrderPaid(tx: Tx, orderId: string): Promise<void> {
  const order = await notifyBuyer(tx, orderId, "order.paid", `order.paid:${orderId}`, (o, locale) => ({
    orderNumber: o.number,
    amount: formatFen(o.totalFen),
    link: orderLink(o, locale),
    name: o.user?.name,
  }));
  const parts = await tx.orderLine.groupBy({
    by: ["operatorId"],
    where: { orderId },
    _sum: { netFen: true },
    orderBy: { operatorId: "asc" },
  });
  for (const part of parts) {
    const operator = await tx.operator.findUniqueOrThrow({
      where: { id: part.operatorId },
      select: { slug: true, nameZh: true, nameEn: true },
    });
    for (const manager of await managersOf(tx, part.operatorId)) {
      const ml = mailLocale(manager.locale);
      await enqueue(tx, {
        kind: "sale.new",
        key: `sale.new:${order.id}:${part.operatorId}:${manager.id}`,
        email: manager.email,
        userId: manager.id,
        locale: ml,
        data: {
          orderNumber: order.number,
          amount: formatFen(part._sum.netFen ?? 0),
          operatorName: nameOf(operator, ml),
          link: siteLink(`/coop/${operator.slug}/orders/${encodeURIComponent(order.number)}`, ml),
        },
      });
    }
  }
}

async function shipmentFacts(tx: Tx, shipmentId: string) {
  return tx.shipment.findUniqueOrThrow({
    where: { id: shipmentId },
    select: { id: true, orderId: true, carrier: true, trackingNo: true, operator: { select: { nameZh: true, nameEn: true } } },
  });
}

export async function notifyShipped(tx: Tx, shipmentId: string): Promise<void> {
  const shipment = await shipmentFacts(tx, shipmentId);
  await notifyBuyer(tx, shipment.orderId, "order.shipped", `order.shipped:${shipment.id}`, (order, locale) => ({
    orderNumber: order.number,
    carrier: shipment.carrier ?? "",
    trackingNo: shipment.trackingNo ?? "",
    operatorName: nameOf(shipment.operator, locale),
    link: orderLink(order, locale),
  }));
}

export async function notifyDelivered(tx: Tx, shipmentId: string): Promise<void> {
  const shipment = await shipmentFacts(tx, shipmentId);
  await notifyBuyer(tx, shipment.orderId, "order.delivered", `order.delivered:${shipment.id}`, (order, locale) => ({
    orderNumber: order.number,
    operatorName: nameOf(shipment.operator, locale),
    link: orderLink(order, locale),
  }));
}

/** The money is back (written by applyRefund, once per refund). */
export async function notifyRefund(tx: Tx, refundId: string): Promise<void> {
  const refund = await tx.refund.findUniqueOrThrow({
    where: { id: refundId },
    select: { id: true, orderId: true, amountFen: true, reason: true },
  });
  await notifyBuyer(tx, refund.orderId, "refund.made", `refund.made:${refund.id}`, (order, locale) => ({
    orderNumber: order.number,
    amount: formatFen(refund.amountFen),
    // The provider's own booking reason is not meant for the shopper.
    reason: refund.reason === "refunded at the payment provider" ? "" : refund.reason,
    link: orderLink(order, locale),
  }));
}

/** The county office decided: the operator's managers hear of it. `eventId` names the decision (its audit row). */
export async function notifyProductDecision(tx: Tx, productId: string, decision: "certified" | "rejected", eventId: string): Promise<void> {
  const product = await tx.product.findUniqueOrThrow({
    where: { id: productId },
    select: {
      id: true,
      nameZh: true,
      nameEn: true,
      reviewNote: true,
      operatorId: true,
      operator: { select: { slug: true, nameZh: true, nameEn: true } },
    },
  });
  for (const manager of await managersOf(tx, product.operatorId)) {
    const ml = mailLocale(manager.locale);
    await enqueue(tx, {
      kind: decision === "certified" ? "product.certified" : "product.rejected",
      key: `product.${decision}:${eventId}:${manager.id}`,
      email: manager.email,
      userId: manager.id,
      locale: ml,
      data: {
        productName: nameOf(product, ml),
        operatorName: nameOf(product.operator, ml),
        reason: product.reviewNote ?? "",
        link: siteLink(`/coop/${product.operator.slug}/products/${product.id}`, ml),
      },
    });
  }
}

/** The seller issued an invoice: its buyer is told, at the invoice's email, once per invoice. */
export async function notifyInvoiceIssued(tx: Tx, invoiceId: string): Promise<void> {
  const invoice = await tx.invoice.findUniqueOrThrow({
    where: { id: invoiceId },
    select: { id: true, orderId: true, email: true, amountFen: true, operator: { select: { nameZh: true, nameEn: true } } },
  });
  const order = await orderFacts(tx, invoice.orderId);
  const locale = mailLocale(order.user?.locale);
  await enqueue(tx, {
    kind: "invoice.issued",
    key: `invoice.issued:${invoice.id}`,
    email: invoice.email,
    userId: order.userId,
    locale,
    data: {
      orderNumber: order.number,
      amount: formatFen(invoice.amountFen ?? 0),
      operatorName: nameOf(invoice.operator, locale),
      link: orderLink(order, locale),
    },
  });
}
