// The livestream's hot path: reservations of a campaign product, many per transaction (group
// commit), on a raw `pg` pool. Measured on a 2-core machine (docs/benchmarks.md, bench:livestream):
// a Prisma interactive transaction per order caps one process at a few hundred orders a second;
// one statement for a whole batch costs ~25 µs of Node CPU per order.
//
// A started allotment's units are split over a few rows (CampaignShard, LIVE_ALLOTMENT_SHARDS), so
// that batches of ONE hot product run side by side, each on a shard of its own (one PostgreSQL core
// each) instead of queueing behind one row lock.
//
// A Reserver gathers the requests for each campaign product while earlier batches of that product
// are being committed (so batches grow with the load, up to BATCH_MAX), with at most one batch in
// flight per shard and a second one beside it only when enough wait (parallelAt: a batch costs about
// the same to commit with 10 orders as with 200), and commits each batch in ONE transaction of two
// round trips (each reply waits for the event loop of a server busy taking requests; alternated
// runs at load 5–8: 13,400 orders in 6.7–9.1 s with six round trips, 3.7–5.2 s with two):
//   1. with BEGIN, two statements (READ): take one shard with units that no other batch holds (FOR
//      UPDATE SKIP LOCKED), checking the campaign is live, and lock the buyers' rows that exist
//      (CampaignBuyer, keys sorted), reading the units each holds; then find the checkout keys that
//      already have an order (a retry gets its order back). When no shard is free it holds nothing
//      and asks again for every shard (in shard order, waiting), then the buyers and the keys;
//   2. decide in arrival order (./grant.ts): units of the shard(s) held, per-buyer limit;
//   3. with COMMIT, one statement writes everything granted: the shard(s), the buyers' units (added
//      with ON CONFLICT: a new buyer's row is made here, not upserted first and updated after), the
//      orders (channel LIVESTREAM, the campaign), their lines and one stock-ledger row each.
// Several statements in one message need the simple-query protocol, so values go in as literals
// (inlined(): pg's own escaping, tested with hostile strings against the same values as parameters).
// A request its one shard could not serve is NOT told "sold out" from that shard: after the commit
// it goes into a second transaction that locks every shard of the product (the sweep), where
// "sold out" and "only N left" are the truth of the whole allotment. Sweeps lock shards in order
// and hold nothing else while they wait; a one-shard batch never waits for a shard: no deadlock.
// All or nothing: a crash before the commit leaves no trace, after it every order is there and
// findable by its checkout key. The database backs each rule on its own: shard CHECK stock >= 0,
// buyer CHECK units <= cap (the per-buyer limit is one row per buyer key, whatever the shard),
// checkoutKey UNIQUE. A batch that trips one (a retry racing in another process) is rolled back and
// done again; one that fails again is split, so no buyer's bad request fails the others.
import { randomUUID } from "node:crypto";
import pg, { type Pool, type PoolClient, type QueryResult } from "pg";
import { appLog } from "@/lib/ops/log";
import { newOrderNumber } from "@/lib/orders/number";
import { isCertifiedAt } from "@/lib/orders/sale";
import { buyerKeys, type BuyerIdentity } from "./buyer";
import { grant, type Decision } from "./grant";
import { CAMPAIGN_RESERVATION_MS } from "./rules";

const { escapeLiteral } = pg;

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
  /** Most batches of one product in flight at once (never more than the product has shards). */
  maxParallel?: number;
  /**
   * How many must be waiting before a second (third …) batch of a product starts beside one in
   * flight; fewer wait for it to end and go together. Default 64.
   */
  parallelAt?: number;
  now?: () => Date;
}

const RETRYABLE = new Set(["23505", "40P01", "40001"]); // a racing duplicate key, a deadlock, a serialisation failure

interface Queue {
  pending: Pending[];
  /** Batches in flight, by slot (a slot prefers the shard of its number). */
  slots: Set<number>;
  /** Batches that may be in flight: the product's shards, as the last batch saw them. */
  parallel: number;
  timer: NodeJS.Timeout | null;
}

