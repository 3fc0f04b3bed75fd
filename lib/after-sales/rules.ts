// After-sales (售后) rules, pure: which requests a shopper may open and when, what may happen to a
// request next, how much may be asked and how an amount is split over lines and shipping, and what
// the order page says of each seller's part. See docs/DESIGN.md#after-sales.
//
// Windows (from the seller's part being delivered, or its receipt being confirmed):
//   fresh produce (生鲜)      48 hours, quality problems only: 生鲜不支持7天无理由
//   packaged goods          7 days for quality problems; 七天无理由 (reason OTHER) only where the
//                           product allows it (Product.noReasonReturn; null = yes for packaged goods)
import type { AfterSaleReason, AfterSaleStatus, Category } from "@/lib/generated/prisma/enums";
import { splitAcross } from "@/lib/orders/refunds";

const HOUR_MS = 3_600_000;
export const FRESH_WINDOW_HOURS = 48;
export const PACKAGED_WINDOW_DAYS = 7;
export const MAX_AFTER_SALE_PHOTOS = 6;

/** Categories sold fresh or chilled; everything else (dried chili, Sichuan pepper) is packaged. */
export const FRESH_CATEGORIES: readonly Category[] = ["APPLE", "SCALLION", "CABBAGE", "MUSHROOM", "MUTTON", "YAK", "CHICKEN"];

export const REASONS = ["DAMAGED", "WRONG_ITEM", "MISSING", "QUALITY", "OTHER"] as const satisfies readonly AfterSaleReason[];
/** A problem with the goods: accepted in every window. OTHER is "no reason" (七天无理由). */
export const QUALITY_REASONS: readonly AfterSaleReason[] = ["DAMAGED", "WRONG_ITEM", "MISSING", "QUALITY"];

export interface ProductPolicy {
  category: Category;
  noReasonReturn: boolean | null;
}

export const isFresh = (category: Category) => FRESH_CATEGORIES.includes(category);

/** May this product go back with no reason within 7 days? Never for fresh produce; by default for packaged goods. */
export function allowsNoReason(product: ProductPolicy): boolean {
  return !isFresh(product.category) && (product.noReasonReturn ?? true);
}

export interface Window {
  fresh: boolean;
  hours: number;
  reasons: readonly AfterSaleReason[];
}

/** The window of a request over these products: the strictest of them (one fresh line makes it fresh). */
export function windowOf(products: readonly ProductPolicy[]): Window {
  const fresh = products.some((p) => isFresh(p.category));
  const noReason = products.length > 0 && products.every(allowsNoReason);
  return {
    fresh,
    hours: fresh ? FRESH_WINDOW_HOURS : PACKAGED_WINDOW_DAYS * 24,
    reasons: noReason ? REASONS : QUALITY_REASONS,
  };
}

export type OpenRefusal = "afterSaleNotDelivered" | "afterSaleWindowClosed" | "afterSaleReasonNotAllowed";

/** May a request with this reason be opened now about goods delivered at `deliveredAt`? */
export function checkOpen(input: {
  products: readonly ProductPolicy[];
  deliveredAt: Date | null;
  reason: AfterSaleReason;
  now: Date;
}): { ok: true; window: Window } | { ok: false; error: OpenRefusal; window: Window } {
  const window = windowOf(input.products);
  if (!input.deliveredAt) return { ok: false, error: "afterSaleNotDelivered", window };
  if (input.now.getTime() > input.deliveredAt.getTime() + window.hours * HOUR_MS)
    return { ok: false, error: "afterSaleWindowClosed", window };
  if (!window.reasons.includes(input.reason)) return { ok: false, error: "afterSaleReasonNotAllowed", window };
  return { ok: true, window };
}

/** When the window of goods delivered at `deliveredAt` closes. */
export const windowClosesAt = (window: Window, deliveredAt: Date) => new Date(deliveredAt.getTime() + window.hours * HOUR_MS);

// ---- the state machine ---------------------------------------------------------------------------

export type Step =
  | "accept" // the seller refunds what was asked
  | "propose" // the seller offers part of it
  | "refuse" // the seller says no, with a reason
  | "acceptOffer" // the shopper takes the offer
  | "escalate" // the shopper takes a refusal or an offer to the platform
  | "autoEscalate" // nobody answered in time
  | "decideRefund" // the admin refunds (at most what was asked)
  | "decideRefuse"; // the admin says no

