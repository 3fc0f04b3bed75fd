// The console's reads of orders and settlement, for one operator. Pure queries: the database
// comes first and the caller has checked the scope (requireConsoleOperator). Only this operator's
// lines are ever read; of another operator's lines in the same order, only that they exist.
// Money sums are computed in SQL as bigint (docs/DESIGN.md#rule-1); months are Asia/Shanghai months.
import type { Db, Prisma } from "@/lib/db/client";
import type { OrderStatus, RefundStatus, SettlementKind, ShipmentStatus } from "@/lib/generated/prisma/enums";
import { refundableShippingFen } from "@/lib/shipping-fees/fees";

type Reader = Db | Prisma.TransactionClient;

export const ORDER_TABS = ["to_ship", "shipped", "delivered", "all"] as const;
export type OrderTab = (typeof ORDER_TABS)[number];
export const ORDERS_PER_PAGE = 20;

const TAB_STATUS: Record<Exclude<OrderTab, "all">, ShipmentStatus> = { to_ship: "TO_SHIP", shipped: "SHIPPED", delivered: "DELIVERED" };

export function isOrderTab(value: unknown): value is OrderTab {
  return typeof value === "string" && (ORDER_TABS as readonly string[]).includes(value);
}

/** ?page=3 → 3; anything else → 1. */
const lineSelect = {
  id: true,
  quantity: true,
  unitPriceFen: true,
  netFen: true,
  refundedFen: true,
  restockedQty: true,
  product: { select: { id: true, nameZh: true, nameEn: true, specZh: true, specEn: true, unitZh: true, unitEn: true } },
} as const;

/**
 * The city a person would name for an address of the division list: 北京市 rather than 市辖区 (the
 * municipalities), 仙桃市 rather than 省直辖县级行政区划 (county-level cities under a province).
 */
export function cityName(a: { province: string; city: string; district: string }): string {
  if (a.city === "市辖区" || a.city === "县") return a.province;
  if (a.city.endsWith("直辖县级行政区划")) return a.district;
  return a.city;
}

/** Province, city and district as written on a parcel: 北京市 海淀区, 甘肃省 天水市 甘谷县. */
export function regionLine(a: { province: string; city: string; district: string }): string {
  const city = a.city === "市辖区" || a.city === "县" || a.city.endsWith("直辖县级行政区划") ? "" : a.city;
  return [a.province, city, a.district].filter(Boolean).join(" ");
}

export interface OrderRow {
  shipmentId: string;
  shipmentStatus: ShipmentStatus;
  carrier: string | null;
  trackingNo: string | null;
  orderId: string;
  number: string;
  orderStatus: OrderStatus;
  paidAt: Date;
  /** Privacy: the list shows only whom and which city; the full address is on the order's page. */
  recipient: string;
  city: string;
  lines: { id: string; nameZh: string; nameEn: string; quantity: number; unitZh: string; unitEn: string; netFen: number }[];
  /** This operator's lines only. */
  amountFen: number;
  refundedFen: number;
}

export interface OrderList {
  rows: OrderRow[];
  counts: Record<OrderTab, number>;
  page: number;
  pages: number;
}

