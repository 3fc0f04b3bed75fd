// Order volume for the reports benchmark: paid orders with their ledger rows, a few refunds and
// cancelled orders, over the two years up to now, on the products and benefit links already in
// the database (run after prisma/seed.ts and the rest of prisma/seed-large.ts).
//
//   generateOrders(db, { lines: 1_000_000 })       from prisma/seed-large.ts (--order-lines N)
//   generateOrders(db, { lines: 400, ... })        from e2e/office-reports.spec.ts
//
// The ledger rows are computed by the same code as a real payment and a real refund:
// saleLedgerRows (lib/orders/ledger.ts: which links apply, the allocation of each line, the
// settlement entries) and reverseAllocations (lib/orders/allocation.ts) for refunds, with the
// line's certification from isCertifiedAt (lib/orders/sale.ts). Only the writing differs: rows are
// inserted in bulk (one transaction per chunk of orders), and the report rollups are then rebuilt
// from the ledger once (rebuildReportRollups) instead of being added to order by order.
// Stock is not touched (these are past sales); soldCount is added to, as a payment does.
//
// Deterministic and keyed: order i is "vol-o-<i>" and everything about it comes from a generator
// seeded with i, so a second run with the same target adds nothing, and a larger target tops up.
import pg from "pg";
import type { Db } from "@/lib/db/client";
import type { Channel, Mechanism, ProductStatus } from "@/lib/generated/prisma/enums";
import type { CandidateLink } from "@/lib/orders/allocation";
import { reverseAllocations } from "@/lib/orders/allocation";
import { saleLedgerRows, type PaidLine } from "@/lib/orders/ledger";
import { isCertifiedAt } from "@/lib/orders/sale";
import { rebuildReportRollups, recordRefundInReports, recordSaleInReports, type RollupWriter } from "@/lib/reports/rollups";
import { int, mulberry32, weighted, type Rng } from "./lib/random";

export interface OrderVolumeOptions {
  /**
   * Generated order lines wanted in all (counting earlier runs' lines): tops up to this. With
   * `add: true`, this many more lines than there are (tests, which share one database).
   */
  lines: number;
  add?: boolean;
  /** The newest sale (default: now). Sales spread over `days` days before it. */
  until?: Date;
  days?: number;
  /** Only products of these counties (default: every county). */
  countyIds?: string[];
  /** Yearly dividends and quarterly wages for the DIVIDEND and WAGE links (default true). */
  payouts?: boolean;
  /**
   * Bulk mode for large loads (default: when adding 100,000 lines or more, as a superuser): the two
   * secondary indexes of Allocation are dropped during the load and built again at the end, and the
   * per-row foreign-key triggers are skipped (session_replication_role = replica; the rows are
   * consistent by construction). About four times faster for millions of allocation rows.
   */
  bulk?: boolean;
  log?: (message: string) => void;
  /** The database the rows go to (default DATABASE_URL): the bulk inserts use `pg` directly, several times faster than through Prisma. */
  databaseUrl?: string;
}

export interface OrderVolumeResult {
  orders: number;
  lines: number;
  paidLines: number;
  allocations: number;
  refunds: number;
  payouts: number;
  timings: string[];
}

const DAY_MS = 86_400_000;
const CHUNK_ORDERS = 4000;
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

const CHANNELS: readonly (readonly [Channel, number])[] = [
  ["RETAIL", 55],
  ["INSTITUTION", 20],
  ["PAIRING", 15],
  ["LIVESTREAM", 10],
];
// Shoppers' addresses: the buyers of consumption assistance live mostly in the eastern partner cities.
const ADDRESSES = [
  ["上海市", "上海市", "浦东新区", "张杨路 500 号"],
  ["天津市", "天津市", "和平区", "南京路 88 号"],
  ["广东省", "广州市", "天河区", "天河路 208 号"],
  ["北京市", "北京市", "海淀区", "中关村大街 27 号"],
  ["甘肃省", "兰州市", "城关区", "东岗西路 1 号"],
  ["甘肃省", "天水市", "秦州区", "民主西路 6 号"],
] as const;
// More sales before the Spring Festival and in the autumn harvest.
const MONTH_WEIGHT = [1.4, 1.2, 0.8, 0.8, 0.8, 0.9, 0.9, 1.0, 1.2, 1.3, 1.3, 1.4];

