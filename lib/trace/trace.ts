// Traceability (溯源): every shipment gets a trace code when it is shipped (lib/orders/shipping.ts
// calls issueTraceCode in its transaction); the seller prints a packing slip (装箱单) with the code
// as a QR; anyone who scans it opens /t/<code>, which shows where the produce in their hands comes
// from and whom its sale reached: counts and villages, never a household's name or amount
// (docs/DESIGN.md#rule-6). Every query takes the database first (tests call them directly).
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { notFound } from "@/lib/errors";
import { canManageOperator, type Actor } from "@/lib/auth/actor";
import { regionPath, type RegionCrumb } from "@/lib/regions/queries";
import { isCode, newCode } from "./code";

type Tx = Prisma.TransactionClient;

/**
 * The shipment's trace code, made if it has none (with the batch date when given). Inside the
 * shipping transaction; also what the packing slip calls for a shipment shipped before codes
 * existed (the migration gave those one, this is the fallback). A clash of two random codes is
 * astronomically rare; the unique key would refuse it and the caller's transaction would fail.
 */
export async function issueTraceCode(tx: Tx | Db, shipmentId: string, batchDate: Date | null = null): Promise<string> {
  const code = newCode();
  const rows = await tx.$queryRaw<{ code: string }[]>`
    INSERT INTO "TraceCode" ("code", "shipmentId", "batchDate")
    VALUES (${code}, ${shipmentId}, ${batchDate}::date)
    ON CONFLICT ("shipmentId") DO UPDATE SET "batchDate" = COALESCE(EXCLUDED."batchDate", "TraceCode"."batchDate")
    RETURNING "code"`;
  return rows[0]!.code;
}

export interface TraceLine {
  nameZh: string;
  nameEn: string;
  specZh: string;
  specEn: string;
  quantity: number;
  unitZh: string;
  unitEn: string;
}

export interface TraceProduct {
  slug: string;
  nameZh: string;
  nameEn: string;
  listed: boolean;
  giMark: { nameZh: string; nameEn: string; kind: string; registrationNo: string; year: number } | null;
  /** Certified by the program office of the origin county, until the date (null: no end given). */
  certification: { countyZh: string; countyEn: string; until: string | null } | null;
  origin: RegionCrumb[];
}

export interface BenefitOfShipment {
  /** Registered households with a positive net share of this shipment's lines (refunds deducted). */
  households: number;
  villages: { id: string; nameZh: string; nameEn: string }[];
}

export interface TracePage {
  code: string;
  batchDate: string | null;
  shippedAt: string | null;
  operator: { slug: string; nameZh: string; nameEn: string; kind: string };
  products: TraceProduct[];
  benefit: BenefitOfShipment;
  scans: number;
}

/** What the shipment's lines brought households: from the allocation ledger, counts and villages only. */
export async function shipmentBenefit(db: Db | Tx, shipmentId: string): Promise<BenefitOfShipment> {
  const rows = await db.$queryRaw<{ villageId: string }[]>`
    SELECT h."villageId"
      FROM "Shipment" s
      JOIN "OrderLine" l ON l."orderId" = s."orderId" AND l."operatorId" = s."operatorId"
      JOIN "Allocation" a ON a."orderLineId" = l."id"
      JOIN "Household" h ON h."id" = a."householdId"
     WHERE s."id" = ${shipmentId}
     GROUP BY a."householdId", h."villageId"
    HAVING SUM(a."amountFen") > 0`;
  const ids = [...new Set(rows.map((r) => r.villageId))].sort();
  const villages = ids.length
    ? await db.region.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" }, select: { id: true, nameZh: true, nameEn: true } })
    : [];
  return { households: rows.length, villages };
}