/** The operator's part of each paid order, newest payment first, by shipment status. */
export async function listOperatorOrders(db: Reader, operatorId: string, tab: OrderTab, page: number): Promise<OrderList> {
  const grouped = await db.shipment.groupBy({ by: ["status"], where: { operatorId }, _count: { _all: true } });
  const count = (s: ShipmentStatus) => grouped.find((g) => g.status === s)?._count._all ?? 0;
  const counts: Record<OrderTab, number> = {
    to_ship: count("TO_SHIP"),
    shipped: count("SHIPPED"),
    delivered: count("DELIVERED"),
    all: grouped.reduce((s, g) => s + g._count._all, 0),
  };
  const pages = Math.max(1, Math.ceil(counts[tab] / ORDERS_PER_PAGE));
  const current = Math.min(page, pages);
  const shipments = await db.shipment.findMany({
    where: { operatorId, ...(tab === "all" ? {} : { status: TAB_STATUS[tab] }) },
    orderBy: [{ order: { paidAt: "desc" } }, { id: "desc" }],
    skip: (current - 1) * ORDERS_PER_PAGE,
    take: ORDERS_PER_PAGE,
    select: {
      id: true,
      status: true,
      carrier: true,
      trackingNo: true,
      order: {
        select: {
          id: true,
          number: true,
          status: true,
          paidAt: true,
          createdAt: true,
          recipient: true,
          province: true,
          city: true,
          district: true,
          lines: { where: { operatorId }, orderBy: { id: "asc" }, select: lineSelect },
        },
      },
    },
  });
  return {
    counts,
    page: current,
    pages,
    rows: shipments.map((s) => ({
      shipmentId: s.id,
      shipmentStatus: s.status,
      carrier: s.carrier,
      trackingNo: s.trackingNo,
      orderId: s.order.id,
      number: s.order.number,
      orderStatus: s.order.status,
      paidAt: s.order.paidAt ?? s.order.createdAt,
      recipient: s.order.recipient,
      city: cityName(s.order),
      lines: s.order.lines.map((l) => ({
        id: l.id,
        nameZh: l.product.nameZh,
        nameEn: l.product.nameEn,
        quantity: l.quantity,
        unitZh: l.product.unitZh,
        unitEn: l.product.unitEn,
        netFen: l.netFen,
      })),
      amountFen: s.order.lines.reduce((sum, l) => sum + l.netFen, 0),
      refundedFen: s.order.lines.reduce((sum, l) => sum + l.refundedFen, 0),
    })),
  };
}

export interface OperatorOrderLine {
  id: string;
  productId: string;
  nameZh: string;
  nameEn: string;
  specZh: string;
  specEn: string;
  unitZh: string;
  unitEn: string;
  quantity: number;
  unitPriceFen: number;
  netFen: number;
  refundedFen: number;
  restockedQty: number;
  /** Still refundable: net less refunds done and refunds under way. */
  openFen: number;
  /** Units that may still go back on the shelf. */
  openQty: number;
}

export interface OperatorRefund {
  id: string;
  createdAt: Date;
  status: RefundStatus;
  reason: string;
  byAdmin: boolean;
  byName: string | null;
  /** This operator's lines of the refund only. */
  lines: { orderLineId: string; nameZh: string; nameEn: string; amountFen: number; quantity: number; unitZh: string; unitEn: string }[];
  amountFen: number;
  /** Shipping given back by the refund (this operator's). */
  shippingFen: number;
}

export interface OperatorOrder {
  id: string;
  number: string;
  status: OrderStatus;
  createdAt: Date;
  paidAt: Date | null;
  channel: string;
  address: { recipient: string; mobile: string; province: string; city: string; district: string; address: string };
  shipment: {
    id: string;
    status: ShipmentStatus;
    carrier: string | null;
    trackingNo: string | null;
    shippedAt: Date | null;
    deliveredAt: Date | null;
  };
  lines: OperatorOrderLine[];
  /** This operator's shipping fee in the order (lib/shipping-fees), or null when it charged none. */
  shipping: { feeFen: number; refundedFen: number; openFen: number } | null;
  /** Lines of other sellers in the same order (shipped by them; never shown). */
  otherSellersLines: number;
  refunds: OperatorRefund[];
  amountFen: number;
  refundedFen: number;
}