const orderId = (i: number) => `vol-o-${String(i).padStart(8, "0")}`;
// Ids that grow with the order index (fixed width, base 36), so that each table's primary key is
// filled at its right end during a bulk load rather than all over the index.
const b36 = (i: number) => i.toString(36).padStart(6, "0");
const seq = (n: number) => String(n).padStart(3, "0");

function orderNumber(i: number, at: Date): string {
  const local = new Date(at.getTime() + 8 * 3_600_000).toISOString();
  let n = i;
  let suffix = "";
  for (let k = 0; k < 8; k++) {
    suffix = ALPHABET[n % ALPHABET.length] + suffix;
    n = Math.floor(n / ALPHABET.length);
  }
  return `XK${local.slice(2, 4)}${local.slice(5, 7)}${local.slice(8, 10)}${suffix}`;
}

// ------------------------------------------------------------------------------------------------
// Bulk insert: one array parameter per column (INSERT … SELECT * FROM unnest(…)).

type Column = readonly [name: string, pgType: string];
type Runner = { query: (sql: string, params: unknown[]) => Promise<{ rowCount: number | null }> };
// Only orders and payouts skip rows that exist (an order number taken, a payout of an earlier run);
// everything else is new by construction (each chunk is one transaction, resumed after the last order).
async function insertRows(db: Runner, table: string, columns: readonly Column[], rows: readonly Record<string, unknown>[], size = 20_000) {
  const skipExisting = table === "Order" || table === "Payout";
  const sql =
    `INSERT INTO "${table}" (${columns.map(([name]) => `"${name}"`).join(", ")}) ` +
    `SELECT * FROM unnest(${columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(", ")})${skipExisting ? " ON CONFLICT DO NOTHING" : ""}`;
  let inserted = 0;
  for (let start = 0; start < rows.length; start += size) {
    const part = rows.slice(start, start + size);
    const params = columns.map(([name]) =>
      part.map((row) => {
        const value = row[name];
        return value instanceof Date ? value.toISOString() : (value ?? null);
      }),
    );
    inserted += (await db.query(sql, params)).rowCount ?? 0;
  }
  return inserted;
}
const TS = "timestamp(3)";
const ORDER_COLUMNS: Column[] = [
  ["id", "text"],
  ["number", "text"],
  ["email", "text"],
  ["channel", '"Channel"'],
  ["status", '"OrderStatus"'],
  ["totalFen", "int"],
  ["createdAt", TS],
  ["paidAt", TS],
  ["checkoutKey", "text"],
  ["recipient", "text"],
  ["mobile", "text"],
  ["province", "text"],
  ["city", "text"],
  ["district", "text"],
  ["address", "text"],
  ["paymentProvider", "text"],
  ["reservedUntil", TS],
  ["cancelledAt", TS],
  ["cancelReason", "text"],
  ["refundedFen", "int"],
  ["organisationId", "text"],
];
const LINE_COLUMNS: Column[] = [
  ["id", "text"],
  ["orderId", "text"],
  ["productId", "text"],
  ["operatorId", "text"],
  ["quantity", "int"],
  ["unitPriceFen", "int"],
  ["netFen", "int"],
  ["certifiedAtSale", "boolean"],
  ["refundedFen", "int"],
  ["restockedQty", "int"],
];
const ALLOCATION_COLUMNS: Column[] = [
  ["id", "text"],
  ["orderLineId", "text"],
  ["householdId", "text"],
  ["benefitLinkId", "text"],
  ["amountFen", "int"],
  ["createdAt", TS],
];
const SETTLEMENT_COLUMNS: Column[] = [
  ["id", "text"],
  ["operatorId", "text"],
  ["orderLineId", "text"],
  ["kind", '"SettlementKind"'],
  ["amountFen", "int"],
  ["createdAt", TS],
];
const SHIPMENT_COLUMNS: Column[] = [
  ["id", "text"],
  ["orderId", "text"],
  ["operatorId", "text"],
  ["status", '"ShipmentStatus"'],
  ["shippedAt", TS],
  ["deliveredAt", TS],
];
const REFUND_COLUMNS: Column[] = [
  ["id", "text"],
  ["orderId", "text"],
  ["amountFen", "int"],
  ["status", '"RefundStatus"'],
  ["reason", "text"],
  ["createdAt", TS],
  ["settledAt", TS],
];
const REFUND_LINE_COLUMNS: Column[] = [
  ["id", "text"],
  ["refundId", "text"],
  ["orderLineId", "text"],
  ["amountFen", "int"],
  ["quantity", "int"],
];
const PAYOUT_COLUMNS: Column[] = [
  ["id", "text"],
  ["operatorId", "text"],
  ["householdId", "text"],
  ["mechanism", '"Mechanism"'],
  ["amountFen", "int"],
  ["paidOn", "date"],
  ["note", "text"],
  ["createdAt", TS],
];

