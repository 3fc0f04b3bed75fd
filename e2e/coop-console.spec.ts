import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { createHash, randomBytes } from "node:crypto";
import { DEMO_ACCOUNTS } from "../prisma/demo-accounts";
import { signInAs } from "./support/auth";
import { e2eDb, closeE2eDb } from "./support/db";
import { verificationLinkFor } from "./support/verify";

// The cooperative console on the production build, against the demo data: the Gangu manager's
// overview, benefit links (and the refusal of a link that would promise more than a sale earns),
// inviting a colleague who signs up and accepts, and the Sunan manager kept out of Gangu.

const demo = (key: string) => DEMO_ACCOUNTS.find((a) => a.key === key)!;
const GANGU = "dazhuang-chili-coop";
const signIn = (page: Page, key: string) => signInAs(page, demo(key).email, demo(key).password);

test.afterAll(async () => {
  await closeE2eDb();
});

/** A Gangu household with no link to the operator yet, different per project so parallel runs do not collide. */
async function freeGanguHousehold(skip: number) {
  const db = e2eDb();
  const op = await db.operator.findUniqueOrThrow({ where: { slug: GANGU }, select: { id: true } });
  return db.household.findFirstOrThrow({
    // Demo households (GG-…): unit tests may leave throwaway ones behind.
    where: { countyId: "620523", registryCode: { startsWith: "GG-" }, benefitLinks: { none: { operatorId: op.id } } },
    orderBy: { registryCode: "desc" },
    skip,
    select: { registryCode: true },
  });
}

async function ganguProduct() {
  const db = e2eDb();
  return db.product.findFirstOrThrow({
    where: { operator: { slug: GANGU }, listed: true },
    orderBy: { slug: "asc" },
    select: { id: true, nameZh: true },
  });
}

async function chooseHousehold(page: Page, registryCode: string) {
  await page.getByRole("textbox", { name: "按户编号查找" }).fill(registryCode);
  await page.getByRole("search", { name: "按户编号查找" }).getByRole("button", { name: "查找" }).click();
  await expect(page.getByTestId("household-results")).toContainText(registryCode);
  await page.getByRole("link", { name: `选择 ${registryCode}` }).click();
  await expect(page.getByTestId("chosen-household")).toContainText(registryCode);
  // Never the plaintext ID number: only the masked form.
  await expect(page.getByTestId("chosen-household")).toContainText(/\d{4}\*{10}[\dX]{4}/);
}

