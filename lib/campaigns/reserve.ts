// The livestream's hot path: reservations of a campaign product, many per transaction (group
// commit), on a raw `pg` pool. Measured on a 2-core machine (docs/benchmarks.md, bench:livestream):
// a Prisma interactive transaction per order caps one process at a few hundred orders a second;
// one statement for a whole batch costs ~25 µs of Node CPU per order.
//
// A Reserver gathers the requests for each campaign product while the previous batch of that
// product is being committed (so batches grow with the load, up to BATCH_MAX), then commits each
// batch in ONE transaction:
//   1. lock the allotment row (CampaignProduct), checking the campaign is live: batches of one
//      product, from any number of processes, take turns here;
//   2. find the checkout keys that already have an order (a retry gets its order back);
//   3. lock the buyers' rows that exist (CampaignBuyer, keys sorted) and read the units each holds;
//   4. decide in arrival order (./grant.ts): allotment left, per-buyer limit;
//   5. one statement writes everything granted: the allotment, the buyers' units (added with
//      ON CONFLICT: a new buyer's row is made here, not upserted first and updated after), the
//      orders (channel LIVESTREAM, the campaign), their lines and one stock-ledger row each.
// All or nothing: a crash before the commit leaves no trace, after it every order is there and
// findable by its checkout key. The database backs each rule on its own: stock CHECK >= 0, buyer
// CHECK units <= cap, checkoutKey UNIQUE. A batch that trips one (a retry racing in another
// process) is rolled back and done again; one that fails again is split, so no buyer's bad
// request fails the others.
import { randomUUID } from "node:crypto";
import type { Pool, PoolClient } from "pg";
import { appLog } from "@/lib/ops/log";
import { newOrderNumber } from "@/lib/orders/number";
import { isCertifiedAt } from "@/lib/orders/sale";
import { buyerKeys, type BuyerIdentity } from "./buyer";
import { grant, type Decision } from "./grant";
import { CAMPAIGN_RESERVATION_MS } from "./rules";

export interface ReserveRequest {
  campaignProductId: string;
  quantity: number;
  checkoutKey: string;
  buyer: BuyerIdentity & { recipient: string };
  paymentProvider: string;
  /** The campaign the buyer's admission permit names, when one was required (reserve-http.ts checked it). */
  admittedTo?: string;
}

export type ReserveResult =
  | { ok: true; created: boolean; orderId: string; number: string; reservedUntil: Date | null }
  | { ok: false; code: "soldOut" | "notLive" | "keyInUse" | "busy" | "permitInvalid" }
  | { ok: false; code: "onlyLeft"; left: number }
  | { ok: false; code: "limitReached"; limit: number; held: number };

interface Pending {
  request: ReserveRequest;
  keys: string[];
  resolve: (result: ReserveResult) => void;
}

export interface ReserverOptions {
  /** Most requests per transaction. */
  batchMax?: number;
  /** How long the first request of an idle product waits for company, in ms. */
  batchWaitMs?: number;
  /** How long "sold out" is answered from memory before the database is asked again, in ms. */
  soldOutMemoryMs?: number;
  now?: () => Date;
}

const RETRYABLE = new Set(["23505", "40P01", "40001"]); // a racing duplicate key, a deadlock, a serialisation failure

export class Reserver {
  private readonly queues = new Map<string, { pending: Pending[]; busy: boolean; timer: NodeJS.Timeout | null }>();
  private readonly soldOutUntil = new Map<string, number>();
  private readonly batchMax: number;
  private readonly batchWaitMs: number;
  private readonly soldOutMemoryMs: number;
  private readonly now: () => Date;
  /** Figures for the benchmark: transactions committed and requests they carried. */
  readonly stats = { batches: 0, requests: 0, refusedFromMemory: 0 };

  constructor(
    private readonly pool: Pool,
    options: ReserverOptions = {},
  ) {
    this.batchMax = options.batchMax ?? 256;
    this.batchWaitMs = options.batchWaitMs ?? 2;
    this.soldOutMemoryMs = options.soldOutMemoryMs ?? 1000;
    this.now = options.now ?? (() => new Date());
  }

  reserve(request: ReserveRequest): Promise<ReserveResult> {
    const until = this.soldOutUntil.get(request.campaignProductId);
    if (until !== undefined && until > Date.now()) {
      this.stats.refusedFromMemory++;
      // A retry of a request that did get an order must still find it: those go to the database.
      return this.lookupOrSoldOut(request);
    }
    return new Promise((resolve) => {
      const id = request.campaignProductId;
      let queue = this.queues.get(id);
      if (!queue) this.queues.set(id, (queue = { pending: [], busy: false, timer: null }));
      queue.pending.push({ request, keys: buyerKeys(request.buyer), resolve });
      this.schedule(id);
    });
  }