// ------------------------------------------------------------------------------------------------

interface SaleProduct {
  id: string;
  operatorId: string;
  priceFen: number;
  status: ProductStatus;
  certifiedUntil: Date | null;
}

async function loadCatalogue(db: Db, countyIds: string[] | undefined) {
  const products: (SaleProduct & { countyId: string })[] = await db.product.findMany({
    where: { listed: true, ...(countyIds ? { countyId: { in: countyIds } } : {}) },
    select: { id: true, operatorId: true, priceFen: true, status: true, certifiedUntil: true, countyId: true },
    orderBy: { id: "asc" },
  });
  const links: (CandidateLink & { mechanism: Mechanism })[] = await db.benefitLink.findMany({
    where: { operatorId: { in: [...new Set(products.map((p) => p.operatorId))] } },
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
      mechanism: true,
    },
    orderBy: { id: "asc" },
  });
  // The links a sale of a product can use: the product's own and its operator's operator-wide ones
  // (saleLedgerRows picks among them exactly as for a real payment).
  const own = new Map<string, CandidateLink[]>();
  const wide = new Map<string, CandidateLink[]>();
  for (const link of links) {
    const map = link.productId ? own : wide;
    const key = link.productId ?? link.operatorId;
    const list = map.get(key);
    if (list) list.push(link);
    else map.set(key, [link]);
  }
  const candidates = new Map(products.map((p) => [p.id, [...(own.get(p.id) ?? []), ...(wide.get(p.operatorId) ?? [])]]));
  return { products, candidates, links, ...(await loadBuyers(db, products)) };
}

/**
 * The buyer organisations orders are bought for: an INSTITUTION order for one of the units, unions
 * and enterprises; a PAIRING order for a partner, from one of its paired counties' products (as the
 * checkout decides the channel from the organisation). Without organisations, the orders keep their
 * channel and no organisation.
 */
async function loadBuyers(db: Db, products: readonly (SaleProduct & { countyId: string })[]) {
  const byCounty = new Map<string, (SaleProduct & { countyId: string })[]>();
  for (const p of products) {
    const list = byCounty.get(p.countyId);
    if (list) list.push(p);
    else byCounty.set(p.countyId, [p]);
  }
  const organisations = await db.organisation.findMany({
    where: { disabledAt: null },
    select: { id: true, kind: true, pairings: { select: { countyId: true }, orderBy: { countyId: "asc" } } },
    orderBy: { id: "asc" },
  });
  const institutions = organisations.filter((o) => o.kind !== "PARTNER").map((o) => o.id);
  // (partner, paired county) pairs whose county has products on sale here.
  const pairings = organisations.flatMap((o) =>
    o.kind === "PARTNER"
      ? o.pairings.filter((p) => byCounty.has(p.countyId)).map((p) => ({ organisationId: o.id, countyId: p.countyId }))
      : [],
  );
  return { institutions, pairings, byCounty };
}

async function nextOrderIndex(db: Db): Promise<{ next: number; lines: number }> {
  const rows = await db.$queryRawUnsafe<{ n: number; lines: number }[]>(
    `SELECT coalesce(max(substring("orderId" from 7)::int), 0)::int AS n, count(*)::int AS lines FROM "OrderLine" WHERE "orderId" LIKE 'vol-o-%'`,
  );
  return { next: (rows[0]?.n ?? 0) + 1, lines: rows[0]?.lines ?? 0 };
}

/** A random instant in the window, weighted by month. */
function saleInstant(rng: Rng, from: number, until: number): Date {
  for (;;) {
    const t = from + Math.floor(rng() * (until - from));
    const month = new Date(t + 8 * 3_600_000).getUTCMonth();
    if (rng() * 1.4 < MONTH_WEIGHT[month]!) return new Date(t);
  }
}

