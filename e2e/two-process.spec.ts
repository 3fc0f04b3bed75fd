// Two production server processes on one PostgreSQL, behind a round-robin proxy, as
// docs/deploy.md runs N of them behind nginx (CACHE_SYNC=postgres: docs/adr/0010):
// - a price changed through process A shows on B within a second (B had the page cached);
// - a form rendered by A posts to B (one build, one NEXT_SERVER_ACTIONS_ENCRYPTION_KEY), and A
//   shows the change within a second;
// - a restarted process serves the database's state, not an older page;
// - 500 expired orders swept by both processes' sweepers: each released once, each Stripe session
//   expired once (the fake Stripe counts the calls);
// - checkouts racing through both never oversell.
// Ports: SCALE_PORTS (default 3101,3102); the proxy takes a free port. Desktop project only.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { hashPassword } from "@/lib/auth/password";
import { cartOf, makeProductIn } from "../tests/support/shop-data";
import { FAKE_STRIPE_API_KEY, FAKE_STRIPE_WEBHOOK_SECRET, startFakeStripe, type FakeStripe } from "../tests/support/fake-stripe";
import { closeE2eDb, e2eDb } from "./support/db";

const ROOT = process.cwd(); // ./test runs Playwright from the repository root
const [PORT_A, PORT_B] = (process.env.SCALE_PORTS || "3101,3102").split(",").map(Number) as [number, number];
const A = `http://127.0.0.1:${PORT_A}`;
const B = `http://127.0.0.1:${PORT_B}`;
const OPERATOR = "dazhuang-chili-coop"; // the model of the test's own cooperative
const SWEEP_JOB = "orders.sweep"; // lib/orders/sweeper.ts (not imported: it pulls in what Playwright's loader cannot load)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Runs in the desktop project only (not tagged @phone): this is about processes, not screens.
test.describe.configure({ mode: "serial" });

let fake: FakeStripe;
let proxy: http.Server;
let proxyUrl = "";
const servers = new Map<string, ChildProcess>();
const served = { A: 0, B: 0 };

function startServer(name: "A" | "B", port: number): Promise<void> {
  const log = createWriteStream(path.join(ROOT, `.data/two-process-${name}.log`), { flags: "a" });
  const child = spawn(path.join(ROOT, "node_modules/.bin/next"), ["start", "-p", String(port)], {
    cwd: ROOT,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      NEXTAUTH_URL: proxyUrl,
      CACHE_SYNC: process.env.TWO_PROCESS_CACHE_SYNC ?? "postgres",
      JOBS_EVERY_MS: "1000",
      STRIPE_SECRET_KEY: FAKE_STRIPE_API_KEY,
      STRIPE_WEBHOOK_SECRET: FAKE_STRIPE_WEBHOOK_SECRET,
      STRIPE_API_URL: fake.url,
    },
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  servers.set(name, child);
  return waitUntilUp(`http://127.0.0.1:${port}`);
}

async function waitUntilUp(base: string): Promise<void> {
  for (let i = 0; i < 240; i++) {
    try {
      const ready = await fetch(`${base}/api/ready`);
      if (ready.status === 200) return;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`${base} did not become ready`);
}

async function stopServer(name: string): Promise<void> {
  const child = servers.get(name);
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  try {
    process.kill(-child.pid!, "SIGTERM");
  } catch {
    child.kill("SIGTERM");
  }
  await Promise.race([exited, sleep(10_000)]);
  servers.delete(name);
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  fake = await startFakeStripe();
  // The round-robin: each request to the next process in turn; says which one answered.
  let turn = 0;
  proxy = http.createServer((req, res) => {
    const name = turn++ % 2 === 0 ? "A" : "B";
    served[name]++;
    const upstream = http.request(
      { host: "127.0.0.1", port: name === "A" ? PORT_A : PORT_B, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { ...answer.headers, "x-served-by": name });
        answer.pipe(res);
      },
    );
    upstream.on("error", () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((r) => proxy.listen(0, "127.0.0.1", r));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  await Promise.all([startServer("A", PORT_A), startServer("B", PORT_B)]);
});

test.afterAll(async () => {
  await Promise.all([...servers.keys()].map(stopServer));
  await new Promise((r) => proxy?.close(r));
  await fake?.close();
  await closeE2eDb();
});

/** A cooperative, a listed product and a manager of it, of this test only. */
async function arrange(tag: string, stock = 100) {
  const db = e2eDb();
  const product = await makeProductIn(db, OPERATOR, { stock, priceFen: 4200, status: "CERTIFIED" });
  const slug = (await db.product.findUniqueOrThrow({ where: { id: product.id }, select: { slug: true } })).slug;
  const operator = await db.operator.findUniqueOrThrow({ where: { id: product.operatorId }, select: { slug: true } });
  const email = `two-process-${tag}@example.test`;
  const password = "Two-process-2026";
  await db.user.create({
    data: {
      email,
      name: "Scale test manager",
      passwordHash: await hashPassword(password),
      role: "MANAGER",
      memberships: { create: { operatorId: product.operatorId } },
    },
  });
  return { product, slug, operator: operator.slug, email, password };
}

/** POST /api/checkout through the round-robin. */
async function checkout(order: ReturnType<typeof cartOf>) {
  const r = await fetch(`${proxyUrl}/api/checkout`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ locale: "zh-CN", order }),
  });
  const body = (await r.json()) as { ok: boolean; error?: string; number?: string; orderId?: string };
  if (body.ok && body.number && !body.orderId) {
    body.orderId = (await e2eDb().order.findUniqueOrThrow({ where: { number: body.number }, select: { id: true } })).id;
  }
  return { status: r.status, by: r.headers.get("x-served-by"), body };
}