  private schedule(id: string) {
    const queue = this.queues.get(id)!;
    if (queue.busy || queue.pending.length === 0) return;
    if (queue.pending.length >= this.batchMax) {
      if (queue.timer) clearTimeout(queue.timer);
      queue.timer = null;
      void this.flush(id);
    } else if (!queue.timer) {
      queue.timer = setTimeout(() => {
        queue.timer = null;
        void this.flush(id);
      }, this.batchWaitMs);
    }
  }

  private async flush(id: string) {
    const queue = this.queues.get(id)!;
    if (queue.busy) return;
    const batch = queue.pending.splice(0, this.batchMax);
    if (batch.length === 0) return;
    queue.busy = true;
    let answers: ReserveResult[];
    try {
      answers = await this.commitWithRetries(id, batch);
    } catch (error) {
      appLog().error({ area: "live", campaignProductId: id, buyers: batch.length, err: error }, "reservation batch failed; answered busy");
      answers = batch.map(() => ({ ok: false, code: "busy" }));
    }
    queue.busy = false;
    if (queue.pending.length === 0) this.queues.delete(id);
    else {
      // Those who came during this batch go now (no wait for company: they are the company), and
      // before this batch's answers are written, so the database does not wait for Node.
      if (queue.timer) clearTimeout(queue.timer);
      queue.timer = null;
      void this.flush(id);
    }
    batch.forEach((p, i) => p.resolve(answers[i]!));
  }