export async function generateOrders(db: Db, options: OrderVolumeOptions): Promise<OrderVolumeResult> {
  const until = (options.until ?? new Date()).getTime();
  const days = options.days ?? 730;
  const from = until - days * DAY_MS;
  const timings: string[] = [];
  let lap = performance.now();
  const mark = (label: string) => {
    const now = performance.now();
    timings.push(`${label} ${((now - lap) / 1000).toFixed(1)} s`);
    lap = now;
  };

  const databaseUrl = options.databaseUrl ?? process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error("DATABASE_URL is not set");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await generate(db, client, options, { until, from, timings, mark });
  } finally {
    await client.end();
  }
}

async function generate(
  db: Db,
  client: pg.Client,
  options: OrderVolumeOptions,
  { until, from, timings, mark }: { until: number; from: number; timings: string[]; mark: (label: string) => void },
): Promise<OrderVolumeResult> {
  const log = options.log ?? (() => {});
  const { products, candidates, links, institutions, pairings, byCounty } = await loadCatalogue(db, options.countyIds);
  if (!products.length) throw new Error("no listed products: run the demo seed first (node scripts/db.mjs seed)");
  const start = await nextOrderIndex(db);
  mark(`load ${products.length} products, ${links.length} links`);
  await restoreAllocationIndexes(db); // after an interrupted bulk load
  const superuser =
    (await db.$queryRawUnsafe<{ s: boolean }[]>(`SELECT rolsuper AS s FROM pg_roles WHERE rolname = current_user`))[0]?.s ?? false;
  const target = options.add ? start.lines + options.lines : options.lines;
  const bulk = (options.bulk ?? target - start.lines >= 100_000) && superuser && target > start.lines;
  if (bulk) await dropAllocationIndexes(db);
  const result: OrderVolumeResult = { orders: 0, lines: 0, paidLines: 0, allocations: 0, refunds: 0, payouts: 0, timings };
  let have = start.lines;
  let index = start.next;
  const sold = new Map<string, number>();
  let computeMs = 0;

  while (have < target) {
    const began = performance.now();
    const orders: Record<string, unknown>[] = [];
    const lines: Record<string, unknown>[] = [];
    const allocations: Record<string, unknown>[] = [];
    const settlements: Record<string, unknown>[] = [];
    const shipments: Record<string, unknown>[] = [];
    const refunds: Record<string, unknown>[] = [];
    const refundLines: Record<string, unknown>[] = [];
    const paidOrders: string[] = [];
    const refundRows = new Map<string, { householdId: string; amountFen: number; createdAt: Date }[]>();

    for (let n = 0; n < CHUNK_ORDERS && have < target; n++, index++) {
      const i = index;
      const rng = mulberry32(Math.imul(i, 0x9e3779b1) ^ 0x0a7de5);
      const id = orderId(i);
      const key = b36(i);
      const channel = weighted(rng, CHANNELS);
      const paidAt = saleInstant(rng, from, until);
      const createdAt = new Date(paidAt.getTime() - int(rng, 20, 600) * 1000);
      const count = Math.min(
        target - have,
        weighted(rng, [
          [1, 60],
          [2, 25],
          [3, 10],
          [4, 5],
        ] as const),
      );
      const cancelled = rng() < 0.03;
      // The buyer organisation (its own generator, so that the rest of the order does not depend on it).
      const buyerRng = mulberry32(Math.imul(i, 0x85ebca6b) ^ 0x5eed);
      const pairing = channel === "PAIRING" && pairings.length ? pairings[Math.floor(buyerRng() * pairings.length)]! : null;
      const organisationId =
        channel === "INSTITUTION" && institutions.length
          ? institutions[Math.floor(buyerRng() * institutions.length)]!
          : (pairing?.organisationId ?? null);
      const shelf = pairing ? byCounty.get(pairing.countyId)! : products;
      const orderLines: (PaidLine & { certified: boolean })[] = [];
      const used = new Set<string>();
      for (let k = 0; k < count; k++) {
        let product = shelf[Math.floor(rng() * shelf.length)]!;
        for (let retry = 0; retry < 3 && used.has(product.id); retry++) product = shelf[Math.floor(rng() * shelf.length)]!;
        if (used.has(product.id)) continue;
        used.add(product.id);
        const quantity =
          channel === "INSTITUTION"
            ? int(rng, 5, 40)
            : channel === "PAIRING"
              ? int(rng, 2, 12)
              : weighted(rng, [
                  [1, 70],
                  [2, 20],
                  [3, 10],
                ] as const);
        orderLines.push({
          id: `vl${key}.${k}`,
          productId: product.id,
          operatorId: product.operatorId,
          quantity,
          netFen: quantity * product.priceFen,
          certified: isCertifiedAt(product, paidAt),
        });
      }
      const totalFen = orderLines.reduce((s, l) => s + l.netFen, 0);
      const [province, city, district, street] = ADDRESSES[i % ADDRESSES.length]!;
      const order: Record<string, unknown> = {
        id,
        number: orderNumber(i, createdAt),
        email: `buyer-${i % 5000}@example.test`,
        channel,
        status: "PAID",
        totalFen,
        createdAt,
        paidAt,
        checkoutKey: `vol-${key}`,
        recipient: "示例收货人",
        mobile: `139${String(i % 100_000_000).padStart(8, "0")}`,
        province,
        city,
        district,
        address: street,
        paymentProvider: "demo",
        reservedUntil: new Date(createdAt.getTime() + 31 * 60_000),
        cancelledAt: null,
        cancelReason: null,
        refundedFen: 0,
        organisationId,
      };
      orders.push(order);
      have += orderLines.length;
      result.orders++;
      result.lines += orderLines.length;
      const lineRows = orderLines.map((l) => ({
        id: l.id,
        orderId: id,
        productId: l.productId,
        operatorId: l.operatorId,
        quantity: l.quantity,
        unitPriceFen: l.netFen / l.quantity,
        netFen: l.netFen,
        certifiedAtSale: l.certified,
        refundedFen: 0,
        restockedQty: 0,
      }));
      lines.push(...lineRows);
      if (cancelled) {
        Object.assign(order, {
          status: "CANCELLED",
          paidAt: null,
          cancelledAt: new Date(createdAt.getTime() + 31 * 60_000),
          cancelReason: "EXPIRED",
        });
        continue;
      }

      // The sale: exactly the rows writeSaleLedger would write for this order at paidAt.
      result.paidLines += orderLines.length;
      paidOrders.push(id);
      const linkPool = [...new Set(orderLines.flatMap((l) => candidates.get(l.productId) ?? []))];
      const ledger = saleLedgerRows(orderLines, linkPool, paidAt);
      ledger.allocations.forEach((a, n) => allocations.push({ id: `va${key}.${seq(n)}`, ...a }));
      ledger.settlements.forEach((s, n) => settlements.push({ id: `vs${key}.${seq(n)}`, ...s }));
      for (const l of orderLines) sold.set(l.productId, (sold.get(l.productId) ?? 0) + l.quantity);

      const age = (until - paidAt.getTime()) / DAY_MS;
      const status = age > 12 ? "DELIVERED" : age > 3 ? "SHIPPED" : "PAID";
      order.status = status;
      const operators = [...new Set(orderLines.map((l) => l.operatorId))].sort();
      operators.forEach((operatorId, n) =>
        shipments.push({
          id: `vh${key}.${n}`,
          orderId: id,
          operatorId,
          status: status === "PAID" ? "TO_SHIP" : status,
          shippedAt: status === "PAID" ? null : new Date(paidAt.getTime() + DAY_MS),
          deliveredAt: status === "DELIVERED" ? new Date(paidAt.getTime() + 4 * DAY_MS) : null,
        }),
      );

      // A refund now and then: the whole order, or part of one line, days after payment.
      if (rng() < 0.03) {
        const at = new Date(Math.min(until, paidAt.getTime() + int(rng, 1, 20) * DAY_MS));
        const whole = rng() < 0.6;
        const chosen = whole ? orderLines : [orderLines[Math.floor(rng() * orderLines.length)]!];
        const refundId = `vr${key}`;
        let amount = 0;
        const negative: { householdId: string; amountFen: number; createdAt: Date }[] = [];
        refundRows.set(refundId, negative);
        chosen.forEach((line, n) => {
          const fen = whole ? line.netFen : Math.max(1, Math.floor(line.netFen * (0.2 + rng() * 0.6)));
          amount += fen;
          const sale = ledger.allocations
            .filter((a) => a.orderLineId === line.id)
            .map((a) => ({ linkId: a.benefitLinkId, householdId: a.householdId, amountFen: a.amountFen }));
          reverseAllocations(sale, { refundFen: fen, netFen: line.netFen, alreadyRefundedFen: 0 }).forEach((row, m) => {
            negative.push({ householdId: row.householdId, amountFen: row.amountFen, createdAt: at });
            allocations.push({
              id: `va${key}.r${n}.${seq(m)}`,
              orderLineId: line.id,
              householdId: row.householdId,
              benefitLinkId: row.linkId,
              amountFen: row.amountFen,
              createdAt: at,
            });
          });
          settlements.push({
            id: `vs${key}.r${n}`,
            operatorId: line.operatorId,
            orderLineId: line.id,
            kind: "REFUND",
            amountFen: -fen,
            createdAt: at,
          });
          refundLines.push({ id: `vr${key}.${n}`, refundId, orderLineId: line.id, amountFen: fen, quantity: 0 });
          lineRows.find((r) => r.id === line.id)!.refundedFen = fen;
        });
        refunds.push({
          id: refundId,
          orderId: id,
          amountFen: amount,
          status: "SUCCEEDED",
          reason: "示例退款",
          createdAt: at,
          settledAt: at,
        });
        order.refundedFen = amount;
        if (amount === totalFen) order.status = "REFUNDED";
        result.refunds++;
      }
    }
    computeMs += performance.now() - began;

    await client.query("BEGIN");
    try {
      if (bulk) await client.query(`SET LOCAL session_replication_role = replica`);
      await insertRows(client, "Order", ORDER_COLUMNS, orders);
      await insertRows(client, "OrderLine", LINE_COLUMNS, lines);
      await insertRows(client, "Allocation", ALLOCATION_COLUMNS, allocations);
      await insertRows(client, "SettlementEntry", SETTLEMENT_COLUMNS, settlements);
      await insertRows(client, "Shipment", SHIPMENT_COLUMNS, shipments);
      await insertRows(client, "Refund", REFUND_COLUMNS, refunds);
      await insertRows(client, "RefundLine", REFUND_LINE_COLUMNS, refundLines);
      if (!bulk) {
        // Small loads keep the rollups the way a payment and a refund do, in the same transaction
        // (bulk loads rebuild them once at the end instead).
        const writer: RollupWriter = { $executeRawUnsafe: async (sql, ...params) => (await client.query(sql, params)).rowCount ?? 0 };
        await recordSaleInReports(writer, paidOrders);
        for (const [refundId, negative] of refundRows) await recordRefundInReports(writer, refundId, negative);
      }
      await client.query("COMMIT");
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    }
    result.allocations += allocations.length;
    log(`orders: ${have.toLocaleString("en")} of ${target.toLocaleString("en")} lines`);
  }
  mark(
    `orders +${result.orders} (lines +${result.lines}, allocations +${result.allocations}, refunds +${result.refunds}; computing ${(computeMs / 1000).toFixed(1)} s${bulk ? ", bulk mode" : ""})`,
  );
  if (bulk) {
    await restoreAllocationIndexes(db);
    mark("allocation indexes");
  }

  if (sold.size) {
    const entries = [...sold].sort(([a], [b]) => (a < b ? -1 : 1));
    await db.$executeRawUnsafe(
      `UPDATE "Product" p SET "soldCount" = p."soldCount" + s.q FROM unnest($1::text[], $2::int[]) AS s(id, q) WHERE p.id = s.id`,
      entries.map(([id]) => id),
      entries.map(([, q]) => q),
    );
  }

  if (options.payouts ?? true) {
    result.payouts = await generatePayouts(client, links, from, until, bulk);
    mark(`payouts +${result.payouts}`);
  }
  if (bulk) {
    const rebuilt = await rebuildReportRollups(db);
    mark(`report rollups rebuilt (${rebuilt.sales} sales rows, ${rebuilt.countySales} county rows, ${rebuilt.households} household rows)`);
  }
  if (result.orders || result.payouts) {
    // What autovacuum would do after a while, at once: statistics for the planner, and the
    // visibility map that lets the reports read the rollups from their indexes alone.
    await db.$executeRawUnsafe(
      `ANALYZE "Order", "OrderLine", "Allocation", "SettlementEntry", "Shipment", "Refund", "RefundLine", "Payout"`,
    );
    // The households and products too: the household figures merge the county's households (their
    // covering index, "Household_countyId_id_idx") with the rollup, which needs the visibility map
    // set; without it the planner hashes every household of the county instead (measured: 490 ms
    // instead of a merge of two index-only scans).
    await db.$executeRawUnsafe(
      `VACUUM (ANALYZE) "ReportSales", "ReportCountySales", "ReportBuyerSales", "ReportHousehold", "Household", "Product"`,
    );
    mark("vacuum analyze");
  }
  return result;
}