test.describe("coop console", () => {
  test("the Gangu manager sees the overview, links a household with 5%, and is refused past 100% @phone", async ({ page }, testInfo) => {
    const phone = testInfo.project.name === "phone";
    await signIn(page, "manager-gangu");
    // One operator: /coop goes straight to it.
    await page.goto("/coop");
    await expect(page).toHaveURL(new RegExp(`/coop/${GANGU}$`));
    await expect(page.getByTestId("console-operator")).toContainText("合作社");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("概览");
    // The demo data has paid orders (and other tests add more meanwhile): the figures, in yuan and counts.
    await expect(page.getByTestId("dash-today")).toContainText(/¥[\d,]+\.\d\d/);
    await expect(page.getByTestId("dash-month")).toContainText(/¥[\d,]+\.\d\d/);
    await expect(page.getByTestId("dash-to-ship")).toContainText(/[1-9]\d*单/);
    await expect(page.getByTestId("dash-reached")).toContainText(/\d+户/);
    await expect(page.getByTestId("dash-low-stock")).toBeVisible();
    // Orders waiting to ship lead to the orders list.
    await page.getByTestId("dash-to-ship").getByRole("link", { name: "去发货" }).click();
    await expect(page).toHaveURL(new RegExp(`/coop/${GANGU}/orders\\?tab=to_ship$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("订单");
    await page.goBack();

    // The tabs scroll sideways on a phone; every section is reachable.
    const tabs = page.getByRole("navigation", { name: "后台栏目" });
    if (phone) {
      const overflow = await tabs.evaluate((el) => el.scrollWidth > el.clientWidth);
      expect(overflow).toBe(true);
    }
    await tabs.getByRole("link", { name: "利益联结" }).click();
    await expect(page).toHaveURL(new RegExp(`/coop/${GANGU}/links$`));
    await expect(tabs.getByRole("link", { name: "利益联结" })).toHaveAttribute("aria-current", "page");

    const product = await ganguProduct();
    const [first, second] = [await freeGanguHousehold(phone ? 10 : 0), await freeGanguHousehold(phone ? 11 : 1)];

    await page.getByRole("link", { name: "新建联结" }).click();
    await chooseHousehold(page, first.registryCode);
    await page.getByLabel("适用的商品", { exact: true }).selectOption(product.id);
    await page.getByLabel("联结方式", { exact: true }).selectOption({ label: "订单收购" });
    await page.getByLabel("按销售额比例").check();
    await page.getByLabel("比例", { exact: true }).fill("5");
    await page.getByRole("button", { name: "保存联结" }).click();
    await expect(page).toHaveURL(/\/links\?created=1$/);
    await expect(page.getByRole("status").filter({ hasText: "联结已保存" })).toBeVisible();
    const item = page.getByTestId("link-item").filter({ hasText: first.registryCode });
    await expect(item).toContainText(product.nameZh);
    await expect(item.getByTestId("link-rule")).toHaveText("销售额的 5%");
    await expect(item).toContainText("生效中");

    // Another household for the same product at 100%: more than a sale earns.
    await page.getByRole("link", { name: "新建联结" }).click();
    await chooseHousehold(page, second.registryCode);
    await page.getByLabel("适用的商品", { exact: true }).selectOption(product.id);
    await page.getByLabel("比例", { exact: true }).fill("100");
    await page.getByRole("button", { name: "保存联结" }).click();
    const refusal = page.getByRole("main").getByRole("alert");
    await expect(refusal).toContainText("该商品已有联结合计");
    await expect(refusal).toContainText("再加 100% 将超过 100%");
    // Nothing was saved, and what was typed is still there.
    await expect(page).toHaveURL(/\/links\/new\?/);
    await expect(page.getByLabel("比例", { exact: true })).toHaveValue("100");

    // The first link has no allocations yet, so it can still be deleted (after a confirmation).
    await page.getByRole("link", { name: "返回联结列表" }).click();
    const mine = page.getByTestId("link-item").filter({ hasText: first.registryCode });
    await mine.getByRole("button", { name: "结束或删除" }).click();
    await expect(mine.getByLabel("最后生效日")).toBeVisible();
    page.once("dialog", (dialog) => void dialog.accept());
    await mine.getByRole("button", { name: "删除联结" }).click();
    await expect(page.getByTestId("link-item").filter({ hasText: first.registryCode })).toHaveCount(0);
  });

  test("the Gangu manager invites a colleague, who signs up, accepts and reaches the console", async ({ page, browser }, testInfo) => {
    const email = `colleague-${testInfo.project.name}-${Date.now().toString(36)}@e2e.example`;
    await signIn(page, "manager-gangu");
    await page.goto(`/coop/${GANGU}/team`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("团队");
    await expect(page.getByTestId("team-members")).toContainText(demo("manager-gangu").email);
    await page.getByLabel("同事的邮箱").fill(email);
    await page.getByRole("button", { name: "生成邀请链接" }).click();
    const box = page.getByTestId("invite-link");
    await expect(box).toContainText(email);
    const link = await page.getByLabel("邀请链接").inputValue();
    const origin = new URL(testInfo.project.use.baseURL ?? page.url()).origin;
    expect(link).toMatch(new RegExp(`^${origin.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/invite/[A-Za-z0-9_-]{43}$`));
    await expect(page.getByTestId("team-invites")).toContainText(email);

    // The colleague, in another browser: signed out, signs up from the invitation, comes back, accepts.
    const context = await browser.newContext();
    const colleague = await context.newPage();
    await colleague.goto(link);
    await expect(colleague.getByTestId("invite-operator")).toContainText("邀请您一起管理");
    await expect(colleague.getByTestId("invite-operator")).toContainText("合作社");
    await colleague.getByRole("link", { name: "注册账户" }).click();
    await expect(colleague).toHaveURL(/\/signup\?callbackUrl=%2Finvite%2F/);
    await colleague.getByLabel("称呼").fill("新同事");
    await colleague.getByLabel("邮箱").fill(email);
    await colleague.getByLabel("密码", { exact: true }).fill("同事的密码-2026-ok");
    await colleague.getByLabel("再次输入密码").fill("同事的密码-2026-ok");
    await colleague.getByRole("button", { name: "注册并登录" }).click();
    await expect(colleague).toHaveURL(/\/invite\/[A-Za-z0-9_-]{43}$/);
    // The address is not verified yet: the invitation waits for the link of the verification mail.
    await expect(colleague.getByTestId("email-unverified")).toContainText(email);
    await expect(colleague.getByRole("button", { name: "接受邀请" })).toHaveCount(0);
    const verifyLink = await verificationLinkFor(email);
    await colleague.goto(verifyLink);
    await colleague.getByRole("button", { name: "确认这是我的邮箱" }).click();
    await expect(colleague.getByRole("status")).toContainText("邮箱已验证");
    await colleague.goto(link);
    await colleague.getByRole("button", { name: "接受邀请" }).click();
    await expect(colleague).toHaveURL(new RegExp(`/coop/${GANGU}$`));
    await expect(colleague.getByTestId("console-operator")).toContainText("合作社");
    await colleague.goto("/coop");
    await expect(colleague).toHaveURL(new RegExp(`/coop/${GANGU}$`));
    // The link works once.
    await colleague.goto(link);
    await expect(colleague.getByTestId("invite-state")).toContainText("已经被接受过了");
    await context.close();

    await page.reload();
    await expect(page.getByTestId("team-members")).toContainText(email);
    await expect(page.getByTestId("team-invites").getByText(email)).toHaveCount(0);
  });

  test("a signed-in user with another email is told the invitation is not theirs", async ({ page, browser }, testInfo) => {
    await signIn(page, "manager-gangu");
    await page.goto(`/coop/${GANGU}/team`);
    await page.getByLabel("同事的邮箱").fill(`someone-${testInfo.project.name}-${Date.now().toString(36)}@e2e.example`);
    await page.getByRole("button", { name: "生成邀请链接" }).click();
    const link = await page.getByLabel("邀请链接").inputValue();
    const context = await browser.newContext();
    const shopper = await context.newPage();
    await signIn(shopper, "shopper");
    await shopper.goto(link);
    await expect(shopper.getByTestId("invite-wrong-email")).toContainText(demo("shopper").email);
    await expect(shopper.getByRole("button", { name: "接受邀请" })).toHaveCount(0);
    await context.close();
  });

  test("the Gangu manager records a dividend with a PDF proof that only the right people can open", async ({ page, browser }, testInfo) => {
    await signIn(page, "manager-gangu");
    await page.goto(`/coop/${GANGU}/payouts`);
    await page.getByRole("link", { name: "登记支付" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("登记分红或工资");
    const household = page.getByLabel("收款农户");
    const first = await household.locator("option").nth(1).getAttribute("value");
    await household.selectOption(first!);
    await page.getByLabel("支付类型").selectOption({ label: "入股分红" });
    const note = `测试分红 ${testInfo.project.name} ${Date.now().toString(36)}`;
    // A future date and a file that is not a PDF, JPEG or PNG are refused with a message.
    await page.getByLabel("金额（元）").fill("1,280.50");
    await page.getByLabel("备注（可不填）").fill(note);
    await page
      .getByLabel("支付凭证")
      .setInputFiles({ name: "slip.pdf", mimeType: "application/pdf", buffer: Buffer.from("<html>not a pdf</html>") });
    await page.getByRole("button", { name: "登记支付" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText("凭证只能是 PDF、JPEG 或 PNG 文件");
    await expect(page.getByLabel("金额（元）")).toHaveValue("1,280.50");

    const pdf = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
    await page.getByLabel("支付凭证").setInputFiles({ name: "slip.pdf", mimeType: "application/pdf", buffer: pdf });
    await page.getByRole("button", { name: "登记支付" }).click();
    await expect(page).toHaveURL(/\/payouts\?created=1$/);
    const item = page.getByTestId("payout-item").filter({ hasText: note });
    await expect(item).toContainText("¥1,280.50");
    const proof = await item.getByRole("link", { name: "查看凭证" }).getAttribute("href");
    expect(proof).toMatch(/^\/api\/files\/payouts\/[^/]+\/[A-Za-z0-9]+\.pdf$/);
    const own = await page.request.get(proof!);
    expect(own.status()).toBe(200);
    expect(own.headers()["content-type"]).toBe("application/pdf");
    expect(Buffer.from(await own.body()).equals(pdf)).toBe(true);

    for (const key of ["manager-sunan", "officer-sunan"]) {
      const context = await browser.newContext();
      const other = await context.newPage();
      await signIn(other, key);
      expect((await other.request.get(proof!)).status(), key).toBe(404);
      await context.close();
    }
    const officer = await browser.newContext();
    const officerPage = await officer.newPage();
    await signIn(officerPage, "officer-gangu");
    expect((await officerPage.request.get(proof!)).status()).toBe(200);
    await officer.close();
    const anonymous = await browser.newContext();
    expect((await anonymous.request.get(new URL(proof!, page.url()).href)).status()).toBe(404);
    await anonymous.close();
  });

  test("a phone photo of a few MB is accepted as proof; more than 10 MB is refused before it is sent", async ({ page }) => {
    await signIn(page, "manager-gangu");
    await page.goto(`/coop/${GANGU}/payouts/new`);
    const household = page.getByLabel("收款农户");
    await household.selectOption((await household.locator("option").nth(1).getAttribute("value"))!);
    await page.getByLabel("支付类型").selectOption({ label: "务工" });
    await page.getByLabel("金额（元）").fill("860");
    const jpeg = (bytes: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(bytes - 4, 0x11)]);
    await page.getByLabel("支付凭证").setInputFiles({ name: "slip.jpg", mimeType: "image/jpeg", buffer: jpeg(10 * 1024 * 1024 + 1) });
    await page.getByRole("button", { name: "登记支付" }).click();
    await expect(page.getByText("凭证文件超过 10 MB")).toBeVisible();
    await page.getByLabel("支付凭证").setInputFiles({ name: "slip.jpg", mimeType: "image/jpeg", buffer: jpeg(4 * 1024 * 1024) });
    await page.getByRole("button", { name: "登记支付" }).click();
    await expect(page).toHaveURL(/\/payouts\?created=1$/);
  });

  test("the Sunan manager cannot open the Gangu console (404)", async ({ page }) => {
    await signIn(page, "manager-sunan");
    const response = await page.goto(`/coop/${GANGU}`);
    expect(response?.status()).toBe(404);
    await expect(page.getByTestId("not-found")).toBeVisible();
    for (const section of ["links", "payouts", "team", "links/new"]) {
      const r = await page.goto(`/coop/${GANGU}/${section}`);
      expect(r?.status(), section).toBe(404);
    }
    // Their own console works.
    await page.goto("/coop");
    await expect(page).toHaveURL(/\/coop\/daduma-coop$/);
  });

  test("signed out, the console sends you to sign in and back; a shopper gets 404", async ({ page, browser }) => {
    await page.goto(`/coop/${GANGU}/links?state=ended`);
    await expect(page).toHaveURL(new RegExp(`/signin\\?callbackUrl=%2Fcoop%2F${GANGU}$`));
    await page.getByLabel("邮箱").fill(demo("manager-gangu").email);
    await page.getByLabel("密码", { exact: true }).fill(demo("manager-gangu").password);
    await page.getByRole("button", { name: "登录", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/coop/${GANGU}$`));
    await expect(page.getByTestId("console-operator")).toBeVisible();

    const context = await browser.newContext();
    const other = await context.newPage();
    await other.goto("/en/coop");
    await expect(other).toHaveURL(/\/en\/signin\?callbackUrl=%2Fen%2Fcoop$/);
    await signIn(other, "shopper");
    const response = await other.goto("/en/coop");
    expect(response?.status()).toBe(404);
    await expect(other.getByTestId("not-found")).toBeVisible();
    await context.close();
  });

  const pages = [
    `/coop/${GANGU}`,
    `/coop/${GANGU}/links`,
    `/coop/${GANGU}/links/new?code=GG-2014-000`,
    `/coop/${GANGU}/payouts`,
    `/coop/${GANGU}/payouts/new`,
    `/coop/${GANGU}/team`,
    `/en/coop/${GANGU}/links`,
  ];
  for (const path of pages) {
    test(`no serious accessibility violations on ${path}`, async ({ page }) => {
      await signIn(page, "manager-gangu");
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(
        serious.map(
          (v) =>
            `${v.id}: ${v.nodes
              .map((n) => n.target.join(" "))
              .slice(0, 3)
              .join(", ")}`,
        ),
      ).toEqual([]);
    });
  }

  test("no serious accessibility violations on the invitation page", async ({ page }) => {
    const db = e2eDb();
    const token = randomBytes(32).toString("base64url");
    const operator = await db.operator.findUniqueOrThrow({ where: { slug: GANGU }, select: { id: true } });
    await db.invite.create({
      data: {
        operatorId: operator.id,
        email: `a11y-${Date.now().toString(36)}@e2e.example`,
        tokenHash: createHash("sha256").update(token).digest("hex"),
        invitedById: "seed-user-manager-gangu",
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    const response = await page.goto(`/invite/${token}`);
    expect(response?.status()).toBe(200);
    await expect(page.getByTestId("invite-operator")).toBeVisible();
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  });
});