async function signIn(page: Page, base: string, email: string, password: string) {
  const csrf = (await (await page.request.get(`${base}/api/auth/csrf`)).json()) as { csrfToken: string };
  const answer = await page.request.post(`${base}/api/auth/callback/credentials`, {
    form: { csrfToken: csrf.csrfToken, email, password, json: "true" },
  });
  expect(answer.ok()).toBe(true);
}

/** The price on B's (or A's) product page, and whether it came from the cache. */
async function priceOn(base: string, slug: string): Promise<{ price: string; cache: string | null }> {
  const response = await fetch(`${base}/products/${slug}`);
  const html = await response.text();
  const price = /data-testid="price"[^>]*>([^<]*)</.exec(html)?.[1] ?? "";
  return { price: price.replace(/\s+/g, ""), cache: response.headers.get("x-nextjs-cache") };
}

/**
 * When a request to `base` first showed `price`: how long after `since` that request was sent (the
 * change had reached the process by then) and how long it took to answer (a fresh render).
 */
async function untilShown(base: string, slug: string, price: string, since: number): Promise<{ sentAfter: number; took: number }> {
  while (Date.now() - since < 10_000) {
    const sent = Date.now();
    if ((await priceOn(base, slug)).price.includes(price)) return { sentAfter: sent - since, took: Date.now() - sent };
    await sleep(25);
  }
  return { sentAfter: Number.POSITIVE_INFINITY, took: 0 };
}

async function warm(base: string, slug: string, price: string) {
  await priceOn(base, slug);
  const second = await priceOn(base, slug);
  expect(second.price).toContain(price);
  expect(second.cache, `${base} serves the product page from its cache`).toBe("HIT");
}

async function editPrice(page: Page, base: string, operator: string, productId: string, yuan: string, postTo?: string) {
  if (postTo) {
    // The form is rendered by `base`; its server action is posted to another process instead.
    await page.route(`${base}/**`, async (route) => {
      const request = route.request();
      if (request.method() === "POST" && request.headers()["next-action"]) {
        // As a reverse proxy would: the public host in X-Forwarded-Host (Next compares it with
        // the Origin before running an action).
        const response = await route.fetch({
          url: request.url().replace(base, postTo),
          headers: { ...request.headers(), "x-forwarded-host": new URL(base).host },
        });
        expect(response.status(), "the other process runs the action").toBe(200);
        await route.fulfill({ response });
      } else await route.continue();
    });
  }
  await page.goto(`${base}/coop/${operator}/products/${productId}`);
  const form = page.getByTestId("product-form");
  await form.getByLabel("价格（元）").fill(yuan);
  await form.getByRole("button", { name: "保存修改" }).click();
  // The save re-renders the console page; on a loaded 2-core machine that can take several seconds.
  await expect(form.getByText(/已保存/)).toBeVisible({ timeout: 30_000 });
  if (postTo) await page.unroute(`${base}/**`);
}

