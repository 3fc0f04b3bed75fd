// Shipping: each operator ships its own part of an order (one Shipment per order and operator,
// written at payment by lib/orders/fulfilment.ts).
//   markShipped    TO_SHIP → SHIPPED, with the carrier and the tracking number
//   markDelivered  SHIPPED → DELIVERED
// Only the operator's managers (or an admin) may; anyone else gets notFound(), as for an unknown
// id. The order row is locked first (as payment and refunds lock it), then the order's status
// follows its shipments (orderStatusAfter): SHIPPED once every shipment still due is on its way,
// DELIVERED once every one has arrived. A shipment whose lines are all refunded before it left
// is cancelled (settleShipments, called by lib/orders/refunds.ts), so it never holds the order back.
import { z } from "zod";
import { ActionError, notFound } from "@/lib/errors";
import { canManageOperator, type Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OrderStatus, ShipmentStatus } from "@/lib/generated/prisma/enums";
import { CARRIER_CHOICES, CARRIER_NAME_MAX, carrierName, normaliseTrackingNo, TRACKING_NO } from "./carriers";
import { notifyDelivered, notifyShipped } from "@/lib/notifications/events";
import { lockOrder } from "./locks";
import { writeAudit, type AuditAction } from "@/lib/audit/audit";
import { issueTraceCode } from "@/lib/trace/trace";
import { dateColumnFromYmd, isYmd, shanghaiToday } from "@/lib/time/shanghai";

/** The Shanghai day `years` years before today (Feb 29 falls back to Mar 1, which is fine for a bound). */
function ymdYearsAgo(years: number): string {
  const [y, m, d] = shanghaiToday().split("-");
  return `${Number(y) - years}-${m}-${d}`;
}

type Tx = Prisma.TransactionClient;

/** Order statuses whose shipments move: paid and not refunded as a whole. */
const SHIPPING_STATUSES: readonly OrderStatus[] = ["PAID", "SHIPPED", "DELIVERED"];

/**
 * The order's status once its shipments are as given: cancelled shipments (refunded before they
 * left) do not count. An order that is not in shipping (unpaid, cancelled, refunded) keeps its status.
 */
export function orderStatusAfter(current: OrderStatus, shipments: readonly ShipmentStatus[]): OrderStatus {
  if (!SHIPPING_STATUSES.includes(current)) return current;
  const due = shipments.filter((s) => s !== "CANCELLED");
  if (due.length === 0) return current;
  if (due.every((s) => s === "DELIVERED")) return "DELIVERED";
  if (due.every((s) => s === "SHIPPED" || s === "DELIVERED")) return "SHIPPED";
  return "PAID";
}

const id = z.string().trim().min(1, "required").max(64, "required");

/** Messages are keys under `errors.` in messages/. */
export const shipSchema = z
  .object({
    shipmentId: id,
    carrier: z.enum(CARRIER_CHOICES, "carrierRequired"),
    carrierOther: z.string().trim().max(CARRIER_NAME_MAX, "carrierOtherTooLong").default(""),
    trackingNo: z.string("trackingNoInvalid").transform(normaliseTrackingNo).pipe(z.string().regex(TRACKING_NO, "trackingNoInvalid")),
    // The batch (harvest or packing date) printed on the packing slip and the trace page: optional,
    // a real calendar day, not in the future and within the last two years.
    batchDate: z
      .string()
      .trim()
      .default("")
      .refine((v) => v === "" || (isYmd(v) && v <= shanghaiToday() && v >= ymdYearsAgo(2)), "batchDateInvalid"),
  })
  .superRefine((v, ctx) => {
    if (v.carrier === "OTHER" && carrierName("OTHER", v.carrierOther) === "") {
      ctx.addIssue({ code: "custom", path: ["carrierOther"], message: "carrierOtherRequired" });
    }
  });
export type ShipInput = z.input<typeof shipSchema>;

export const deliverSchema = z.object({ shipmentId: id });
export type DeliverInput = z.input<typeof deliverSchema>;

export interface ShipmentChange {
  shipmentId: string;
  orderNumber: string;
  status: ShipmentStatus;
  orderStatus: OrderStatus;
}

/** The shipment, its order row locked, if the actor manages its operator; else notFound(). */
async function lockShipment(tx: Tx, shipmentId: string, actor: Actor | null) {
  const found = await tx.shipment.findUnique({ where: { id: shipmentId }, select: { orderId: true, operatorId: true } });
  if (!found || !canManageOperator(actor, found.operatorId)) throw notFound();
  await lockOrder(tx, found.orderId);
  const shipment = await tx.shipment.findUniqueOrThrow({
    where: { id: shipmentId },
    select: {
      id: true,
      status: true,
      orderId: true,
      operatorId: true,
      carrier: true,
      trackingNo: true,
      order: { select: { number: true, status: true } },
    },
  });
  if (!SHIPPING_STATUSES.includes(shipment.order.status)) throw new ActionError("orderNotShippable");
  if (shipment.status === "CANCELLED") throw new ActionError("shipmentCancelled");
  return shipment;
}

