// The livestream's routes through Next's handlers: a big body is refused unread, a foreign origin
// refused, a reservation placed; the payment queue answers only the holder of the order's link.
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as payStatus, POST as pay } from "@/app/api/live/pay/route";
import { POST as permitRoute } from "@/app/api/live/permit/route";
import { POST as reserve } from "@/app/api/live/reserve/route";
import { GET as stock } from "@/app/api/live/stock/route";
import type { Actor } from "@/lib/auth/actor";
import { live } from "@/lib/campaigns/live.server";
import { testDb } from "./support/db";
import { liveCampaign, liveRequest } from "./support/live";
import { actorOf } from "./support/personas";

let admin: Actor;
beforeAll(async () => {
  admin = (await actorOf("admin"))!;
});

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  new NextRequest(`http://localhost:3000${url}`, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });

describe("livestream routes", () => {
  it("reserve: refuses a big body, a foreign origin and bad input; places a guest's order; a replay gets it back", async () => {
    const { campaignId, items } = await liveCampaign(admin, [10], 2);
    expect((await reserve(post("/api/live/reserve", "x".repeat(100_000)))).status).toBe(413);
    expect((await reserve(post("/api/live/reserve", "{}", { origin: "https://evil.example" }))).status).toBe(403);
    expect((await reserve(post("/api/live/reserve", "{}"))).status).toBe(400);
    const r = liveRequest(items[0]!.id);
    const { permit } = await askPermit(campaignId, r.checkoutKey);
    const body = JSON.stringify({
      campaignProductId: r.campaignProductId,
      quantity: 1,
      checkoutKey: r.checkoutKey,
      email: r.buyer.email,
      address: { ...r.buyer, userId: undefined, email: undefined },
      permit,
    });
    const first = await reserve(post("/api/live/reserve", body));
    expect(first.status).toBe(201);
    const placed = (await first.json()) as { orderId: string; token: string; number: string };
    const again = await reserve(post("/api/live/reserve", body));
    expect(again.status).toBe(200);
    expect(((await again.json()) as { orderId: string }).orderId).toBe(placed.orderId);
    const figures = (await (await stock(new NextRequest(`http://localhost:3000/api/live/stock?campaign=${campaignId}`))).json()) as {
      figures: { stock: number }[];
    };
    expect(figures.figures[0]!.stock).toBe(9);

    // Pay: someone without the link is told nothing; the holder is queued and told its place.
    expect((await pay(post("/api/live/pay", JSON.stringify({ orderId: placed.orderId, token: "x".repeat(32) })))).status).toBe(404);
    const queued = (await (await pay(post("/api/live/pay", JSON.stringify({ orderId: placed.orderId, token: placed.token })))).json()) as {
      state: string;
    };
    expect(queued.state).toBe("waiting");
    const polled = await payStatus(new NextRequest(`http://localhost:3000/api/live/pay?orderId=${placed.orderId}&token=${placed.token}`));
    expect(((await polled.json()) as { state: string }).state).toBe("waiting");
  });

  it("permits: a guest reserves only with a fresh permit signed for its checkout key and campaign; about 1.2× the units are given out, then 'sold out' from memory", async () => {
    const { campaignId, items } = await liveCampaign(admin, [5], 2);
    const other = await liveCampaign(admin, [5], 2);
    const guest = (over: Record<string, unknown> = {}) => {
      const r = liveRequest(items[0]!.id);
      return {
        r,
        body: (extra: Record<string, unknown>) =>
          JSON.stringify({
            campaignProductId: r.campaignProductId,
            quantity: 1,
            checkoutKey: r.checkoutKey,
            email: r.buyer.email,
            address: { ...r.buyer, userId: undefined, email: undefined },
            ...over,
            ...extra,
          }),
      };
    };
    const answer = async (body: string) => {
      const res = await reserve(post("/api/live/reserve", body));
      return { status: res.status, ...((await res.json()) as { error?: string }) };
    };

    // No permit, a made-up one, another key's, another campaign's: refused, nothing held.
    const a = guest();
    expect(await answer(a.body({}))).toMatchObject({ status: 403, error: "permitRequired" });
    expect(await answer(a.body({ permit: `${campaignId}.zzzzzz.${"A".repeat(22)}` }))).toMatchObject({
      status: 403,
      error: "permitInvalid",
    });
    const b = guest();
    const forB = await askPermit(campaignId, b.r.checkoutKey);
    expect(await answer(a.body({ permit: forB.permit }))).toMatchObject({ status: 403, error: "permitInvalid" });
    const elsewhere = await askPermit(other.campaignId, a.r.checkoutKey);
    expect(await answer(a.body({ permit: elsewhere.permit }))).toMatchObject({ status: 409, error: "permitInvalid" });
    expect(await testDb.order.count({ where: { campaignId } })).toBe(0);
    // With its own permit, B's order is placed; a replay with the same permit gets the same order.
    expect(await answer(b.body({ permit: forB.permit }))).toMatchObject({ status: 201 });
    expect(await answer(b.body({ permit: forB.permit }))).toMatchObject({ status: 200 });

    // 5 units → at most 6 permits for the whole campaign (one was given above).
    const asks = await Promise.all(
      Array.from({ length: 10 }, () =>
        permitRoute(post("/api/live/permit", JSON.stringify({ campaignId, checkoutKey: liveRequest("x").checkoutKey }))),
      ),
    );
    expect(asks.filter((res) => res.status === 200)).toHaveLength(5);
    expect(asks.filter((res) => res.status === 409)).toHaveLength(5);
    expect((await testDb.campaign.findUniqueOrThrow({ where: { id: campaignId } })).permitsIssued).toBe(6);
    const before = live().permits.stats.refusedFromMemory;
    const late = await permitRoute(post("/api/live/permit", JSON.stringify({ campaignId, checkoutKey: liveRequest("x").checkoutKey })));
    expect(await late.json()).toEqual({ ok: false, error: "soldOut" });
    expect(live().permits.stats.refusedFromMemory).toBe(before + 1);

    // A signed-in buyer needs none (LIVE_PERMITS=guests); a campaign not running gives none.
    const draft = await testDb.campaign.create({
      data: {
        slug: `permit-draft-${Date.now()}`,
        titleZh: "草稿",
        titleEn: "Draft",
        hostZh: "主播",
        startsAt: new Date(),
        endsAt: new Date(Date.now() + 3600_000),
        perBuyerLimit: 1,
        createdById: admin.userId,
      },
    });
    const none = await permitRoute(
      post("/api/live/permit", JSON.stringify({ campaignId: draft.id, checkoutKey: liveRequest("x").checkoutKey })),
    );
    expect(await none.json()).toEqual({ ok: false, error: "notLive" });
    expect((await permitRoute(post("/api/live/permit", "{}", { origin: "https://evil.example" }))).status).toBe(403);
  });
});

async function askPermit(campaignId: string, checkoutKey: string) {
  const res = await permitRoute(post("/api/live/permit", JSON.stringify({ campaignId, checkoutKey })));
  expect(res.status).toBe(200);
  return (await res.json()) as { permit: string; expiresAt: string };
}