test("a price changed through A shows on B within a second; a form rendered by A posts to B", async ({ page }) => {
  test.setTimeout(120_000);
  const { product, slug, operator, email, password } = await arrange(`price-${Date.now().toString(36)}`);
  await signIn(page, A, email, password);
  await warm(A, slug, "42.00");
  await warm(B, slug, "42.00");

  // 1. Changed through A: B had the old page cached.
  await editPrice(page, A, operator, product.id, "43.50");
  const changedAt = Date.now();
  const onB = await untilShown(B, slug, "43.50", changedAt);
  console.log(`[two-process] B showed A's change to a request sent ${onB.sentAfter} ms after it (rendered in ${onB.took} ms)`);
  expect(onB.sentAfter).toBeLessThan(1000);
  expect(await priceOn(A, slug)).toMatchObject({ price: expect.stringContaining("43.50") });
  expect((await e2eDb().product.findUniqueOrThrow({ where: { id: product.id } })).priceFen).toBe(4350);

  // Both cache again after the change.
  await warm(A, slug, "43.50");
  await warm(B, slug, "43.50");

  // 2. A form rendered by A, posted to B: B runs the action, A shows it within a second.
  await editPrice(page, A, operator, product.id, "44.80", B);
  const postedAt = Date.now();
  expect((await e2eDb().product.findUniqueOrThrow({ where: { id: product.id } })).priceFen).toBe(4480);
  const onA = await untilShown(A, slug, "44.80", postedAt);
  console.log(`[two-process] A showed B's change to a request sent ${onA.sentAfter} ms after it (rendered in ${onA.took} ms)`);
  expect(onA.sentAfter).toBeLessThan(1000);

  // 3. A restarted process serves what the database says, never an older page.
  await warm(B, slug, "44.80");
  await stopServer("B");
  await e2eDb().product.update({ where: { id: product.id }, data: { priceFen: 4590 } }); // no revalidation: B is down
  await startServer("B", PORT_B);
  expect((await priceOn(B, slug)).price).toContain("45.90");
});

test("500 expired orders swept by both processes: each released once, each Stripe session expired once", async () => {
  test.setTimeout(300_000);
  const db = e2eDb();
  const product = await makeProductIn(db, OPERATOR, { stock: 500, priceFen: 3000 });
  // Checkout's Stripe session, made the way lib/payments/stripe.server.ts makes it (that module is server-only).
  // Placed through both processes (the proxy alternates), each with its Stripe session at the fake.
  const ids: string[] = [];
  for (let i = 0; i < 500; i += 25) {
    const batch = await Promise.all(Array.from({ length: 25 }, () => checkout(cartOf([product]))));
    for (const answer of batch) {
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      ids.push(answer.body.orderId!);
    }
  }
  const sessions = new Set(
    (await db.order.findMany({ where: { id: { in: ids } }, select: { paymentSessionId: true } })).map((o) => o.paymentSessionId!),
  );
  expect(sessions.size).toBe(500);
  const before = fake.requests.length;
  // Their holds ran out an hour ago: both processes' sweepers (every second here) find them at once.
  await db.order.updateMany({ where: { id: { in: ids } }, data: { reservedUntil: new Date(Date.now() - 60 * 60_000) } });

  const startedAt = Date.now();
  await expect
    .poll(async () => db.order.count({ where: { id: { in: ids }, status: "PENDING_PAYMENT" } }), { timeout: 240_000, intervals: [500] })
    .toBe(0);
  console.log(`[two-process] 500 expired orders swept in ${Date.now() - startedAt} ms`);

  const expireCalls = fake.requests.slice(before).filter((r) => r.method === "POST" && /\/expire$/.test(r.path));
  const expired = expireCalls.map((r) => r.path.split("/")[4] ?? "").filter((s) => sessions.has(s));
  expect(expireCalls.length).toBeLessThanOrEqual(500);
  expect(expired.length).toBe(500);
  expect(new Set(expired).size).toBe(500);
  expect(await db.order.count({ where: { id: { in: ids }, status: "CANCELLED", cancelReason: "EXPIRED" } })).toBe(500);
  expect(await db.stockMovement.count({ where: { productId: product.id, reason: "RELEASE" } })).toBe(500);
  expect((await db.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(500);
  const byHolder = await db.jobLease.groupBy({ by: ["holder"], where: { job: SWEEP_JOB, key: { in: ids } }, _count: true });
  console.log(`[two-process] swept by: ${byHolder.map((h) => `${h.holder} ${h._count}`).join(", ")}`);
});

test("checkouts racing through both processes never oversell", async () => {
  test.setTimeout(180_000);
  const db = e2eDb();
  const product = await makeProductIn(db, OPERATOR, { stock: 30, priceFen: 5000 });
  const servedBefore = { ...served };
  const answers = await Promise.all(Array.from({ length: 90 }, () => checkout(cartOf([product]))));
  const won = answers.filter((a) => a.status === 200 && a.body.ok);
  const refused = answers.filter((a) => a.status === 409 && a.body.error === "cartChanged");
  expect(won.length).toBe(30);
  expect(refused.length).toBe(60);
  expect(new Set(won.map((a) => a.by))).toEqual(new Set(["A", "B"]));
  expect(served.A - servedBefore.A).toBe(45);
  expect(served.B - servedBefore.B).toBe(45);
  expect((await db.product.findUniqueOrThrow({ where: { id: product.id } })).stock).toBe(0);
  const lines = await db.orderLine.aggregate({ where: { productId: product.id }, _sum: { quantity: true } });
  expect(lines._sum.quantity).toBe(30);
  const ledger = await db.stockMovement.aggregate({ where: { productId: product.id }, _sum: { delta: true } });
  expect(ledger._sum.delta).toBe(-30);
});
