// What the pages read about after-sales requests: the order page (the requests of one order and what
// may still be asked), the seller's 售后 tab (its requests by status, with counts) and the admin's
// decisions. Access is decided by the caller; these only read. No household is named anywhere here.
import type { Db } from "@/lib/db/client";
import type { AfterSaleStatus } from "@/lib/generated/prisma/enums";
import { refundableShippingFen } from "@/lib/shipping-fees/fees";
import { checkOpen, isActive, refundableOf, windowClosesAt, windowOf, type Window } from "./rules";

const requestSelect = {
  id: true,
  orderId: true,
  operatorId: true,
  orderLineId: true,
  reason: true,
  detail: true,
  askedFen: true,
  offeredFen: true,
  refundedFen: true,
  returnGoods: true,
  photos: true,
  status: true,
  sellerNote: true,
  adminNote: true,
  answerBy: true,
  answeredAt: true,
  escalatedAt: true,
  decidedAt: true,
  createdAt: true,
  orderLine: { select: { quantity: true, product: { select: { nameZh: true, nameEn: true } } } },
  operator: { select: { slug: true, nameZh: true, nameEn: true } },
  order: { select: { number: true } },
} as const;

export async function afterSalesOfOrder(db: Db, orderId: string) {
  return db.afterSaleRequest.findMany({ where: { orderId }, orderBy: { createdAt: "desc" }, select: requestSelect });
}
export type AfterSaleRow = Awaited<ReturnType<typeof afterSalesOfOrder>>[number];

export interface PartOption {
  operatorId: string;
  window: Window;
  closesAt: Date | null;
  /** The lines a request may be opened about now, with what each may ask. */
  lines: { id: string; maxFen: number }[];
  /** What a request about the whole part may ask (lines and the refundable shipping), 0 when none. */
  wholeMaxFen: number;
  /** Why nothing may be asked (not delivered yet, window closed), when so. */
  closed: "afterSaleNotDelivered" | "afterSaleWindowClosed" | null;
}

/** Per seller of the order: may a request be opened now, about which lines, for how much at most. */
export async function afterSaleOptions(db: Db, orderId: string, now = new Date()): Promise<PartOption[]> {
  const order = await db.order.findUnique({
    where: { id: orderId },
    select: {
      status: true,
      lines: {
        orderBy: { id: "asc" },
        select: {
          id: true,
          operatorId: true,
          netFen: true,
          refundedFen: true,
          product: { select: { category: true, noReasonReturn: true } },
        },
      },
      refunds: {
        where: { status: "PENDING" },
        select: { shippingFen: true, shippingOperatorId: true, lines: { select: { orderLineId: true, amountFen: true } } },
      },
      shipping: { select: { operatorId: true, feeFen: true, refundedFen: true } },
      shipments: { select: { operatorId: true, status: true, deliveredAt: true, receivedAt: true } },
      afterSales: { select: { operatorId: true, orderLineId: true, status: true } },
    },
  });
  if (!order || !["PAID", "SHIPPED", "DELIVERED"].includes(order.status)) return [];
  const pending = new Map<string, number>();
  for (const r of order.refunds) for (const l of r.lines) pending.set(l.orderLineId, (pending.get(l.orderLineId) ?? 0) + l.amountFen);
  const operators = [...new Set(order.lines.map((l) => l.operatorId))];
  return operators.map((operatorId) => {
    const lines = order.lines.filter((l) => l.operatorId === operatorId);
    const window = windowOf(lines.map((l) => l.product));
    const shipment = order.shipments.find((s) => s.operatorId === operatorId);
    const deliveredAt = shipment?.status === "DELIVERED" ? (shipment.receivedAt ?? shipment.deliveredAt) : null;
    const probe = checkOpen({ products: lines.map((l) => l.product), deliveredAt, reason: window.reasons[0]!, now });
    const closed = probe.ok ? null : probe.error === "afterSaleReasonNotAllowed" ? null : probe.error;
    const active = order.afterSales.filter((a) => a.operatorId === operatorId && isActive(a.status));
    const shippingLine = order.shipping.find((s) => s.operatorId === operatorId);
    const shippingPending = order.refunds.filter((r) => r.shippingOperatorId === operatorId).reduce((s, r) => s + r.shippingFen, 0);
    const shippingOpen = shippingLine ? refundableShippingFen(shippingLine) - shippingPending : 0;
    const open = lines.map((l) => ({ orderLineId: l.id, openFen: l.netFen - l.refundedFen - (pending.get(l.id) ?? 0) }));
    const wholeBlocked = active.length > 0;
    return {
      operatorId,
      window,
      closesAt: deliveredAt ? windowClosesAt(window, deliveredAt) : null,
      closed,
      lines: closed
        ? []
        : open
            .filter((o) => o.openFen > 0 && !active.some((a) => !a.orderLineId || a.orderLineId === o.orderLineId))
            .map((o) => ({ id: o.orderLineId, maxFen: o.openFen })),
      wholeMaxFen: closed || wholeBlocked ? 0 : refundableOf(open, shippingOpen, true).totalFen,
    };
  });
}

