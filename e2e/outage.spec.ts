import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { ADDRESS, cartOf } from "../tests/support/shop-data";

// While the database is down: the app's own production server, started here against a port where
// no PostgreSQL listens. Pages show the localized "service busy" page, checkout answers 503 with
// Retry-After, sign-in and actions say "busy", and no answer carries the database's address.

const DEAD = "postgresql://xiaokang:secret-pw@127.0.0.1:9/nowhere";
let server: ChildProcess | undefined;
let base = "";
let output = "";

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

test.beforeAll(async () => {
  test.setTimeout(90_000);
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const root = process.cwd();
  server = spawn(path.join(root, "node_modules/.bin/next"), ["start", "-p", String(port)], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: DEAD, NODE_ENV: "production", NEXTAUTH_URL: base, NEXT_TELEMETRY_DISABLED: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout?.on("data", (d) => (output += d));
  server.stderr?.on("data", (d) => (output += d));
  for (let i = 0; i < 120; i++) {
    try {
      await fetch(`${base}/api/auth/csrf`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new Error(`the outage server did not start:\n${output}`);
});

test.afterAll(() => {
  server?.kill("SIGTERM");
});

const leaks = (text: string) => /127\.0\.0\.1:9|nowhere|secret-pw|ECONNREFUSED|prisma|postgres/i.test(text);

test.describe("database outage", () => {
  test("checkout answers 503 with Retry-After, and nothing internal", async ({ request }) => {
    const response = await request.post(`${base}/api/checkout`, {
      // A well-formed order, so the answer comes from trying the database, not from the input check.
      data: { locale: "zh-CN", order: { ...cartOf([{ id: "some-product", priceFen: 1000 }]), address: ADDRESS } },
      headers: { origin: base },
    });
    expect(response.status()).toBe(503);
    expect(Number(response.headers()["retry-after"])).toBeGreaterThan(0);
    const text = await response.text();
    expect(JSON.parse(text)).toEqual({ ok: false, error: "serviceBusy" });
    expect(leaks(text)).toBe(false);
  });

  test("sign-in says 'busy' without the database's address", async ({ request }) => {
    const { csrfToken } = (await (await request.get(`${base}/api/auth/csrf`)).json()) as { csrfToken: string };
    const response = await request.post(`${base}/api/auth/callback/credentials`, {
      form: { csrfToken, email: "someone@example.test", password: "whatever-password", json: "true" },
    });
    const text = await response.text();
    expect(text).toContain("error=busy");
    expect(leaks(text)).toBe(false);
  });

  test("a page shows the service-busy page in the visitor's language, with no internals @phone", async ({ page }) => {
    for (const [path, title] of [
      ["/", "服务繁忙，请稍后再试"],
      ["/en", "The service is busy. Please try again shortly"],
    ] as const) {
      const response = await page.goto(`${base}${path}`);
      expect(response?.status(), path).toBeGreaterThanOrEqual(500);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
      expect(leaks(await page.content()), path).toBe(false);
    }
    await page.screenshot({ path: test.info().outputPath("outage-en.png"), fullPage: true });
  });

  test("the sign-in form shows 'service busy' in the browser", async ({ page }) => {
    await page.goto(`${base}/signin`);
    await page.getByLabel("邮箱").fill("someone@example.test");
    await page.getByLabel("密码").fill("whatever-password");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByText("服务繁忙，请稍后再试。")).toBeVisible();
  });
});