const STEPS: Record<Step, { from: readonly AfterSaleStatus[]; to: AfterSaleStatus }> = {
  accept: { from: ["OPEN"], to: "ACCEPTED" },
  propose: { from: ["OPEN"], to: "PARTIAL" },
  refuse: { from: ["OPEN"], to: "REFUSED" },
  acceptOffer: { from: ["PARTIAL"], to: "ACCEPTED" },
  escalate: { from: ["PARTIAL", "REFUSED"], to: "ESCALATED" },
  autoEscalate: { from: ["OPEN"], to: "ESCALATED" },
  decideRefund: { from: ["ESCALATED"], to: "ACCEPTED" },
  decideRefuse: { from: ["ESCALATED"], to: "REJECTED" },
};

/** The statuses a step may start from, and where it leads. */
export const stepOf = (step: Step) => STEPS[step];

/** The status after `step`, or null when the step is not allowed now. */
export function nextStatus(status: AfterSaleStatus, step: Step): AfterSaleStatus | null {
  const s = STEPS[step];
  return s.from.includes(status) ? s.to : null;
}

/** A request still being handled: it keeps its line from a second request, and its part is 售后中. */
export const ACTIVE_STATUSES: readonly AfterSaleStatus[] = ["OPEN", "PARTIAL", "REFUSED", "ESCALATED"];
export const isActive = (status: AfterSaleStatus) => ACTIVE_STATUSES.includes(status);

// ---- amounts -------------------------------------------------------------------------------------

export interface OpenLine {
  orderLineId: string;
  /** What is left to refund of the line: net less refunded less refunds under way. */
  openFen: number;
}

/**
 * What a request may ask: the open amounts of its lines, plus the seller's refundable shipping when
 * the request is about the seller's whole part (the refund rules refund shipping only with a whole
 * part: shipping is the seller's money, never the households').
 */
export function refundableOf(
  lines: readonly OpenLine[],
  shippingOpenFen: number,
  wholePart: boolean,
): { goodsFen: number; shippingFen: number; totalFen: number } {
  const goodsFen = lines.reduce((s, l) => s + Math.max(0, l.openFen), 0);
  const shippingFen = wholePart ? Math.max(0, shippingOpenFen) : 0;
  return { goodsFen, shippingFen, totalFen: goodsFen + shippingFen };
}

/**
 * How a refund of `amountFen` is paid out: goods first, split over the lines in proportion to what
 * each has left (largest remainder), then shipping. Throws when it is more than is refundable.
 */
export function planRefund(
  lines: readonly OpenLine[],
  shippingOpenFen: number,
  wholePart: boolean,
  amountFen: number,
): { lines: { orderLineId: string; amountFen: number }[]; shippingFen: number } {
  if (!Number.isInteger(amountFen) || amountFen <= 0) throw new RangeError(`not a refund amount: ${amountFen}`);
  const refundable = refundableOf(lines, shippingOpenFen, wholePart);
  if (amountFen > refundable.totalFen) throw new RangeError(`${amountFen} is more than the ${refundable.totalFen} refundable`);
  const goods = Math.min(amountFen, refundable.goodsFen);
  const open = lines.map((l) => Math.max(0, l.openFen));
  const parts = splitAcross(open, goods);
  return {
    lines: lines.map((l, i) => ({ orderLineId: l.orderLineId, amountFen: parts[i]! })).filter((l) => l.amountFen > 0),
    shippingFen: amountFen - goods,
  };
}

// ---- what the order page says of each seller's part ----------------------------------------------

export type PartStage = "toShip" | "shipped" | "received" | "afterSale" | "cancelled";

/** 待发货 / 已发货 / 已签收 / 售后中 of one seller's part (a request being handled comes first). */
export function partStage(part: { shipmentStatus: string | null; receivedAt: Date | null; activeAfterSale: boolean }): PartStage {
  if (part.activeAfterSale) return "afterSale";
  if (part.shipmentStatus === "CANCELLED") return "cancelled";
  if (part.receivedAt) return "received";
  if (part.shipmentStatus === "SHIPPED" || part.shipmentStatus === "DELIVERED") return "shipped";
  return "toShip";
}

/** 部分发货: one seller has shipped and another has not. */
export function isPartlyShipped(stages: readonly PartStage[]): boolean {
  return stages.includes("toShip") && stages.some((s) => s === "shipped" || s === "received" || s === "afterSale");
}