type Mode = { shardHint: number } | "all";

export class Reserver {
  private readonly queues = new Map<string, Queue>();
  private readonly soldOutUntil = new Map<string, number>();
  /** The shards of each product, as its last batch saw them (kept when its queue empties). */
  private readonly shardsOf = new Map<string, number>();
  private readonly batchMax: number;
  private readonly batchWaitMs: number;
  private readonly soldOutMemoryMs: number;
  private readonly maxParallel: number;
  private readonly parallelAt: number;
  private readonly now: () => Date;
  /** Figures for the benchmark: transactions committed, requests they carried, sweeps over every shard. */
  readonly stats = { batches: 0, requests: 0, refusedFromMemory: 0, sweeps: 0 };

  constructor(
    private readonly pool: Pool,
    options: ReserverOptions = {},
  ) {
    this.batchMax = options.batchMax ?? 256;
    this.batchWaitMs = options.batchWaitMs ?? 2;
    this.soldOutMemoryMs = options.soldOutMemoryMs ?? 1000;
    this.maxParallel = options.maxParallel ?? 8;
    this.parallelAt = options.parallelAt ?? 64;
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
      if (!queue) this.queues.set(id, (queue = { pending: [], slots: new Set(), parallel: this.shardsOf.get(id) ?? 1, timer: null }));
      queue.pending.push({ request, keys: buyerKeys(request.buyer), resolve });
      this.schedule(id);
    });
  }

  private schedule(id: string) {
    const queue = this.queues.get(id)!;
    if (queue.slots.size >= queue.parallel || queue.pending.length === 0) return;
    if (queue.pending.length >= this.batchMax || (queue.slots.size > 0 && queue.pending.length >= this.parallelAt)) {
      if (queue.timer) clearTimeout(queue.timer);
      queue.timer = null;
      this.flush(id);
    } else if (!queue.timer && queue.slots.size === 0) {
      queue.timer = setTimeout(() => {
        queue.timer = null;
        this.flush(id);
      }, this.batchWaitMs);
    }
    // Otherwise a batch is in flight and few wait: they go together when it ends (run() flushes).
  }

  /**
   * Starts batches in free slots (synchronously takes their requests and slots): one with what
   * waits (up to BATCH_MAX), and more beside it only while at least `parallelAt` still wait. A
   * batch costs PostgreSQL about the same to commit whether it carries 10 orders or 200, so on a
   * small machine few large batches beat many small ones; parallel batches (each on a shard of its
   * own) are for queues one batch cannot absorb.
   */
  private flush(id: string) {
    const queue = this.queues.get(id);
    if (!queue) return;
    while (queue.pending.length > 0 && queue.slots.size < queue.parallel) {
      if (queue.slots.size > 0 && queue.pending.length < this.parallelAt) break;
      const batch = queue.pending.splice(0, this.batchMax);
      let slot = 0;
      while (queue.slots.has(slot)) slot++;
      queue.slots.add(slot);
      void this.run(id, queue, batch, slot);
    }
  }

  private async run(id: string, queue: Queue, batch: Pending[], slot: number) {
    let answers: ReserveResult[];
    try {
      answers = await this.settle(id, queue, batch, slot);
    } catch (error) {
      appLog().error({ area: "live", campaignProductId: id, buyers: batch.length, err: error }, "reservation batch failed; answered busy");
      answers = batch.map(() => ({ ok: false, code: "busy" }));
    }
    queue.slots.delete(slot);
    if (queue.pending.length === 0 && queue.slots.size === 0) {
      if (queue.timer) clearTimeout(queue.timer);
      if (this.queues.get(id) === queue) this.queues.delete(id);
    } else if (queue.pending.length > 0) {
      // Those who came during this batch go now (no wait for company: they are the company), and
      // before this batch's answers are written, so the database does not wait for Node.
      if (queue.timer) clearTimeout(queue.timer);
      queue.timer = null;
      this.flush(id);
    }
    batch.forEach((p, i) => p.resolve(answers[i]!));
  }

  /** One batch on one shard, then whoever that shard could not serve in a sweep over every shard. */
  private async settle(id: string, queue: Queue, batch: Pending[], slot: number): Promise<ReserveResult[]> {
    const answers = await this.commitWithRetries(id, queue, batch, { shardHint: slot });
    const later = answers.flatMap((a, i) => (a === undefined ? [i] : []));
    if (later.length) {
      this.stats.sweeps++;
      const swept = await this.commitWithRetries(
        id,
        queue,
        later.map((i) => batch[i]!),
        "all",
      );
      later.forEach((i, j) => (answers[i] = swept[j]));
    }
    return answers as ReserveResult[];
  }

  private async commitWithRetries(id: string, queue: Queue, batch: Pending[], mode: Mode): Promise<(ReserveResult | undefined)[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.commitBatch(id, queue, batch, mode);
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code && RETRYABLE.has(code) && attempt < 3) continue;
        if (batch.length > 1) {
          // Something in one request trips the database (e.g. an account deleted since its cookie
          // was signed, or another product's batch filled a buyer's limit): serve each alone, so
          // it fails only its own buyer.
          const answers: (ReserveResult | undefined)[] = [];
          for (const p of batch) answers.push(...(await this.commitWithRetries(id, queue, [p], mode)));
          return answers;
        }
        appLog().error({ area: "live", campaignProductId: id, err: error }, "reservation failed; answered busy");
        return [{ ok: false, code: "busy" }];
      }
    }
  }

  private async commitBatch(id: string, queue: Queue, batch: Pending[], mode: Mode): Promise<(ReserveResult | undefined)[]> {
    const client = await this.pool.connect();
    let open = false;
    try {
      open = true; // reserveInTransaction begins and commits it (with its read and its write: two round trips)
      const results = await reserveInTransaction(client, id, batch, this.now(), mode);
      open = false;
      this.stats.batches++;
      this.stats.requests += batch.length;
      if (results.shards > 0) {
        queue.parallel = Math.max(1, Math.min(this.maxParallel, results.shards));
        this.shardsOf.set(id, queue.parallel);
        if (this.shardsOf.size > 10_000) this.shardsOf.delete(this.shardsOf.keys().next().value!);
      }
      if (results.soldOut) this.soldOutUntil.set(id, Date.now() + this.soldOutMemoryMs);
      else if (results.answers.some((a) => a?.ok)) this.soldOutUntil.delete(id);
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

const ALLOTMENT = `
  SELECT s."shard", s."stock", cp."campaignId", cp."productId", cp."operatorId", cp."priceFen",
         c."perBuyerLimit", p."status", (p."certifiedUntil" AT TIME ZONE 'UTC') AS "certifiedUntil",
         (SELECT count(*) FROM "CampaignShard" x WHERE x."campaignProductId" = cp."id")::int AS "shards"
  FROM "CampaignShard" s
  JOIN "CampaignProduct" cp ON cp."id" = s."campaignProductId"
  JOIN "Campaign" c ON c."id" = cp."campaignId"
  JOIN "Product" p ON p."id" = cp."productId"
  WHERE s."campaignProductId" = $1 AND c."status" = 'PUBLISHED' AND c."startedAt" IS NOT NULL AND c."endedAt" IS NULL
    AND c."startsAt" <= ($2::timestamptz AT TIME ZONE 'UTC') AND c."endsAt" > ($2::timestamptz AT TIME ZONE 'UTC')`;

// One shard with units that no other batch holds, the slot's own first (shards >= the hint, then
// the lower ones). Nothing is waited for: a shard another batch holds is skipped.
const TAKE_ONE_SHARD = `${ALLOTMENT} AND s."stock" > 0
  ORDER BY s."shard" < $3::int, s."shard" LIMIT 1 FOR UPDATE OF s SKIP LOCKED`;

// Every shard of the allotment, locked in shard order (waiting for batches that hold one): then
// what is left is the whole allotment's figure.
const LOCK_ALL_SHARDS = `${ALLOTMENT} ORDER BY s."shard" FOR UPDATE OF s`;

// A batch's whole read in one round trip, sent with its BEGIN (a batch's round trips each wait for
// the event loop of a server busy taking requests: six of them were most of a batch's time), as two
// statements:
//   1. the shard(s) held, locked first; and the buyers' rows that exist, locked (keys sorted, so
//      batches of two products never deadlock) only once a shard is held: a batch that found no
//      free shard holds nothing and waits for every shard in order (LOCK_ALL_SHARDS), then locks
//      its buyers. A key with no row yet is not locked: the batch's write adds its units with ON
//      CONFLICT, and the CHECK (units <= cap) refuses the batch if another product's batch added
//      some meanwhile (then each request is done alone, and sees them);
//   2. the orders its checkout keys already have (a retry gets its order back), in a statement of
//      its own: it sees what the batches this one waited for in 1 committed (one statement sees
//      the database as it was when the statement began, waits included).
// $4: the checkout keys, $5: the buyer keys, sorted.
const READ = (shards: string) => `
  WITH held AS (${shards}),
  buyers AS (
    SELECT "buyerKey", "units" FROM "CampaignBuyer"
    WHERE "campaignId" = (SELECT "campaignId" FROM held LIMIT 1) AND "buyerKey" = ANY($5::text[])
    ORDER BY "buyerKey" FOR UPDATE
  )
  SELECT (SELECT coalesce(json_agg(held ORDER BY held."shard"), '[]') FROM held) AS "held",
         (SELECT coalesce(json_agg(buyers), '[]') FROM buyers) AS "buyers";
  SELECT coalesce(json_agg(found), '[]') AS "found" FROM (
    SELECT "id", "number", "userId", "email", ("reservedUntil" AT TIME ZONE 'UTC') AS "reservedUntil", "checkoutKey"
    FROM "Order" WHERE "checkoutKey" = ANY($4::text[])
  ) found`;
const READ_ONE_SHARD = READ(TAKE_ONE_SHARD);
const READ_ALL_SHARDS = READ(LOCK_ALL_SHARDS);

type Literal = string | number | boolean | null | readonly (string | number | null)[];

/**
 * A statement with its values ($1 … $n) written in as literals: the simple-query protocol takes
 * several statements in one message (BEGIN and the read; the write and COMMIT), the extended one
 * does not. Strings go through pg's escapeLiteral, arrays in PostgreSQL's array syntax.
 */
export function inlined(text: string, values: readonly Literal[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const i = Number(n) - 1;
    if (i >= values.length) throw new Error(`no value for $${n}`);
    return literal(values[i]!);
  });
}

function literal(v: Literal): string {
  if (v === null) return "NULL";
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new Error("not a finite number");
    return String(v);
  }
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "string") return escapeLiteral(v);
  const items = v.map((item) =>
    item === null ? "NULL" : typeof item === "number" ? literal(item) : `"${item.replace(/["\\]/g, (c) => `\\${c}`)}"`,
  );
  return escapeLiteral(`{${items.join(",")}}`);
}