// The secondary indexes of Allocation, as prisma/migrations created them. Maintaining them row by
// row is most of the cost of loading millions of allocations; building them once at the end is not.
const ALLOCATION_INDEXES = {
  Allocation_householdId_createdAt_idx: `CREATE INDEX IF NOT EXISTS "Allocation_householdId_createdAt_idx" ON "Allocation"("householdId", "createdAt")`,
  Allocation_orderLineId_idx: `CREATE INDEX IF NOT EXISTS "Allocation_orderLineId_idx" ON "Allocation"("orderLineId")`,
} as const;

async function dropAllocationIndexes(db: Db) {
  const found = await db.$queryRawUnsafe<{ name: string; def: string }[]>(
    `SELECT indexname::text AS name, indexdef AS def FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'Allocation'`,
  );
  for (const [name, create] of Object.entries(ALLOCATION_INDEXES)) {
    const def = found.find((f) => f.name === name)?.def;
    // Only an index exactly as expected is dropped, so that it is rebuilt exactly as it was.
    if (
      def &&
      def
        .replace(/ USING btree/, "")
        .replace(/public\./g, "")
        .replace(/ /g, "") === create.replace(" IF NOT EXISTS", "").replace(/ /g, "")
    ) {
      await db.$executeRawUnsafe(`DROP INDEX "${name}"`);
    }
  }
}