/** The order of this number, as far as it is the operator's; null if it has no part of the operator's. */
export async function getOperatorOrder(db: Reader, operatorId: string, number: string): Promise<OperatorOrder | null> {
  const order = await db.order.findUnique({
    where: { number },
    select: {
      id: true,
      number: true,
      status: true,
      createdAt: true,
      paidAt: true,
      channel: true,
      recipient: true,
      mobile: true,
      province: true,
      city: true,
      district: true,
      address: true,
      shipments: {
        where: { operatorId },
        select: { id: true, status: true, carrier: true, trackingNo: true, shippedAt: true, deliveredAt: true },
      },
      lines: { where: { operatorId }, orderBy: { id: "asc" }, select: lineSelect },
      shipping: { where: { operatorId }, select: { feeFen: true, refundedFen: true } },
      _count: { select: { lines: { where: { operatorId: { not: operatorId } } } } },
    },
  });
  const shipment = order?.shipments[0];
  if (!order || !shipment) return null;
  const refunds = await db.refund.findMany({
    where: { orderId: order.id, lines: { some: { orderLine: { operatorId } } } },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      createdAt: true,
      status: true,
      reason: true,
      createdBy: { select: { name: true, role: true } },
      shippingFen: true,
      shippingOperatorId: true,
      lines: {
        where: { orderLine: { operatorId } },
        orderBy: { id: "asc" },
        select: {
          orderLineId: true,
          amountFen: true,
          quantity: true,
          orderLine: { select: { product: { select: { nameZh: true, nameEn: true, unitZh: true, unitEn: true } } } },
        },
      },
    },
  });
  const pendingFen = new Map<string, number>();
  const pendingQty = new Map<string, number>();
  let pendingShippingFen = 0;
  for (const r of refunds.filter((r) => r.status === "PENDING")) {
    if (r.shippingOperatorId === operatorId) pendingShippingFen += r.shippingFen;
    for (const l of r.lines) {
      pendingFen.set(l.orderLineId, (pendingFen.get(l.orderLineId) ?? 0) + l.amountFen);
      pendingQty.set(l.orderLineId, (pendingQty.get(l.orderLineId) ?? 0) + l.quantity);
    }
  }
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    createdAt: order.createdAt,
    paidAt: order.paidAt,
    channel: order.channel,
    address: {
      recipient: order.recipient,
      mobile: order.mobile,
      province: order.province,
      city: order.city,
      district: order.district,
      address: order.address,
    },
    shipment,
    lines: order.lines.map((l) => ({
      id: l.id,
      productId: l.product.id,
      nameZh: l.product.nameZh,
      nameEn: l.product.nameEn,
      specZh: l.product.specZh,
      specEn: l.product.specEn,
      unitZh: l.product.unitZh,
      unitEn: l.product.unitEn,
      quantity: l.quantity,
      unitPriceFen: l.unitPriceFen,
      netFen: l.netFen,
      refundedFen: l.refundedFen,
      restockedQty: l.restockedQty,
      openFen: Math.max(0, l.netFen - l.refundedFen - (pendingFen.get(l.id) ?? 0)),
      openQty: Math.max(0, l.quantity - l.restockedQty - (pendingQty.get(l.id) ?? 0)),
    })),
    shipping: order.shipping[0]
      ? {
          feeFen: order.shipping[0].feeFen,
          refundedFen: order.shipping[0].refundedFen,
          openFen: Math.max(0, refundableShippingFen(order.shipping[0]) - pendingShippingFen),
        }
      : null,
    otherSellersLines: order._count.lines,
    refunds: refunds.map((r) => ({
      id: r.id,
      createdAt: r.createdAt,
      status: r.status,
      reason: r.reason,
      byAdmin: r.createdBy?.role === "ADMIN",
      byName: r.createdBy?.name ?? null,
      lines: r.lines.map((l) => ({
        orderLineId: l.orderLineId,
        nameZh: l.orderLine.product.nameZh,
        nameEn: l.orderLine.product.nameEn,
        unitZh: l.orderLine.product.unitZh,
        unitEn: l.orderLine.product.unitEn,
        amountFen: l.amountFen,
        quantity: l.quantity,
      })),
      shippingFen: r.shippingOperatorId === operatorId ? r.shippingFen : 0,
      amountFen: r.lines.reduce((s, l) => s + l.amountFen, 0) + (r.shippingOperatorId === operatorId ? r.shippingFen : 0),
    })),
    amountFen: order.lines.reduce((s, l) => s + l.netFen, 0),
    refundedFen: order.lines.reduce((s, l) => s + l.refundedFen, 0),
  };
}

// ---- settlement ---------------------------------------------------------------------------------

export interface SettlementMonth {
  /** "2026-11" (Asia/Shanghai) */
  month: string;
  salesFen: number;
  /** Negative: what refunds gave back. */
  refundsFen: number;
  netFen: number;
  entries: number;
}