// Everything one batch grants, in one statement. Arrays are one element per granted request.
const WRITE = `
  WITH req AS (
    SELECT * FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::int[], $10::int[],
                         $11::text[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[])
      AS r("orderId", "number", "checkoutKey", "userId", "email", "quantity", "stockAfter",
           "recipient", "mobile", "province", "city", "district", "address", "lineId")
  ),
  allot AS (
    UPDATE "CampaignShard" s SET "stock" = s."stock" - t."take"
    FROM unnest($28::int[], $18::int[]) AS t("shard", "take")
    WHERE s."campaignProductId" = $1 AND s."shard" = t."shard"
    RETURNING 1
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
  -- Sent with its COMMIT: a held shard not written (it cannot be, while locked) fails the
  -- statement here (the cast), so the COMMIT after it never runs.
  SELECT CASE WHEN (SELECT count(*) FROM allot) = $29::int THEN (SELECT count(*) FROM lines)::int
              ELSE ('a held shard was not written: ' || (SELECT count(*) FROM allot))::int END AS "lines",
         (SELECT count(*) FROM ledger)::int AS "moves", (SELECT count(*) FROM buyers)::int AS "buyers"`;

interface ShardRow {
  shard: number;
  stock: number;
  campaignId: string;
  productId: string;
  operatorId: string;
  priceFen: number;
  perBuyerLimit: number;
  status: string;
  certifiedUntil: Date | null;
  shards: number;
}