async function restoreAllocationIndexes(db: Db) {
  for (const create of Object.values(ALLOCATION_INDEXES)) {
    await db.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe(`SET LOCAL maintenance_work_mem = '512MB'`);
        await tx.$executeRawUnsafe(create);
      },
      { timeout: 30 * 60_000 },
    );
  }
}

/** Yearly dividends (DIVIDEND links, each January) and quarterly wages (WAGE links) in the window. */
async function generatePayouts(
  db: pg.Client,
  links: readonly (CandidateLink & { mechanism: Mechanism })[],
  from: number,
  until: number,
  bulk: boolean,
) {
  const rows: Record<string, unknown>[] = [];
  const ymd = (t: number) => new Date(t + 8 * 3_600_000).toISOString().slice(0, 10);
  const firstYear = Number(ymd(from).slice(0, 4));
  const lastYear = Number(ymd(until).slice(0, 4));
  for (const link of links) {
    if (link.mechanism !== "DIVIDEND" && link.mechanism !== "WAGE") continue;
    const rng = mulberry32([...link.id].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 16777619), 2166136261));
    const dates: string[] = [];
    for (let y = firstYear; y <= lastYear; y++) {
      if (link.mechanism === "DIVIDEND") dates.push(`${y}-01-20`);
      else for (const md of ["03-28", "06-28", "09-28", "12-28"]) dates.push(`${y}-${md}`);
    }
    for (const date of dates) {
      const t = Date.parse(`${date}T00:00:00Z`);
      if (t < from || t > until || t < link.validFrom.getTime() || (link.validTo && t > link.validTo.getTime())) continue;
      rows.push({
        id: `vp-${link.id}-${date}`,
        operatorId: link.operatorId,
        householdId: link.householdId,
        mechanism: link.mechanism,
        amountFen: link.mechanism === "DIVIDEND" ? int(rng, 300, 3000) * 100 : int(rng, 800, 2500) * 100,
        paidOn: date,
        note: link.mechanism === "DIVIDEND" ? "年度分红(示例)" : "季度务工工资(示例)",
        createdAt: new Date(t),
      });
    }
  }
  // In bulk mode the payout trigger (ReportHousehold) is skipped too: the rollups are rebuilt next.
  await db.query("BEGIN");
  try {
    if (bulk) await db.query(`SET LOCAL session_replication_role = replica`);
    const inserted = await insertRows(db, "Payout", PAYOUT_COLUMNS, rows);
    await db.query("COMMIT");
    return inserted;
  } catch (error) {
    await db.query("ROLLBACK").catch(() => undefined);
    throw error;
  }
}