/** The public page of a code; null for a malformed or unknown code (the page answers 404). */
export async function tracePage(db: Db, code: string): Promise<TracePage | null> {
  if (!isCode(code)) return null;
  const found = await db.traceCode.findUnique({
    where: { code },
    select: {
      code: true,
      batchDate: true,
      scans: true,
      shipment: {
        select: {
          id: true,
          orderId: true,
          operatorId: true,
          shippedAt: true,
          status: true,
          operator: { select: { slug: true, nameZh: true, nameEn: true, kind: true } },
        },
      },
    },
  });
  if (!found || !found.shipment.shippedAt) return null;
  const { shipment } = found;
  const lines = await db.orderLine.findMany({
    where: { orderId: shipment.orderId, operatorId: shipment.operatorId },
    orderBy: { id: "asc" },
    select: {
      product: {
        select: {
          id: true,
          slug: true,
          nameZh: true,
          nameEn: true,
          listed: true,
          status: true,
          certifiedUntil: true,
          villageId: true,
          giMark: { select: { nameZh: true, nameEn: true, kind: true, registrationNo: true, year: true } },
        },
      },
    },
  });
  const seen = new Set<string>();
  const products: TraceProduct[] = [];
  for (const { product } of lines) {
    if (seen.has(product.id)) continue;
    seen.add(product.id);
    const origin = await regionPath(db, product.villageId);
    const county = origin.find((r) => r.level === "COUNTY");
    products.push({
      slug: product.slug,
      nameZh: product.nameZh,
      nameEn: product.nameEn,
      listed: product.listed,
      giMark: product.giMark,
      certification:
        product.status === "CERTIFIED"
          ? { countyZh: county?.nameZh ?? "", countyEn: county?.nameEn ?? "", until: product.certifiedUntil?.toISOString() ?? null }
          : null,
      origin,
    });
  }
  return {
    code: found.code,
    batchDate: found.batchDate ? found.batchDate.toISOString().slice(0, 10) : null,
    shippedAt: shipment.shippedAt!.toISOString(),
    operator: shipment.operator,
    products,
    benefit: await shipmentBenefit(db, shipment.id),
    scans: found.scans,
  };
}

/** One scan: one guarded increment on the code's own row (no read, no lock held beyond the statement). */
export async function countScan(db: Db, code: string): Promise<void> {
  if (!isCode(code)) return;
  await db.$executeRaw`UPDATE "TraceCode" SET "scans" = "scans" + 1 WHERE "code" = ${code}`;
}

export interface PackingSlip {
  code: string;
  orderNumber: string;
  shippedAt: string | null;
  batchDate: string | null;
  carrier: string | null;
  trackingNo: string | null;
  operator: { nameZh: string; nameEn: string };
  /** The recipient as a parcel label shows it: the name and the city/district, the mobile masked. */
  recipient: { name: string; mobileMasked: string; region: string };
  lines: (TraceLine & { origin: RegionCrumb[] })[];
}

/** 13800138000 → 138****8000 */
export const maskMobile = (mobile: string) => (mobile.length >= 7 ? `${mobile.slice(0, 3)}****${mobile.slice(-4)}` : "****");

/**
 * The packing slip of a shipment the actor manages (else notFound()). Only a shipped shipment has
 * a slip (the code is made when it ships); one shipped before codes existed gets its code now.
 */
export async function packingSlip(db: Db, actor: Actor | null, shipmentId: string): Promise<PackingSlip> {
  const shipment = await db.shipment.findUnique({
    where: { id: shipmentId },
    select: {
      id: true,
      operatorId: true,
      orderId: true,
      status: true,
      shippedAt: true,
      carrier: true,
      trackingNo: true,
      traceCode: { select: { code: true, batchDate: true } },
      operator: { select: { nameZh: true, nameEn: true } },
      order: { select: { number: true, recipient: true, mobile: true, province: true, city: true, district: true } },
    },
  });
  if (!shipment || !canManageOperator(actor, shipment.operatorId) || !shipment.shippedAt) throw notFound();
  const code = shipment.traceCode?.code ?? (await issueTraceCode(db, shipment.id));
  const lines = await db.orderLine.findMany({
    where: { orderId: shipment.orderId, operatorId: shipment.operatorId },
    orderBy: { id: "asc" },
    select: {
      quantity: true,
      product: { select: { nameZh: true, nameEn: true, specZh: true, specEn: true, unitZh: true, unitEn: true, villageId: true } },
    },
  });
  const { order } = shipment;
  return {
    code,
    orderNumber: order.number,
    shippedAt: shipment.shippedAt.toISOString(),
    batchDate: shipment.traceCode?.batchDate ? shipment.traceCode.batchDate.toISOString().slice(0, 10) : null,
    carrier: shipment.carrier,
    trackingNo: shipment.trackingNo,
    operator: shipment.operator,
    recipient: {
      name: order.recipient,
      mobileMasked: maskMobile(order.mobile),
      region: `${order.province} ${order.city} ${order.district}`,
    },
    lines: await Promise.all(
      lines.map(async (l) => {
        const { villageId, ...p } = l.product;
        return { ...p, quantity: l.quantity, origin: await regionPath(db, villageId) };
      }),
    ),
  };
}