// ---- the seller's 售后 tab ----------------------------------------------------------------------

export const SELLER_TABS = ["open", "waiting", "platform", "done"] as const;
export type SellerTab = (typeof SELLER_TABS)[number];
export const isSellerTab = (v: unknown): v is SellerTab => typeof v === "string" && (SELLER_TABS as readonly string[]).includes(v);
const TAB_STATUSES: Record<SellerTab, AfterSaleStatus[]> = {
  open: ["OPEN"], // 待处理
  waiting: ["PARTIAL", "REFUSED"], // 待买家回应
  platform: ["ESCALATED"], // 平台处理中
  done: ["ACCEPTED", "REJECTED"], // 已完结
};
export const PAGE_SIZE = 20;

export async function operatorAfterSales(db: Db, operatorId: string, tab: SellerTab, page: number) {
  const grouped = await db.afterSaleRequest.groupBy({
    by: ["status"],
    where: { operatorId },
    _count: { _all: true },
    orderBy: { status: "asc" },
  });
  const countOf = (statuses: AfterSaleStatus[]) =>
    grouped.filter((g) => statuses.includes(g.status)).reduce((s, g) => s + g._count._all, 0);
  const counts = Object.fromEntries(SELLER_TABS.map((t) => [t, countOf(TAB_STATUSES[t])])) as Record<SellerTab, number>;
  const total = counts[tab];
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const rows = await db.afterSaleRequest.findMany({
    where: { operatorId, status: { in: TAB_STATUSES[tab] } },
    orderBy: tab === "open" ? [{ answerBy: "asc" }, { id: "asc" }] : [{ updatedAt: "desc" }, { id: "asc" }],
    skip: (current - 1) * PAGE_SIZE,
    take: PAGE_SIZE,
    select: requestSelect,
  });
  return { counts, rows, page: current, pages };
}

/** How many requests wait for this operator's answer (the console's navigation badge). */
export function openAfterSaleCount(db: Db, operatorId: string) {
  return db.afterSaleRequest.count({ where: { operatorId, status: "OPEN" } });
}

// ---- the admin's decisions ---------------------------------------------------------------------

export async function escalatedAfterSales(db: Db) {
  const [waiting, decided] = await Promise.all([
    db.afterSaleRequest.findMany({
      where: { status: "ESCALATED" },
      orderBy: [{ escalatedAt: "asc" }, { id: "asc" }],
      take: 100,
      select: requestSelect,
    }),
    db.afterSaleRequest.findMany({
      where: { decidedAt: { not: null } },
      orderBy: [{ decidedAt: "desc" }, { id: "asc" }],
      take: 20,
      select: requestSelect,
    }),
  ]);
  return { waiting, decided };
}

/** May this caller see this after-sales photo? The request's buyer (signed in), its seller's managers, admins. */
export async function mayReadAfterSalePhoto(db: Db, actor: { userId: string; role: string; operatorIds: string[] } | null, url: string) {
  if (!actor) return false;
  const request = await db.afterSaleRequest.findFirst({
    where: { photos: { has: url } },
    select: { operatorId: true, userId: true, order: { select: { userId: true } } },
  });
  if (!request) return false;
  if (actor.role === "ADMIN") return true;
  if (actor.role === "MANAGER" && actor.operatorIds.includes(request.operatorId)) return true;
  return request.order.userId === actor.userId || request.userId === actor.userId;
}