export interface SettlementSummary {
  months: SettlementMonth[];
  totalSalesFen: number;
  totalRefundsFen: number;
  /** What the platform owes the operator: every sale less every refund. */
  totalNetFen: number;
}

/** The operator's settlement ledger by Shanghai month, newest first, with the totals. */
export async function settlementSummary(db: Reader, operatorId: string): Promise<SettlementSummary> {
  const rows = await db.$queryRaw<{ month: string; sales: bigint; refunds: bigint; net: bigint; n: bigint }[]>`
    SELECT to_char(date_trunc('month', "createdAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM') AS month,
           SUM(CASE WHEN kind = 'SALE' THEN "amountFen" ELSE 0 END)::bigint AS sales,
           SUM(CASE WHEN kind = 'REFUND' THEN "amountFen" ELSE 0 END)::bigint AS refunds,
           SUM("amountFen")::bigint AS net,
           COUNT(*)::bigint AS n
    FROM "SettlementEntry"
    WHERE "operatorId" = ${operatorId}
    GROUP BY 1
    ORDER BY 1 DESC`;
  const months = rows.map((r) => ({
    month: r.month,
    salesFen: Number(r.sales),
    refundsFen: Number(r.refunds),
    netFen: Number(r.net),
    entries: Number(r.n),
  }));
  return {
    months,
    totalSalesFen: months.reduce((s, m) => s + m.salesFen, 0),
    totalRefundsFen: months.reduce((s, m) => s + m.refundsFen, 0),
    totalNetFen: months.reduce((s, m) => s + m.netFen, 0),
  };
}

export const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** [start, end) of a Shanghai calendar month "2026-11". */
export function shanghaiMonth(month: string): { start: Date; end: Date } {
  const match = MONTH.exec(month);
  if (!match) throw new RangeError(`not a month: ${month}`);
  const [y, m] = [Number(match[1]), Number(match[2])];
  const offset = 8 * 3600_000;
  return { start: new Date(Date.UTC(y, m - 1, 1) - offset), end: new Date(Date.UTC(y, m, 1) - offset) };
}

export interface SettlementEntryRow {
  id: string;
  createdAt: Date;
  kind: SettlementKind;
  amountFen: number;
  orderNumber: string;
  nameZh: string;
  nameEn: string;
  quantity: number;
  unitZh: string;
  unitEn: string;
}

export const ENTRIES_PER_PAGE = 50;

/** The ledger rows of one month, newest first. */
export async function settlementEntries(
  db: Reader,
  operatorId: string,
  month: string,
  page: number,
): Promise<{ rows: SettlementEntryRow[]; total: number; page: number; pages: number }> {
  const { start, end } = shanghaiMonth(month);
  const where = { operatorId, createdAt: { gte: start, lt: end } };
  const total = await db.settlementEntry.count({ where });
  const pages = Math.max(1, Math.ceil(total / ENTRIES_PER_PAGE));
  const current = Math.min(page, pages);
  const rows = await db.settlementEntry.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: (current - 1) * ENTRIES_PER_PAGE,
    take: ENTRIES_PER_PAGE,
    select: {
      id: true,
      createdAt: true,
      kind: true,
      amountFen: true,
      orderLine: {
        select: {
          quantity: true,
          order: { select: { number: true } },
          product: { select: { nameZh: true, nameEn: true, unitZh: true, unitEn: true } },
        },
      },
      orderShipping: { select: { order: { select: { number: true } } } },
    },
  });
  return {
    total,
    page: current,
    pages,
    rows: rows.map((r) => ({
      id: r.id,
      createdAt: r.createdAt,
      kind: r.kind,
      amountFen: r.amountFen,
      // A shipping line (lib/shipping-fees) has no product: it reads "运费 / Shipping", one per order.
      orderNumber: r.orderLine?.order.number ?? r.orderShipping?.order.number ?? "",
      nameZh: r.orderLine?.product.nameZh ?? "运费",
      nameEn: r.orderLine?.product.nameEn ?? "Shipping",
      quantity: r.orderLine?.quantity ?? 1,
      unitZh: r.orderLine?.product.unitZh ?? "单",
      unitEn: r.orderLine?.product.unitEn ?? "order",
    })),
  };
}