interface ReadRow {
  held: (Omit<ShardRow, "certifiedUntil"> & { certifiedUntil: string | null })[];
  found: (Omit<OrderRow, "reservedUntil"> & { reservedUntil: string; checkoutKey: string })[];
  buyers: { buyerKey: string; units: number }[];
}

/**
 * One batch in one transaction, which this begins (with its read, in one round trip) and commits
 * (with its write, in another); the caller rolls it back if this throws. With `{ shardHint }` it
 * takes units from one free shard, and a request that shard cannot serve is left unanswered
 * (undefined) for a sweep; with "all" it holds every shard and answers everyone. Exported for
 * tests that want to drive a transaction by hand; everything else goes through a Reserver.
 */
export async function reserveInTransaction(
  client: PoolClient,
  campaignProductId: string,
  batch: readonly Pick<Pending, "request" | "keys">[],
  now: Date,
  mode: Mode = "all",
): Promise<{ answers: (ReserveResult | undefined)[]; soldOut: boolean; shards: number }> {
  const checkoutKeys = batch.map((p) => p.request.checkoutKey);
  const buyerKeysSorted = [...new Set(batch.flatMap((p) => p.keys))].sort();
  const read = async (text: string, shardHint: number, begin: boolean): Promise<ReadRow> => {
    const sql = inlined(text, [campaignProductId, now.toISOString(), shardHint, checkoutKeys, buyerKeysSorted]);
    // Several statements: pg answers with one result each (BEGIN's, the locks', the keys').
    const results = (await client.query(begin ? `BEGIN; ${sql}` : sql)) as unknown as QueryResult[];
    const [locked, keys] = results.slice(-2) as [QueryResult<Omit<ReadRow, "found">>, QueryResult<Pick<ReadRow, "found">>];
    return { ...locked.rows[0]!, found: keys.rows[0]!.found };
  };
  let all = mode === "all";
  let state = mode === "all" ? await read(READ_ALL_SHARDS, 0, true) : await read(READ_ONE_SHARD, mode.shardHint, true);
  if (!all && state.held.length === 0) {
    // Every shard is empty or held by another batch: wait for them all (this batch holds nothing yet).
    all = true;
    state = await read(READ_ALL_SHARDS, 0, false);
  }
  const held: ShardRow[] = state.held.map((r) => ({ ...r, certifiedUntil: r.certifiedUntil === null ? null : new Date(r.certifiedUntil) }));
  // The one shard of a one-row allotment is all of it: its answers are final, no sweep needed.
  if (!all && held[0] !== undefined && held[0].shards === 1) all = true;
  const cp = held[0];
  if (!cp) {
    await client.query("COMMIT"); // nothing held
    return { answers: batch.map(() => ({ ok: false, code: "notLive" })), soldOut: false, shards: 0 };
  }
  const stock = held.reduce((sum, r) => sum + r.stock, 0);

  // Retries: a key that already has an order gets it back (or is refused if it is someone else's).
  const answers: (ReserveResult | undefined)[] = batch.map(() => undefined);
  const byKey = new Map(state.found.map((r) => [r.checkoutKey, { ...r, reservedUntil: new Date(r.reservedUntil) }]));
  const seenKeys = new Map<string, number>(); // the same key twice in one batch: the second waits for the first's answer
  const copies = new Set<number>();
  batch.forEach((p, i) => {
    const row = byKey.get(p.request.checkoutKey);
    if (p.request.admittedTo !== undefined && p.request.admittedTo !== cp.campaignId)
      answers[i] = { ok: false, code: "permitInvalid" }; // a permit of another campaign
    else if (row) answers[i] = sameBuyer(row, p.request) ? existing(row) : { ok: false, code: "keyInUse" };
    else if (seenKeys.has(p.request.checkoutKey))
      copies.add(i); // answered below
    else seenKeys.set(p.request.checkoutKey, i);
  });

  const fresh = batch.map((p, i) => ({ p, i })).filter(({ i }) => answers[i] === undefined && !copies.has(i));
  const units = new Map(state.buyers.map((r) => [r.buyerKey, r.units]));
  const outcome = grant(
    stock,
    cp.perBuyerLimit,
    units,
    fresh.map(({ p }) => ({ quantity: p.request.quantity, keys: p.keys })),
  );

  const granted: { p: Pending["request"]; i: number; stockAfter: number; orderId: string; number: string }[] = [];
  outcome.decisions.forEach((d, j) => {
    const { p, i } = fresh[j]!;
    if (d.granted) granted.push({ p: p.request, i, stockAfter: d.stockAfter, orderId: randomUUID(), number: newOrderNumber(now) });
    // Out of units on ONE shard says nothing of the others: the sweep answers it. The limit is final.
    else if (!all && d.code !== "limitReached") answers[i] = undefined;
    else answers[i] = refusal(d);
  });

  const reservedUntil = new Date(now.getTime() + CAMPAIGN_RESERVATION_MS);
  if (granted.length) {
    // The units taken, from the held shards in shard order.
    let due = stock - outcome.stockAfter;
    const takes = held
      .map((r) => {
        const take = Math.min(r.stock, due);
        due -= take;
        return { shard: r.shard, take };
      })
      .filter((t) => t.take > 0); // a shard the batch did not need is not rewritten
    const col = <T>(f: (g: (typeof granted)[number]) => T) => granted.map(f);
    const unitKeys = [...outcome.units.keys()].sort(); // sorted: two batches adding to one buyer's keys meet in one order
    await client.query(
      `${inlined(WRITE, [
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
        takes.map((t) => t.take),
        unitKeys,
        unitKeys.map((k) => outcome.units.get(k)! - (units.get(k) ?? 0)), // units each key adds

        cp.priceFen,
        granted[0]!.p.paymentProvider,
        reservedUntil.toISOString(),
        now.toISOString(),
        cp.operatorId,
        isCertifiedAt({ status: cp.status as never, certifiedUntil: cp.certifiedUntil }, now),
        cp.perBuyerLimit,
        takes.map((t) => t.shard),
        takes.length,
      ])}; COMMIT`,
    );
    for (const g of granted) {
      answers[g.i] = { ok: true, created: true, orderId: g.orderId, number: g.number, reservedUntil };
    }
  } else await client.query("COMMIT"); // nothing granted: the locks go
  // A key sent twice in one batch: the second copy gets the first copy's answer (or waits with it
  // for the sweep).
  for (const i of copies) {
    const p = batch[i]!;
    const first = seenKeys.get(p.request.checkoutKey)!;
    const a = answers[first];
    const same =
      p.request.buyer.userId === batch[first]!.request.buyer.userId && p.request.buyer.email === batch[first]!.request.buyer.email;
    answers[i] = !same ? { ok: false, code: "keyInUse" } : a === undefined ? undefined : a.ok ? { ...a, created: false } : a;
  }
  return { answers, soldOut: all && outcome.stockAfter === 0, shards: cp.shards };
}
