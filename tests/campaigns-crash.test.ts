// Crash safety of the reservation endpoint: a real server process is killed (SIGKILL) in the
// middle of a burst and started again. Every batch commits whole or not at all, so afterwards the
// allotment left plus the units on live orders equal what was taken; every order that exists can
// be found by its checkout key; and no reservation outlives its short window.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { CAMPAIGN_RESERVATION_MS } from "@/lib/campaigns/rules";
import { releaseReservation } from "@/lib/orders/fulfilment";
import { testDb } from "./support/db";
import { books, liveCampaign } from "./support/live";
import { actorOf } from "./support/personas";

const ROOT = path.join(__dirname, "..");
let admin: Actor;
const children: ChildProcess[] = [];

beforeAll(async () => {
  admin = (await actorOf("admin"))!;
});
afterAll(() => {
  for (const c of children) c.kill("SIGKILL");
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });

async function startServer(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/live-server.ts"], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), DEMO_PAYMENTS: "1", STRIPE_SECRET_KEY: "", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => d.toString().includes("ready") && resolve());
    child.once("exit", (code) => reject(new Error(`live server exited (${code})`)));
  });
  return child;
}

function reserve(port: number, campaignProductId: string, key: string, i: number) {
  return fetch(`http://127.0.0.1:${port}/api/live/reserve`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      campaignProductId,
      quantity: 1,
      checkoutKey: key,
      email: `crash${i}-${key.slice(0, 6)}@live.test`,
      address: {
        recipient: "买家",
        mobile: "13800138000",
        province: "甘肃省",
        city: "天水市",
        district: "甘谷县",
        address: `人民路 ${i} 号 ${key.slice(0, 6)}`,
      },
    }),
  }).then(
    async (r) => ({ status: r.status, body: (await r.json()) as { orderId?: string } }),
    () => ({ status: 0, body: {} }), // the connection died with the server
  );
}

describe("crash in the middle of a burst", () => {
  it("leaves every unit either on a findable order or in the allotment, and nothing held past the window", async () => {
    const { campaignId, items } = await liveCampaign(admin, [1000], 5);
    const cp = items[0]!.id;
    const port = await freePort();
    let server = await startServer(port);

    const keys = Array.from({ length: 1500 }, () => randomBytes(16).toString("base64url"));
    let answered = 0;
    const burst = keys.map((k, i) =>
      reserve(port, cp, k, i).then((r) => {
        if (++answered === 200) server.kill("SIGKILL"); // mid-burst, with batches in flight
        return r;
      }),
    );
    const first: { status: number; body: { orderId?: string } }[] = await Promise.all(burst);
    await new Promise<void>((resolve) =>
      server.exitCode !== null || server.signalCode ? resolve() : server.once("exit", () => resolve()),
    );
    expect(first.filter((r) => r.status === 0).length).toBeGreaterThan(0); // the kill did cut requests off

    let [b] = await books(campaignId);
    expect(b!.stock + b!.onOrders).toBe(b!.taken);
    expect(b!.campaignLedger).toBe(b!.stock);

    // The buyers whose answer was lost retry with the key their browser kept: each finds its order
    // (if it was committed) or is served now; never a second order.
    server = await startServer(port);
    const retried: { status: number; body: { orderId?: string } }[] = await Promise.all(
      keys.map((k, i) => (first[i]!.status === 0 ? reserve(port, cp, k, i) : Promise.resolve(first[i]!))),
    );
    for (const [i, r] of retried.entries()) {
      if (first[i]!.status === 201) expect(r.body.orderId).toBe(first[i]!.body.orderId);
    }
    server.kill("SIGKILL");
    const orders = await testDb.order.findMany({
      where: { campaignId },
      select: { id: true, checkoutKey: true, reservedUntil: true, createdAt: true },
    });
    expect(new Set(orders.map((o) => o.checkoutKey)).size).toBe(orders.length);
    expect(orders.length).toBe(1000);
    [b] = await books(campaignId);
    expect(b).toMatchObject({ stock: 0, onOrders: 1000, taken: 1000 });

    // Nobody pays: each is due for release at the end of its short window, not Stripe's 31 minutes.
    for (const o of orders) expect(o.reservedUntil.getTime() - o.createdAt.getTime()).toBe(CAMPAIGN_RESERVATION_MS);
    for (const o of orders.slice(0, 500)) await releaseReservation(testDb, { orderId: o.id, reason: "EXPIRED" });
    [b] = await books(campaignId);
    expect(b).toMatchObject({ stock: 500, onOrders: 500 });
    expect(b!.stock + b!.onOrders).toBe(b!.taken);
  }, 180_000);
});