  private async commitWithRetries(id: string, batch: Pending[]): Promise<ReserveResult[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.commitBatch(id, batch);
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code && RETRYABLE.has(code) && attempt < 3) continue;
        if (batch.length > 1) {
          // Something in one request trips the database (e.g. an account deleted since its cookie
          // was signed, or another product's batch filled a buyer's limit): serve each alone, so
          // it fails only its own buyer.
          const answers: ReserveResult[] = [];
          for (const p of batch) answers.push(...(await this.commitWithRetries(id, [p])));
          return answers;
        }
        appLog().error({ area: "live", campaignProductId: id, err: error }, "reservation failed; answered busy");
        return [{ ok: false, code: "busy" }];
      }
    }
  }

  private async commitBatch(id: string, batch: Pending[]): Promise<ReserveResult[]> {
    const client = await this.pool.connect();
    let open = false;
    try {
      await client.query("BEGIN");
      open = true;
      const results = await reserveInTransaction(client, id, batch, this.now());
      await client.query("COMMIT");
      open = false;
      this.stats.batches++;
      this.stats.requests += batch.length;
      if (results.soldOut) this.soldOutUntil.set(id, Date.now() + this.soldOutMemoryMs);
      else this.soldOutUntil.delete(id);
      return results.answers;
    } catch (error) {
      if (open) await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  private async lookupOrSoldOut(request: ReserveRequest): Promise<ReserveResult> {
    const found = await this.pool.query<OrderRow>(
      `SELECT "id", "number", "userId", "email", "reservedUntil", "campaignId" FROM "Order" WHERE "checkoutKey" = $1`,
      [request.checkoutKey],
    );
    const row = found.rows[0];
    if (!row) return { ok: false, code: "soldOut" };
    return sameBuyer(row, request) ? existing(row) : { ok: false, code: "keyInUse" };
  }
}

interface OrderRow {
  id: string;
  number: string;
  userId: string | null;
  email: string;
  reservedUntil: Date;
  checkoutKey?: string;
}

function sameBuyer(row: OrderRow, request: ReserveRequest): boolean {
  return request.buyer.userId ? row.userId === request.buyer.userId : row.userId === null && row.email === request.buyer.email;
}

const existing = (row: OrderRow): ReserveResult => ({
  ok: true,
  created: false,
  orderId: row.id,
  number: row.number,
  reservedUntil: row.reservedUntil,
});

const refusal = (d: Exclude<Decision, { granted: true }>): ReserveResult => {
  if (d.code === "onlyLeft") return { ok: false, code: "onlyLeft", left: d.left };
  if (d.code === "limitReached") return { ok: false, code: "limitReached", limit: d.limit, held: d.held };
  return { ok: false, code: "soldOut" };
};

const LOCK_ALLOTMENT = `
  SELECT cp."stock", cp."campaignId", cp."productId", cp."operatorId", cp."priceFen",
         c."perBuyerLimit", p."status", p."certifiedUntil"
  FROM "CampaignProduct" cp
  JOIN "Campaign" c ON c."id" = cp."campaignId"
  JOIN "Product" p ON p."id" = cp."productId"
  WHERE cp."id" = $1 AND c."status" = 'PUBLISHED' AND c."startedAt" IS NOT NULL AND c."endedAt" IS NULL
    AND c."startsAt" <= ($2::timestamptz AT TIME ZONE 'UTC') AND c."endsAt" > ($2::timestamptz AT TIME ZONE 'UTC')
  FOR UPDATE OF cp`;

// The buyers' rows that exist, locked (keys sorted, so batches of two products never deadlock). A key
// with no row yet is not locked: the batch's write adds its units with ON CONFLICT, and the CHECK
// (units <= cap) refuses the batch if another product's batch added some meanwhile (then each
// request is done alone, and sees them).
const LOCK_BUYERS = `
  SELECT "buyerKey", "units" FROM "CampaignBuyer"
  WHERE "campaignId" = $1 AND "buyerKey" = ANY($2::text[])
  ORDER BY "buyerKey" FOR UPDATE`;

// Everything one batch grants, in one statement. Arrays are one element per granted request.
const WRITE = `
  WITH req AS (
    SELECT * FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::int[], $10::int[],
                         $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[])
      AS r("orderId", "number", "checkoutKey", "userId", "email", "quantity", "stockAfter",
           "recipient", "mobile", "province", "city", "district", "address", "lineId")
  ),
  allot AS (
    UPDATE "CampaignProduct" SET "stock" = "stock" - $18::int WHERE "id" = $1 RETURNING "stock"
  ),
  buyers AS (
    INSERT INTO "CampaignBuyer" ("campaignId", "buyerKey", "units", "cap")
    SELECT $2, v."buyerKey", v."added", $27::int FROM unnest($19::text[], $20::int[]) AS v("buyerKey", "added")
    ON CONFLICT ("campaignId", "buyerKey") DO UPDATE SET "units" = "CampaignBuyer"."units" + EXCLUDED."units"
    RETURNING 1
  ),
  orders AS (
    INSERT INTO "Order" ("id", "number", "userId", "email", "channel", "status", "totalFen", "checkoutKey",
                         "recipient", "mobile", "province", "city", "district", "address",
                         "paymentProvider", "reservedUntil", "createdAt", "campaignId")
    SELECT "orderId", "number", "userId", "email", 'LIVESTREAM', 'PENDING_PAYMENT', "quantity" * $21::int, "checkoutKey",
           "recipient", "mobile", "province", "city", "district", "address", $22, ($23::timestamptz AT TIME ZONE 'UTC'), ($24::timestamptz AT TIME ZONE 'UTC'), $2
    FROM req
    RETURNING "id"
  ),
  lines AS (
    INSERT INTO "OrderLine" ("id", "orderId", "productId", "operatorId", "quantity", "unitPriceFen", "netFen", "certifiedAtSale")
    SELECT req."lineId", orders."id", $3, $25, req."quantity", $21::int, req."quantity" * $21::int, $26::boolean
    FROM req JOIN orders ON orders."id" = req."orderId"
    RETURNING 1
  ),
  ledger AS (
    INSERT INTO "StockMovement" ("id", "productId", "delta", "stockAfter", "reason", "note", "userId", "createdAt", "campaignProductId")
    SELECT gen_random_uuid()::text, $3, -req."quantity", req."stockAfter", 'SALE', req."number", req."userId", ($24::timestamptz AT TIME ZONE 'UTC'), $1
    FROM req JOIN orders ON orders."id" = req."orderId"
    RETURNING 1
  )
  SELECT (SELECT "stock" FROM allot) AS "stock", (SELECT count(*) FROM lines)::int AS "lines",
         (SELECT count(*) FROM ledger)::int AS "moves", (SELECT count(*) FROM buyers)::int AS "buyers"`;

/**
 * One batch inside the caller's transaction. Exported for tests that want to drive a transaction
 * by hand; everything else goes through a Reserver.
 */
export async function reserveInTransaction(
  client: PoolClient,
  campaignProductId: string,
  batch: readonly Pick<Pending, "request" | "keys">[],
  now: Date,
): Promise<{ answers: ReserveResult[]; soldOut: boolean }> {
  const lock = await client.query(LOCK_ALLOTMENT, [campaignProductId, now.toISOString()]);
  const cp = lock.rows[0] as
    | {
        stock: number;
        campaignId: string;
        productId: string;
        operatorId: string;
        priceFen: number;
        perBuyerLimit: number;
        status: string;
        certifiedUntil: Date | null;
      }
    | undefined;
  if (!cp) return { answers: batch.map(() => ({ ok: false, code: "notLive" })), soldOut: false };

  // Retries: a key that already has an order gets it back (or is refused if it is someone else's).
  const answers: (ReserveResult | undefined)[] = batch.map(() => undefined);
  const found = await client.query<OrderRow & { checkoutKey: string }>(
    `SELECT "id", "number", "userId", "email", "reservedUntil", "checkoutKey" FROM "Order" WHERE "checkoutKey" = ANY($1::text[])`,
    [batch.map((p) => p.request.checkoutKey)],
  );
  const byKey = new Map(found.rows.map((r) => [r.checkoutKey, r]));
  const seenKeys = new Map<string, number>(); // the same key twice in one batch: the second waits for the first's answer
  batch.forEach((p, i) => {
    const row = byKey.get(p.request.checkoutKey);
    if (p.request.admittedTo !== undefined && p.request.admittedTo !== cp.campaignId)
      answers[i] = { ok: false, code: "permitInvalid" }; // a permit of another campaign
    else if (row) answers[i] = sameBuyer(row, p.request) ? existing(row) : { ok: false, code: "keyInUse" };
    else if (seenKeys.has(p.request.checkoutKey))
      answers[i] = { ok: false, code: "keyInUse" }; // resolved below
    else seenKeys.set(p.request.checkoutKey, i);
  });

  const fresh = batch.map((p, i) => ({ p, i })).filter(({ i }) => answers[i] === undefined);
  const keys = [...new Set(fresh.flatMap(({ p }) => p.keys))].sort();
  const held = new Map<string, number>();
  if (keys.length) {
    const rows = await client.query<{ buyerKey: string; units: number }>(LOCK_BUYERS, [cp.campaignId, keys]);
    for (const r of rows.rows) held.set(r.buyerKey, r.units);
  }
  const outcome = grant(
    cp.stock,
    cp.perBuyerLimit,
    held,
    fresh.map(({ p }) => ({ quantity: p.request.quantity, keys: p.keys })),
  );

  const granted: { p: Pending["request"]; i: number; stockAfter: number; orderId: string; number: string }[] = [];
  outcome.decisions.forEach((d, j) => {
    const { p, i } = fresh[j]!;
    if (d.granted) granted.push({ p: p.request, i, stockAfter: d.stockAfter, orderId: randomUUID(), number: newOrderNumber(now) });
    else answers[i] = refusal(d);
  });

  const reservedUntil = new Date(now.getTime() + CAMPAIGN_RESERVATION_MS);
  if (granted.length) {
    const col = <T>(f: (g: (typeof granted)[number]) => T) => granted.map(f);
    const unitKeys = [...outcome.units.keys()];
    await client.query(WRITE, [
      campaignProductId,
      cp.campaignId,
      cp.productId,
      col((g) => g.orderId),
      col((g) => g.number),
      col((g) => g.p.checkoutKey),
      col((g) => g.p.buyer.userId),
      col((g) => g.p.buyer.email),
      col((g) => g.p.quantity),
      col((g) => g.stockAfter),
      col((g) => g.p.buyer.recipient),
      col((g) => g.p.buyer.mobile),
      col((g) => g.p.buyer.province),
      col((g) => g.p.buyer.city),
      col((g) => g.p.buyer.district),
      col((g) => g.p.buyer.address),
      col(() => randomUUID()),
      cp.stock - outcome.stockAfter,
      unitKeys,
      unitKeys.map((k) => outcome.units.get(k)! - (held.get(k) ?? 0)), // units each key adds

      cp.priceFen,
      granted[0]!.p.paymentProvider,
      reservedUntil.toISOString(),
      now.toISOString(),
      cp.operatorId,
      isCertifiedAt({ status: cp.status as never, certifiedUntil: cp.certifiedUntil }, now),
      cp.perBuyerLimit,
    ]);
    for (const g of granted) {
      answers[g.i] = { ok: true, created: true, orderId: g.orderId, number: g.number, reservedUntil };
    }
  }
  // A key sent twice in one batch: the second copy gets the first copy's answer.
  batch.forEach((p, i) => {
    const first = seenKeys.get(p.request.checkoutKey);
    if (first !== undefined && first !== i && !byKey.has(p.request.checkoutKey)) {
      const a = answers[first]!;
      const same =
        p.request.buyer.userId === batch[first]!.request.buyer.userId && p.request.buyer.email === batch[first]!.request.buyer.email;
      answers[i] = !same ? { ok: false, code: "keyInUse" } : a.ok ? { ...a, created: false } : a;
    }
  });
  return { answers: answers as ReserveResult[], soldOut: outcome.stockAfter === 0 };
}
