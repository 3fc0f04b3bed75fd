// The livestream's routes through Next's handlers: a big body is refused unread, a foreign origin
// refused, a reservation placed; the payment queue answers only the holder of the order's link.
import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as payStatus, POST as pay } from "@/app/api/live/pay/route";
import { POST as reserve } from "@/app/api/live/reserve/route";
import { GET as stock } from "@/app/api/live/stock/route";
import type { Actor } from "@/lib/auth/actor";
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
    const body = JSON.stringify({
      campaignProductId: r.campaignProductId,
      quantity: 1,
      checkoutKey: r.checkoutKey,
      email: r.buyer.email,
      address: { ...r.buyer, userId: undefined, email: undefined },
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
});