/** Sets the order's status from its shipments (the order row must be locked). */
export async function rollUp(tx: Tx, orderId: string): Promise<OrderStatus> {
  const order = await tx.order.findUniqueOrThrow({
    where: { id: orderId },
    select: { status: true, shipments: { select: { status: true } } },
  });
  const next = orderStatusAfter(
    order.status,
    order.shipments.map((s) => s.status),
  );
  if (next !== order.status) await tx.order.update({ where: { id: orderId }, data: { status: next } });
  return next;
}

function audit(tx: Tx, actor: Actor | null, action: AuditAction, shipmentId: string, detail: Prisma.InputJsonValue) {
  return writeAudit(tx, { userId: actor?.userId ?? null, action, entity: "Shipment", entityId: shipmentId, detail });
}

/** The operator's part of the order has left: carrier and tracking number recorded. */
export async function markShipped(db: Db, raw: ShipInput, actor: Actor | null, at = new Date()): Promise<ShipmentChange> {
  const input = shipSchema.parse(raw);
  const carrier = carrierName(input.carrier, input.carrierOther);
  return db.$transaction(async (tx) => {
    const shipment = await lockShipment(tx, input.shipmentId, actor);
    if (shipment.status === "SHIPPED") {
      throw new ActionError("shipmentAlreadyShipped", { carrier: shipment.carrier ?? "", trackingNo: shipment.trackingNo ?? "" });
    }
    if (shipment.status === "DELIVERED") throw new ActionError("shipmentAlreadyDelivered");
    await tx.shipment.update({
      where: { id: shipment.id },
      data: { status: "SHIPPED", carrier, trackingNo: input.trackingNo, shippedAt: at },
    });
    // The trace code (溯源码) is made with the shipment's departure: the packing slip prints it.
    await issueTraceCode(tx, shipment.id, input.batchDate ? dateColumnFromYmd(input.batchDate) : null);
    const orderStatus = await rollUp(tx, shipment.orderId);
    await audit(tx, actor, "order.ship", shipment.id, {
      order: shipment.order.number,
      carrier,
      trackingNo: input.trackingNo,
      ...(input.batchDate ? { batchDate: input.batchDate } : {}),
    });
    await notifyShipped(tx, shipment.id);
    return { shipmentId: shipment.id, orderNumber: shipment.order.number, status: "SHIPPED", orderStatus };
  });
}

/** The operator's part of the order has arrived. */
export async function markDelivered(db: Db, raw: DeliverInput, actor: Actor | null, at = new Date()): Promise<ShipmentChange> {
  const input = deliverSchema.parse(raw);
  return db.$transaction(async (tx) => {
    const shipment = await lockShipment(tx, input.shipmentId, actor);
    if (shipment.status === "TO_SHIP") throw new ActionError("shipmentNotShipped");
    if (shipment.status === "DELIVERED") throw new ActionError("shipmentAlreadyDelivered");
    await tx.shipment.update({ where: { id: shipment.id }, data: { status: "DELIVERED", deliveredAt: at } });
    const orderStatus = await rollUp(tx, shipment.orderId);
    await audit(tx, actor, "order.deliver", shipment.id, { order: shipment.order.number });
    await notifyDelivered(tx, shipment.id);
    return { shipmentId: shipment.id, orderNumber: shipment.order.number, status: "DELIVERED", orderStatus };
  });
}

/**
 * After a refund (inside its transaction, the order row locked): a shipment not yet sent whose
 * lines are all refunded is cancelled, and the order's status follows the shipments left.
 */
export async function settleShipments(tx: Tx, orderId: string): Promise<void> {
  const order = await tx.order.findUniqueOrThrow({
    where: { id: orderId },
    select: {
      shipments: { where: { status: "TO_SHIP" }, select: { id: true, operatorId: true } },
      lines: { select: { operatorId: true, netFen: true, refundedFen: true } },
    },
  });
  for (const shipment of order.shipments) {
    const lines = order.lines.filter((l) => l.operatorId === shipment.operatorId);
    if (lines.length > 0 && lines.every((l) => l.refundedFen >= l.netFen)) {
      await tx.shipment.update({ where: { id: shipment.id }, data: { status: "CANCELLED" } });
    }
  }
  await rollUp(tx, orderId);
}
