// The livestream's hot path on the real database: exactness under concurrency (never oversold,
// the per-buyer limit, retries), the allotment's moves, releases. None of it depends on timing:
// requests are fired all at once and only the end state is asserted.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { endCampaign } from "@/lib/campaigns/lifecycle";
import { createHotPool } from "@/lib/campaigns/pool";
import { inlined, Reserver, type ReserveResult } from "@/lib/campaigns/reserve";
import { CAMPAIGN_RESERVATION_MS } from "@/lib/campaigns/rules";
import { releaseReservation } from "@/lib/orders/fulfilment";
import { testDb } from "./support/db";
import { actorOf } from "./support/personas";
import { books, liveCampaign as liveCampaignOf, liveRequest as request } from "./support/live";

let admin: Actor;
const pools = [createHotPool(process.env.DATABASE_URL!, 8), createHotPool(process.env.DATABASE_URL!, 8)];

beforeAll(async () => {
  admin = (await actorOf("admin"))!;
});
afterAll(async () => {
  await Promise.all(pools.map((p) => p.end()));
});
const liveCampaign = (allotments: number[], limit: number) => liveCampaignOf(admin, allotments, limit);

const granted = (results: ReserveResult[]) => results.filter((r) => r.ok && r.created).length;

describe("livestream reservations", () => {
  it("2,000 concurrent reservations for 500 units of two products give exactly 500, 20 rounds, two reservers (processes) on one database", async () => {
    for (let round = 0; round < 20; round++) {
      const { campaignId, items } = await liveCampaign([250, 250], 5);
      const reservers = pools.map((p) => new Reserver(p));
      const results = await Promise.all(Array.from({ length: 2000 }, (_, i) => reservers[i % 2]!.reserve(request(items[i % 2]!.id))));
      expect(granted(results)).toBe(500);
      expect(results.filter((r) => !r.ok && r.code === "soldOut").length).toBe(1500);
      for (const b of await books(campaignId)) {
        expect(b.stock).toBe(0);
        expect(b.onOrders).toBe(250);
        expect(b.campaignLedger).toBe(b.stock); // the allotment's ledger: +250 taken, −1 per order
        expect(b.productStock).toBe(1000 - 250);
      }
      const orders = await testDb.order.findMany({ where: { campaignId }, select: { channel: true, totalFen: true, lines: true } });
      expect(orders).toHaveLength(500);
      expect(orders.every((o) => o.channel === "LIVESTREAM" && o.totalFen === 3900 && o.lines.length === 1)).toBe(true);
    }
  }, 240_000);

  it("50 concurrent requests of one buyer for a limit of 2 give exactly 2, whether by account, e-mail or address", async () => {
    const { campaignId, items } = await liveCampaign([500, 500], 2);
    const shopper = (await actorOf("shopper"))!;
    const reservers = pools.map((p) => new Reserver(p));
    // One account, 50 requests over both products and both "processes".
    const byAccount = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        reservers[i % 2]!.reserve(
          request(items[i % 2]!.id, {
            who: 9001,
            buyer: { ...request("x", { who: 9001 }).buyer, userId: shopper.userId, email: shopper.email },
          }),
        ),
      ),
    );
    expect(granted(byAccount)).toBe(2);
    expect(byAccount.filter((r) => !r.ok && r.code === "limitReached")).toHaveLength(48);
    // Fifty guests with fifty e-mail addresses but one delivery address: still 2.
    const oneDoor = await Promise.all(
      Array.from({ length: 50 }, (_, i) => {
        const r = request(items[0]!.id);
        return reservers[i % 2]!.reserve({ ...r, buyer: { ...r.buyer, address: "大像山镇 同一个门 8 号" } });
      }),
    );
    expect(granted(oneDoor)).toBe(2);
    // Two units at once over a limit of 2, then one more: the second is refused with the figures.
    const r1 = await reservers[0]!.reserve({ ...request(items[1]!.id, { who: 9100 }), quantity: 2 });
    const r2 = await reservers[0]!.reserve(request(items[1]!.id, { who: 9100 }));
    expect(r1.ok).toBe(true);
    expect(r2).toEqual({ ok: false, code: "limitReached", limit: 2, held: 2 });
    const buyers = await testDb.campaignBuyer.findMany({ where: { campaignId } });
    expect(buyers.every((b) => b.units <= 2)).toBe(true);
  });

  it("the database itself refuses a buyer row beyond its cap", async () => {
    const { campaignId } = await liveCampaign([10], 2);
    await expect(
      testDb.$executeRaw`INSERT INTO "CampaignBuyer" ("campaignId", "buyerKey", "units", "cap") VALUES (${campaignId}, 'u:x', 3, 2)`,
    ).rejects.toThrow(/CampaignBuyer_within_cap/);
  });

  it("every request sent twice at once gives one order per checkout key, and both copies get it", async () => {
    const { campaignId, items } = await liveCampaign([300], 5);
    const reservers = pools.map((p) => new Reserver(p));
    const requests = Array.from({ length: 400 }, () => request(items[0]!.id));
    const results = await Promise.all(
      requests.flatMap((r, i) => [reservers[i % 2]!.reserve(r), reservers[(i + 1) % 2]!.reserve({ ...r })]),
    );
    const orders = await testDb.order.findMany({ where: { campaignId }, select: { id: true, checkoutKey: true } });
    expect(orders).toHaveLength(300);
    expect(new Set(orders.map((o) => o.checkoutKey)).size).toBe(300);
    for (let i = 0; i < requests.length; i++) {
      const [a, b] = [results[2 * i]!, results[2 * i + 1]!];
      if (a.ok || b.ok) {
        expect(a.ok && b.ok && a.orderId === b.orderId).toBe(true);
        expect([a, b].filter((r) => r.ok && r.created)).toHaveLength(1);
      }
    }
    // A later retry gets the same order; someone else's copy of the key gets nothing.
    const first = orders[0]!;
    const original = requests.find((r) => r.checkoutKey === first.checkoutKey)!;
    expect(await reservers[0]!.reserve(original)).toMatchObject({ ok: true, created: false, orderId: first.id });
    expect(await reservers[0]!.reserve({ ...request(items[0]!.id), checkoutKey: first.checkoutKey })).toMatchObject({ ok: false });
    expect((await books(campaignId))[0]).toMatchObject({ stock: 0, onOrders: 300 });
  });

  it("an unpaid order goes back to the allotment in its window; at the end the rest goes back to the shelf", async () => {
    const { campaignId, items, products } = await liveCampaign([20], 3);
    const reserver = new Reserver(pools[0]!);
    const results = await Promise.all(Array.from({ length: 10 }, () => reserver.reserve(request(items[0]!.id))));
    expect(granted(results)).toBe(10);
    // Nobody pays: past the window and its grace, the sweeper's release gives back all ten.
    const orders = await testDb.order.findMany({ where: { campaignId }, select: { id: true, reservedUntil: true } });
    expect(orders.every((o) => o.reservedUntil.getTime() <= Date.now() + CAMPAIGN_RESERVATION_MS)).toBe(true);
    for (const o of orders) await releaseReservation(testDb, { orderId: o.id, reason: "EXPIRED" });
    let [b] = await books(campaignId);
    expect(b).toMatchObject({ stock: 20, onOrders: 0, campaignLedger: 20, productStock: 980 });
    const held = await testDb.campaignBuyer.aggregate({ where: { campaignId }, _sum: { units: true } });
    expect(held._sum.units).toBe(0);
    // The campaign ends: the 20 go back to the shelf, in both ledgers.
    await testDb.campaign.update({
      where: { id: campaignId },
      data: { endsAt: new Date(Date.now() - 1000), startsAt: new Date(Date.now() - 3600_000) },
    });
    expect(await endCampaign(testDb, campaignId)).toBe(true);
    expect(await endCampaign(testDb, campaignId)).toBe(false);
    [b] = await books(campaignId);
    expect(b).toMatchObject({ stock: 0, campaignLedger: 0, productStock: 1000, productLedger: 0 });
    const product = await testDb.product.findUniqueOrThrow({ where: { id: products[0]!.id }, select: { stock: true } });
    expect(product.stock).toBe(1000);
    // After the end nothing sells.
    expect(await reserver.reserve(request(items[0]!.id))).toEqual({ ok: false, code: "notLive" });
  });

  // The allotment's units spread over shards by hand (the start splits an allotment of 50+ units per
  // shard; these small ones are one row), keeping their sum, so the ledger still adds up.
  async function spread(campaignProductId: string, stocks: number[]) {
    await testDb.$transaction([
      testDb.campaignShard.deleteMany({ where: { campaignProductId } }),
      testDb.campaignShard.createMany({ data: stocks.map((stock, shard) => ({ campaignProductId, shard, stock })) }),
    ]);
  }

  it("a request one shard cannot serve is served from the others, and 'only N left' counts every shard", async () => {
    const { campaignId, items, products } = await liveCampaign([4], 5);
    await spread(items[0]!.id, [1, 1, 1, 1]);
    const reserver = new Reserver(pools[0]!);
    // No shard holds 3, the allotment does.
    expect(await reserver.reserve({ ...request(items[0]!.id), quantity: 3 })).toMatchObject({ ok: true, created: true });
    expect(await reserver.reserve({ ...request(items[0]!.id), quantity: 2 })).toEqual({ ok: false, code: "onlyLeft", left: 1 });
    expect((await books(campaignId))[0]).toMatchObject({ stock: 1, onOrders: 3, campaignLedger: 1 });
    // The end returns what is left over all the shards, and nothing is left in any of them.
    await testDb.campaign.update({
      where: { id: campaignId },
      data: { endsAt: new Date(Date.now() - 1000), startsAt: new Date(Date.now() - 3600_000) },
    });
    expect(await endCampaign(testDb, campaignId)).toBe(true);
    expect((await books(campaignId))[0]).toMatchObject({ stock: 0, campaignLedger: 0, productStock: 1000 - 3, productLedger: -3 });
    const shards = await testDb.campaignShard.findMany({ where: { campaignProductId: items[0]!.id } });
    expect(shards.map((s) => s.stock)).toEqual([0, 0, 0, 0]);
    expect(products).toHaveLength(1);
  });

  it("the last units spread over shards all sell to a crowd, none oversold, and every refusal is true", async () => {
    for (let round = 0; round < 10; round++) {
      const { campaignId, items } = await liveCampaign([10], 5);
      await spread(items[0]!.id, [3, 0, 5, 2]);
      const reservers = pools.map((p) => new Reserver(p));
      const requests = Array.from({ length: 300 }, (_, i) => ({ ...request(items[0]!.id), quantity: 1 + (i % 2) }));
      const results = await Promise.all(requests.map((r, i) => reservers[i % 2]!.reserve(r)));
      const units = results.reduce((sum, r, i) => sum + (r.ok && r.created ? requests[i]!.quantity : 0), 0);
      expect(units).toBe(10);
      for (const [i, r] of results.entries()) {
        if (r.ok) continue;
        // Refused only for want of units: sold out, or fewer left than asked (never "sold out"
        // while the crowd still bought units after, since every unit is sold at the end).
        expect(["soldOut", "onlyLeft"]).toContain(r.code);
        if (r.code === "onlyLeft") expect(r.left).toBeLessThan(requests[i]!.quantity);
      }
      const [b] = await books(campaignId);
      expect(b).toMatchObject({ stock: 0, onOrders: 10, campaignLedger: 0 });
      const shards = await testDb.campaignShard.findMany({ where: { campaignProductId: items[0]!.id }, orderBy: { shard: "asc" } });
      expect(shards.map((s) => s.stock)).toEqual([0, 0, 0, 0]);
    }
  }, 120_000);

  it("the start splits a big allotment over shards, each at least 50 units", async () => {
    const { items } = await liveCampaign([250, 60], 5);
    const shards = await testDb.campaignShard.findMany({ where: { campaignProductId: { in: items.map((i) => i.id) } } });
    const of = (id: string) => shards.filter((s) => s.campaignProductId === id).map((s) => s.stock);
    expect(of(items[0]!.id).reduce((a, b) => a + b, 0)).toBe(250);
    expect(of(items[0]!.id).every((n) => n >= 50)).toBe(true);
    expect(of(items[1]!.id)).toEqual([60]);
  });

  it("writes what the buyer sent, character for character: the batch's values go into its SQL as literals", async () => {
    const hostile = [`O'Brien "x" \\ \\' $1 $29 {a,b} NULL`, "直播买家\t换行\n", "' OR 1=1; COMMIT; --", "\\\\", ""];
    const pool = pools[0]!;
    // Every kind of value the statements take, against the same value sent as a parameter.
    for (const v of [...hostile, 0, -7, 2147483647, true, false, null, hostile, [1, 2, 3], ["a", null, "b"], []]) {
      const cast = Array.isArray(v)
        ? typeof v[0] === "number"
          ? "int[]"
          : "text[]"
        : typeof v === "number"
          ? "int"
          : typeof v === "boolean"
            ? "boolean"
            : "text";
      const { rows } = await pool.query<{ same: boolean }>(
        `SELECT ${inlined("$1", [v])}::${cast} IS NOT DISTINCT FROM $1::${cast} AS "same"`,
        [v],
      );
      expect(rows[0]!.same, JSON.stringify(v)).toBe(true);
    }
    expect(() => inlined("$2", ["a"])).toThrow();
    expect(() => inlined("$1", [Number.NaN])).toThrow();

    const { campaignId, items } = await liveCampaign([10], 2);
    const reserver = new Reserver(pool);
    const sent = hostile.slice(0, 4).map((text, i) => {
      const r = request(items[0]!.id);
      r.buyer = { ...r.buyer, recipient: text.slice(0, 40) || "x", address: `${text} ${i}`, email: `o'brien+${i}@live.test` };
      return r;
    });
    const results = await Promise.all(sent.map((r) => reserver.reserve(r)));
    expect(granted(results)).toBe(4);
    const orders = await testDb.order.findMany({
      where: { campaignId },
      select: { checkoutKey: true, recipient: true, address: true, email: true },
    });
    for (const r of sent) {
      const o = orders.find((x) => x.checkoutKey === r.checkoutKey)!;
      expect(o).toEqual({ checkoutKey: r.checkoutKey, recipient: r.buyer.recipient, address: r.buyer.address, email: r.buyer.email });
    }
  });
});
