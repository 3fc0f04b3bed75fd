// What each domain event notifies, and whom. Each function runs inside the event's own
// transaction (the order row already locked by the caller), reads what its mail needs and writes
// the Outbox rows through enqueue(). Household names never appear: no function here reads them.
import type { Prisma } from "@/lib/generated/prisma/client";
import { formatFen } from "@/lib/money";
import { orderPath } from "@/lib/orders/access";
import { notificationConfig, siteLink } from "./config";
import type { Kind } from "./kinds";
import { enqueue, mailLocale } from "./outbox";
import { shanghaiFormat } from "@/lib/time/shanghai";
import type { SecurityMail } from "@/lib/auth/alerts";

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

// ---- after-sales (lib/after-sales/requests.ts): each step's mail, in the step's transaction ------

const PROBLEM: Record<string, { zh: string; en: string }> = {
  DAMAGED: { zh: "商品破损", en: "damaged" },
  WRONG_ITEM: { zh: "发错货", en: "wrong item" },
  MISSING: { zh: "少件/漏发", en: "missing items" },
  QUALITY: { zh: "质量问题", en: "quality problem" },
  OTHER: { zh: "七天无理由", en: "no reason (7 days)" },
};

async function afterSaleFacts(tx: Tx, requestId: string) {
  return tx.afterSaleRequest.findUniqueOrThrow({
    where: { id: requestId },
    select: {
      id: true,
      orderId: true,
      operatorId: true,
      reason: true,
      askedFen: true,
      offeredFen: true,
      refundedFen: true,
      sellerNote: true,
      adminNote: true,
      answerBy: true,
      order: { select: { number: true } },
      operator: { select: { slug: true, nameZh: true, nameEn: true } },
      orderLine: { select: { product: { select: { nameZh: true, nameEn: true } } } },
    },
  });
}
type AfterSaleFacts = Awaited<ReturnType<typeof afterSaleFacts>>;

const problemOf = (r: AfterSaleFacts, locale: string) => (locale === "en" ? PROBLEM[r.reason]!.en : PROBLEM[r.reason]!.zh);
const goodsOf = (r: AfterSaleFacts, locale: string) =>
  r.orderLine ? nameOf(r.orderLine.product, locale) : locale === "en" ? "the whole parcel" : "整单商品";

/** The seller's managers, each in their own language, about one request. */
async function notifySellerOfAfterSale(
  tx: Tx,
  r: AfterSaleFacts,
  kind: "aftersale.opened" | "aftersale.escalated",
  key: string,
  answer = "",
) {
  for (const manager of await managersOf(tx, r.operatorId)) {
    const ml = mailLocale(manager.locale);
    await enqueue(tx, {
      kind,
      key: `${key}:${manager.id}`,
      email: manager.email,
      userId: manager.id,
      locale: ml,
      data: {
        orderNumber: r.order.number,
        operatorName: nameOf(r.operator, ml),
        productName: goodsOf(r, ml),
        problem: problemOf(r, ml),
        amount: formatFen(r.askedFen),
        answer,
        deadline: shanghaiFormat(ml, { dateStyle: "medium", timeStyle: "short" }).format(r.answerBy),
        link: siteLink(`/coop/${r.operator.slug}/after-sales`, ml),
      },
    });
  }
}

/** A shopper opened a request: the seller's managers hear of it. */
export async function notifyAfterSaleOpened(tx: Tx, requestId: string): Promise<void> {
  const r = await afterSaleFacts(tx, requestId);
  await notifySellerOfAfterSale(tx, r, "aftersale.opened", `aftersale.opened:${r.id}`);
}

/** The seller answered (an offer or a refusal; an acceptance says "accepted"): the shopper hears of it. */
export async function notifyAfterSaleAnswered(tx: Tx, requestId: string, answer: "accepted" | "partial" | "refused"): Promise<void> {
  const r = await afterSaleFacts(tx, requestId);
  const amount = answer === "partial" ? r.offeredFen : r.refundedFen;
  await notifyBuyer(tx, r.orderId, "aftersale.answered", `aftersale.answered:${r.id}:${answer}`, (order, locale) => ({
    orderNumber: order.number,
    operatorName: nameOf(r.operator, locale),
    amount: formatFen(amount ?? r.askedFen),
    answer,
    reason: r.sellerNote ?? "",
    link: orderLink(order, locale),
  }));
}

/** The request went to the platform, by the shopper ("buyer") or because nobody answered ("auto"). */
export async function notifyAfterSaleEscalated(tx: Tx, requestId: string, by: "buyer" | "auto"): Promise<void> {
  const r = await afterSaleFacts(tx, requestId);
  await notifySellerOfAfterSale(tx, r, "aftersale.escalated", `aftersale.escalated:${r.id}`, by);
}

/** The admin decided: the shopper hears of it. */
export async function notifyAfterSaleDecided(tx: Tx, requestId: string, answer: "accepted" | "rejected"): Promise<void> {
  const r = await afterSaleFacts(tx, requestId);
  await notifyBuyer(tx, r.orderId, "aftersale.decided", `aftersale.decided:${r.id}`, (order, locale) => ({
    orderNumber: order.number,
    amount: formatFen(r.refundedFen ?? 0),
    answer,
    reason: r.adminNote ?? "",
    link: orderLink(order, locale),
  }));
}

// ---- low stock: the operator's managers, once per crossing of the threshold ----------------------

/**
 * A sale took the product from `before` to `after` units. When that crosses below `threshold`,
 * its operator's managers hear of it; `crossingId` names the crossing (the order that made it), so
 * a replay writes nothing new and a later crossing (after a restock) is a new mail.
 */
