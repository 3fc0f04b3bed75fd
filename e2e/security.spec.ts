import { randomUUID } from "node:crypto";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../prisma/demo-accounts";
import { hashPassword } from "../lib/auth/password";
import { createCampaign, publishCampaign } from "../lib/campaigns/campaigns";
import { makeProductIn } from "../tests/support/shop-data";
import { LocalDiskStore } from "../lib/storage/index";
import { signInAs } from "./support/auth";
import { closeE2eDb, e2eDb } from "./support/db";
import { solidPng } from "./support/png";

// Security on the production build: headers on every kind of answer, a CSP the pages satisfy
// (no violation while they hydrate and work), body limits, sessions that end, sign-in that asks
// for a challenge instead of locking, the ID reveal step-up, the admin's security page.

const demo = (key: string) => DEMO_ACCOUNTS.find((a) => a.key === key)!;
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 5)}`;
let n = 0;

test.afterAll(async () => {
  await closeE2eDb();
});

async function freshUser(label: string, extra: { role?: "SHOPPER" | "OFFICER" | "ADMIN"; countyId?: string } = {}) {
  const email = `${label}-${run}-${++n}@e2e-security.example`;
  const password = `pw-${run}-${n}-long`;
  const user = await e2eDb().user.create({
    data: {
      email,
      name: "安全测试用户",
      passwordHash: await hashPassword(password),
      role: extra.role ?? "SHOPPER",
      countyId: extra.countyId,
    },
  });
  return { user, email, password };
}

/** Collects CSP violations (as the page reports them) and console errors of a page. */
function watch(page: Page) {
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  return problems;
}

async function violationsOn(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);
}

async function trackViolations(page: Page) {
  await page.addInitScript(() => {
    const list: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = list;
    document.addEventListener("securitypolicyviolation", (e) =>
      list.push(`${e.violatedDirective} ${e.blockedURI} (${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${e.sample})`),
    );
  });
}

function expectSecurityHeaders(headers: Record<string, string>, what: string, csp: RegExp) {
  expect(headers["x-content-type-options"], what).toBe("nosniff");
  expect(headers["referrer-policy"], what).toMatch(/^(strict-origin-when-cross-origin|same-origin|no-referrer)$/);
  expect(headers["permissions-policy"], what).toContain("camera=()");
  expect(headers["content-security-policy"], what).toMatch(csp);
  expect(headers["content-security-policy"], what).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"], what).not.toContain("unsafe-eval");
  expect(headers["x-powered-by"], what).toBeUndefined();
}

test.describe("security headers", () => {
  test("on a page, an API route, an export and a stored file; HSTS over HTTPS only", async ({ page }) => {
    const home = await page.request.get("/");
    // A cached page: its own inline scripts by hash (scripts/serve.mjs), no 'unsafe-inline', no nonce.
    expectSecurityHeaders(home.headers(), "home page", /script-src 'self'( 'sha256-[A-Za-z0-9+/]+=*')+;/);
    const homeScripts = /script-src [^;]*/.exec(home.headers()["content-security-policy"]!)![0];
    expect(homeScripts).not.toContain("unsafe-inline");
    expect(homeScripts).not.toContain("nonce-");
    // Asked again (the hashes come from memory now), and revalidated with its ETag: the same policy.
    const again = await page.request.get("/");
    expect(again.headers()["content-security-policy"]).toBe(home.headers()["content-security-policy"]);
    const etag = home.headers()["etag"];
    if (etag) {
      const revalidated = await page.request.get("/", { headers: { "if-none-match": etag } });
      expect([200, 304]).toContain(revalidated.status());
      expect(revalidated.headers()["content-security-policy"]).toBe(home.headers()["content-security-policy"]);
    }
    expect(home.headers()["strict-transport-security"]).toBeUndefined();
    const https = await page.request.get("/", { headers: { "x-forwarded-proto": "https" } });
    expect(https.headers()["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");

    // A build script: Next's gzip at first, then Brotli from serve.mjs (lib/http/static-brotli.ts), with
    // Next's headers; HSTS only to requests that came over HTTPS, as Next sends it.
    const script = /\/_next\/static\/[\w\-./~]+\.js(?=")/.exec(await home.text())![0];
    const plainScript = await (await page.request.get(script, { headers: { "accept-encoding": "identity" } })).text();
    for (const proto of ["http", "https"]) {
      const get = () => page.request.get(script, { headers: { "accept-encoding": "gzip, br", "x-forwarded-proto": proto } });
      expectSecurityHeaders((await get()).headers(), `build script (${proto})`, /^default-src 'none'/);
      await expect.poll(async () => (await get()).headers()["content-encoding"]).toBe("br");
      const brotli = await get();
      expectSecurityHeaders(brotli.headers(), `build script in Brotli (${proto})`, /^default-src 'none'/);
      expect(brotli.headers()["cache-control"]).toContain("immutable");
      expect(brotli.headers()["strict-transport-security"]).toBe(proto === "https" ? "max-age=31536000; includeSubDomains" : undefined);
      expect(await brotli.text()).toBe(plainScript);
    }

    const api = await page.request.get("/api/catalog/operators?county=620523");
    expect(api.status()).toBe(200);
    expectSecurityHeaders(api.headers(), "API route", /^default-src 'none'/);
    const apiHttps = await page.request.get("/api/catalog/operators?county=620523", { headers: { "x-forwarded-proto": "https" } });
    expect(apiHttps.headers()["strict-transport-security"]).toContain("max-age=");
    // Request ids on pages and API routes alike: a well-formed incoming one is kept, else one is made.
    expect(home.headers()["x-request-id"]).toMatch(/^[A-Za-z0-9._-]{8,64}$/);
    expect(api.headers()["x-request-id"]).toMatch(/^[A-Za-z0-9._-]{8,64}$/);
    const traced = await page.request.get("/api/catalog/operators?county=620523", { headers: { "x-request-id": `e2e-trace-${run}` } });
    expect(traced.headers()["x-request-id"]).toBe(`e2e-trace-${run}`);
    const forged = await page.request.get("/api/catalog/operators?county=620523", { headers: { "x-request-id": "bad id <script>" } });
    expect(forged.headers()["x-request-id"]).not.toContain("<");

    const key = `products/e2e-security-${run}.png`;
    await new LocalDiskStore(process.env.UPLOAD_DIR!).put(key, new Uint8Array(solidPng()), "image/png");
    const file = await page.request.get(`/api/files/${key}`);
    expect(file.status()).toBe(200);
    expect(file.headers()["content-type"]).toBe("image/png");
    expectSecurityHeaders(file.headers(), "stored file", /default-src 'none'/);

    const officer = demo("officer-gangu");
    await signInAs(page, officer.email, officer.password);
    const exported = await page.request.get("/api/office/households/export");
    expect(exported.status()).toBe(200);
    expectSecurityHeaders(exported.headers(), "registry export", /^default-src 'none'/);

    const console = await page.request.get("/office/households");
    expectSecurityHeaders(console.headers(), "console page", /script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    // A fresh nonce every time.
    const consoleAgain = await page.request.get("/office/households");
    expect(consoleAgain.headers()["content-security-policy"]).not.toBe(console.headers()["content-security-policy"]);
  });

  test("pages hydrate and work under the CSP, with no violation, cached and per-request alike @phone", async ({ page }) => {
    test.setTimeout(90_000);
    await trackViolations(page);
    const problems = watch(page);
    // A cached page: the catalogue's filters and the cart button are client components.
    const product = await e2eDb().product.findFirstOrThrow({ where: { listed: true, stock: { gt: 5 } }, orderBy: { slug: "asc" } });
    await page.goto(`/products/${product.slug}`);
    await page
      .getByRole("button", { name: /加入购物车/ })
      .first()
      .click();
    await expect(page.getByTestId("cart-count").first()).not.toHaveText("0");
    // The sign-in page (cached): the form checks its fields in the browser.
    await page.goto("/signin");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByText("必填。").first()).toBeVisible();
    // Per-request pages with a nonce: the cart, checkout, account.
    const { email, password } = await freshUser("csp");
    await page.goto("/cart");
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.goto("/signin?callbackUrl=/account");
    await page.getByLabel("邮箱").fill(email);
    await page.getByLabel("密码").fill(password);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/account");
    await page.getByRole("button", { name: "退出其他所有设备" }).click();
    await expect(page.getByText("其他设备已全部退出")).toBeVisible();
    await page.goto("/en/account");
    await expect(page.getByRole("button", { name: "End sessions on other devices" })).toBeVisible();
    expect(await violationsOn(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});

test("the cached storefront pages run under a script policy of hashes only, with no violation @phone-only", async ({ page }) => {
  test.setTimeout(60_000);
  // A campaign page to open: a published campaign starting in an hour.
  const db = e2eDb();
  const admin = await db.user.findUniqueOrThrow({ where: { email: demo("admin").email } });
  const manager = demo("manager-gangu");
  const product = await makeProductIn(db, manager.operatorSlug!, { stock: 20, priceFen: 3000, sameSeller: true });
  const startsAt = new Date(Date.now() + 3600_000);
  const actor = { userId: admin.id, email: admin.email, name: admin.name ?? "", role: admin.role, operatorIds: [], countyId: null };
  const campaign = await createCampaign(db, actor, {
    titleZh: `安全策略直播 ${run}`,
    titleEn: `CSP live ${run}`,
    hostZh: "主播",
    startsAt,
    endsAt: new Date(startsAt.getTime() + 3600_000),
    perBuyerLimit: 2,
    items: [{ productId: product.id, priceFen: 2500, allotment: 5 }],
  });
  await publishCampaign(db, actor, campaign.id);
  const listed = await db.product.findFirstOrThrow({ where: { listed: true, stock: { gt: 0 } }, orderBy: { slug: "asc" } });

  await trackViolations(page);
  const problems = watch(page);
  for (const path of ["/", "/products", `/products/${listed.slug}`, `/live/${campaign.slug}`]) {
    const answer = await page.goto(path);
    expect(answer?.status(), path).toBe(200);
    const scripts = /script-src [^;]*/.exec((await answer!.allHeaders())["content-security-policy"] ?? "")?.[0] ?? "";
    expect(scripts, path).toMatch(/^script-src 'self'( 'sha256-[A-Za-z0-9+/]+=*')+$/);
    // Next ran and React hydrated the page, which needs every inline data script of it to have run.
    await expect
      .poll(
        () =>
          page.evaluate(
            () =>
              Boolean((window as unknown as { next?: { version?: string } }).next?.version) &&
              Object.keys(document.querySelector("main") ?? {}).some((key) => key.startsWith("__reactFiber$")),
          ),
        { message: path },
      )
      .toBe(true);
    expect(await violationsOn(page), path).toEqual([]);
  }
  expect(problems).toEqual([]);
});

test.describe("request limits", () => {
  test("checkout refuses a big body with 413 before reading it; a big server action body too", async ({ page }) => {
    const big = JSON.stringify({ locale: "zh-CN", order: { padding: "x".repeat(2 * 1024 * 1024) } });
    const checkout = await page.request.post("/api/checkout", { data: big, headers: { "content-type": "application/json" } });
    expect(checkout.status()).toBe(413);
    expect(await checkout.json()).toMatchObject({ ok: false, error: "tooLarge" });
    const small = await page.request.post("/api/checkout", { data: "{}", headers: { "content-type": "application/json" } });
    expect(small.status()).toBe(400);
    const action = await page.request.post("/", {
      data: "x".repeat(200 * 1024),
      headers: { "next-action": "0".repeat(40), "content-type": "text/plain;charset=UTF-8" },
    });
    expect(action.status()).toBe(413);
    const signIn = await page.request.post("/api/auth/callback/credentials", {
      data: "a".repeat(64 * 1024),
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(signIn.status()).toBe(413);
  });
});

async function signInThroughForm(page: Page, email: string, password: string, timeout?: number) {
  await page.goto("/signin?callbackUrl=/account");
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/account", { timeout });
}

async function copyOf(browser: Browser, page: Page) {
  const other = await browser.newContext();
  await other.addCookies(await page.context().cookies());
  return other.newPage();
}

test.describe("sessions", () => {
  test("a cookie copied before sign-out no longer works after it; a password change signs other devices out", async ({ page, browser }) => {
    test.setTimeout(90_000);
    const { email, password } = await freshUser("session");
    await signInThroughForm(page, email, password);
    const copy = await copyOf(browser, page);
    await copy.goto("/account");
    await expect(copy).toHaveURL((url) => url.pathname === "/account");
    await page.getByRole("button", { name: "退出登录" }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/");
    await copy.goto("/account");
    await expect(copy).toHaveURL((url) => url.pathname === "/signin");

    // Two devices; the password is changed on one: the other is signed out, this one stays.
    await signInThroughForm(page, email, password);
    const laptop = await browser.newPage();
    await signInThroughForm(laptop, email, password);
    await page.getByLabel("当前密码").fill(password);
    await page.getByLabel("新密码", { exact: true }).fill(`${password}-2`);
    await page.getByLabel("再次输入新密码").fill(`${password}-2`);
    await page.getByRole("button", { name: "修改密码" }).click();
    await expect(page.getByText("密码已修改")).toBeVisible();
    await page.goto("/account");
    await expect(page).toHaveURL((url) => url.pathname === "/account");
    await laptop.goto("/account");
    await expect(laptop).toHaveURL((url) => url.pathname === "/signin");
    // The browser's own idea of the session agrees: the header offers to sign in.
    const session = await laptop.request.get("/api/auth/session");
    expect(await session.json()).toEqual({});
  });
});

test.describe("pages to look at", () => {
  test("the account page's sessions card, zh and en @phone", async ({ page }, testInfo) => {
    const { email, password } = await freshUser("look");
    await signInThroughForm(page, email, password);
    for (const path of ["/account", "/en/account"]) {
      await page.goto(path);
      await expect(page.getByTestId("end-other-sessions")).toBeVisible();
      await page.screenshot({ path: testInfo.outputPath(`account${path.startsWith("/en") ? "-en" : "-zh"}.png`), fullPage: true });
    }
  });
});

test.describe("sign-in protection", () => {
  test("a forged X-Forwarded-For is not the recorded address", async ({ page }) => {
    const email = `nobody-${run}@e2e-security.example`;
    const csrf = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    await page.request.post("/api/auth/callback/credentials", {
      form: { csrfToken: csrf.csrfToken, email, password: "wrong-password", json: "true" },
      headers: { "x-forwarded-for": "203.0.113.99", "x-real-ip": "203.0.113.98" },
    });
    const attempts = await e2eDb().signInAttempt.findMany({ where: { email } });
    expect(attempts).toHaveLength(1);
    expect(attempts[0]!.ip).toMatch(/^(127\.0\.0\.1|::1)$/);
  });

  test("after many failures the owner's browser solves the challenge and signs in; nothing is locked @phone", async ({ page }) => {
    test.setTimeout(60_000);
    const { email, password } = await freshUser("challenged");
    // Failures by someone else, a minute ago (so no delay is due now).
    const at = new Date(Date.now() - 61_000);
    await e2eDb().signInAttempt.createMany({
      data: Array.from({ length: 12 }, () => ({ email, ip: "198.51.100.7", success: false, createdAt: at })),
    });
    // The browser works out the challenge (about a second on a phone; several on this loaded machine).
    await signInThroughForm(page, email, password, 45_000);
    const used = await e2eDb().signInAttempt.findMany({ where: { email, success: true } });
    expect(used).toHaveLength(1);
  });

  test("the admin sees the held-back account and clears it, in both languages @phone", async ({ page }, testInfo) => {
    const { user, email } = await freshUser("held");
    await e2eDb().signInAttempt.createMany({ data: Array.from({ length: 11 }, () => ({ email, ip: "198.51.100.8", success: false })) });
    const admin = demo("admin");
    await signInAs(page, admin.email, admin.password);
    await page.goto("/account");
    await page.getByTestId("admin-security-link").click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("账户安全");
    const row = page.getByTestId("held-account").filter({ hasText: email });
    await expect(row).toContainText("需安全验证");
    await page.screenshot({ path: testInfo.outputPath("admin-security-zh.png"), fullPage: true });
    await page.goto("/en/admin/security");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Account security");
    await page.screenshot({ path: testInfo.outputPath("admin-security-en.png"), fullPage: true });
    await page.getByTestId("held-account").filter({ hasText: email }).getByRole("button", { name: "Clear failures" }).click();
    await expect(page.getByTestId("held-account").filter({ hasText: email })).toHaveCount(0);
    expect((await e2eDb().user.findUniqueOrThrow({ where: { id: user.id } })).signInClearedAt).not.toBeNull();
    // Nobody else gets the page.
    const shopper = demo("shopper");
    await page.context().clearCookies();
    await signInAs(page, shopper.email, shopper.password);
    expect((await page.goto("/admin/security"))?.status()).toBe(404);
  });
});

test.describe("ID reveals", () => {
  test("beyond a few an hour the officer re-enters the password, and the admin is alerted @phone", async ({ page }) => {
    const { user, email, password } = await freshUser("revealer", { role: "OFFICER", countyId: "620523" });
    // A household of the demo registry (other tests add households under keys of their own).
    const household = await e2eDb().household.findFirstOrThrow({
      where: { countyId: "620523", id: { startsWith: "seed-hh-" } },
      orderBy: { registryCode: "desc" },
    });
    await e2eDb().auditLog.createMany({
      data: Array.from({ length: 5 }, () => ({
        userId: user.id,
        action: "household.reveal",
        entity: "Household",
        entityId: household.id,
        detail: { reason: "earlier" },
      })),
    });
    await signInAs(page, email, password);
    await page.goto(`/office/households/${household.id}`);
    const form = page.getByTestId("reveal-form");
    await form.getByLabel("查看原因").fill(`核对身份 ${randomUUID().slice(0, 6)}`);
    await form.getByRole("button", { name: "显示身份证号" }).click();
    await expect(form.getByRole("alert")).toContainText("请输入您的登录密码");
    await expect(page.getByTestId("revealed-id")).toHaveCount(0);
    await form.getByLabel("您的登录密码").fill(password);
    await form.getByRole("button", { name: "显示身份证号" }).click();
    await expect(page.getByTestId("revealed-id")).toHaveText(/^\d{17}[\dX]$/);
    expect(await e2eDb().auditLog.count({ where: { userId: user.id, action: "security.revealAlert" } })).toBe(1);
  });
});