export async function notifyLowStock(
  tx: Tx,
  input: { productId: string; before: number; after: number; threshold: number; crossingId: string },
): Promise<void> {
  if (!(input.before >= input.threshold && input.after < input.threshold)) return;
  const product = await tx.product.findUniqueOrThrow({
    where: { id: input.productId },
    select: { id: true, nameZh: true, nameEn: true, operatorId: true, operator: { select: { slug: true, nameZh: true, nameEn: true } } },
  });
  for (const manager of await managersOf(tx, product.operatorId)) {
    const ml = mailLocale(manager.locale);
    await enqueue(tx, {
      kind: "stock.low",
      key: `stock.low:${product.id}:${input.crossingId}:${manager.id}`,
      email: manager.email,
      userId: manager.id,
      locale: ml,
      data: {
        productName: nameOf(product, ml),
        operatorName: nameOf(product.operator, ml),
        amount: String(input.after),
        link: siteLink(`/coop/${product.operator.slug}/products/${product.id}`, ml),
      },
    });
  }
}

// ---- seller applications (lib/applications): the applicant hears of each decision ----------------

export async function notifyApplicationDecision(
  tx: Tx,
  applicationId: string,
  decision: "recommended" | "approved" | "returned",
  eventId: string,
): Promise<void> {
  const app = await tx.operatorApplication.findUniqueOrThrow({
    where: { id: applicationId },
    select: {
      id: true,
      nameZh: true,
      nameEn: true,
      reason: true,
      applicant: { select: { id: true, email: true, locale: true } },
      operator: { select: { slug: true } },
    },
  });
  const ml = mailLocale(app.applicant.locale);
  const path = decision === "approved" && app.operator ? `/coop/${app.operator.slug}` : "/apply";
  await enqueue(tx, {
    kind: `application.${decision}`,
    key: `application.${decision}:${eventId}`,
    email: app.applicant.email,
    userId: app.applicant.id,
    locale: ml,
    data: { operatorName: ml === "en" ? app.nameEn || app.nameZh : app.nameZh, reason: app.reason ?? "", link: siteLink(path, ml) },
  });
}

// ---- security mails (lib/auth/alerts.ts's hook): cannot be turned off ----------------------------

/** Writes the mails of one security alert to the outbox (registered with setSecurityMailer). */
export async function notifySecurity(tx: Tx, mail: SecurityMail, eventId: string): Promise<void> {
  if (mail.kind === "signInUnderAttack" || mail.kind === "sessionsEnded") {
    const user = await tx.user.findUnique({ where: { email: mail.email }, select: { id: true, email: true, locale: true } });
    if (!user) return;
    const ml = mailLocale(user.locale);
    await enqueue(tx, {
      kind: mail.kind === "signInUnderAttack" ? "security.signInChallenged" : "security.sessionsEnded",
      key: `security.${mail.kind}:${eventId}`,
      email: user.email,
      userId: user.id,
      locale: ml,
      data: { link: siteLink("/forgot-password", ml) },
    });
    return;
  }
  // An officer revealed many ID numbers: the county's other officers and every admin are told.
  const officer = await tx.user.findUnique({ where: { id: mail.officerUserId }, select: { name: true, email: true } });
  const readers = await tx.user.findMany({
    where: {
      disabledAt: null,
      id: { not: mail.officerUserId },
      OR: [{ role: "ADMIN" }, ...(mail.countyId ? [{ role: "OFFICER" as const, countyId: mail.countyId }] : [])],
    },
    select: { id: true, email: true, locale: true, role: true },
    orderBy: { id: "asc" },
  });
  for (const reader of readers) {
    const ml = mailLocale(reader.locale);
    const where = reader.role === "ADMIN" ? "/admin/security" : "/office";
    await enqueue(tx, {
      kind: "security.revealAlert",
      key: `security.revealAlert:${eventId}:${reader.id}`,
      email: reader.email,
      userId: reader.id,
      locale: ml,
      data: {
        name: officer ? `${officer.name} <${officer.email}>` : mail.officerUserId,
        amount: String(mail.revealsLastHour),
        link: siteLink(where, ml),
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

// ---- reviews (lib/reviews/reviews.ts): the seller hears of a new review, in its transaction -------

/** The longest piece of a review's text quoted in the mail. */
const REVIEW_EXCERPT = 80;

export async function notifyReviewPosted(tx: Tx, reviewId: string): Promise<void> {
  const review = await tx.review.findUniqueOrThrow({
    where: { id: reviewId },
    select: {
      id: true,
      stars: true,
      body: true,
      operatorId: true,
      product: { select: { nameZh: true, nameEn: true, operator: { select: { slug: true, nameZh: true, nameEn: true } } } },
    },
  });
  const operator = review.product.operator;
  const text = review.body.replace(/\s+/g, " ").trim();
  const excerpt = text.length > REVIEW_EXCERPT ? `${text.slice(0, REVIEW_EXCERPT)}…` : text;
  for (const manager of await managersOf(tx, review.operatorId)) {
    const ml = mailLocale(manager.locale);
    await enqueue(tx, {
      kind: "review.new",
      key: `review.new:${review.id}:${manager.id}`,
      email: manager.email,
      userId: manager.id,
      locale: ml,
      data: {
        productName: nameOf(review.product, ml),
        operatorName: nameOf(operator, ml),
        stars: String(review.stars),
        excerpt,
        link: siteLink(`/coop/${operator.slug}/reviews`, ml),
      },
    });
  }
}
