import AxeBuilder from "@axe-core/playwright";
import { expect as baseExpect, test, type Browser, type Page } from "@playwright/test";
import ExcelJS from "exceljs";
import { DEMO_ACCOUNTS } from "../prisma/demo-accounts";
import { signInAs } from "./support/auth";
import { closeE2eDb, e2eDb } from "./support/db";

// Issue 10's journey on the production build: a new cooperative applies with its licence PDF (and
// creates its account), the Gangu officer recommends it, the admin approves it, the new manager
// lists a product, the officer certifies it, a shopper buys it, the admin records the payout and
// the manager downloads the statement, whose lines add up to the payout. Axe on every new page.

// Each step waits on a server action (scrypt, files, a transaction) on a shared 2-core machine.
const expect = baseExpect.configure({ timeout: 30_000 });

const demo = (key: string) => DEMO_ACCOUNTS.find((a) => a.key === key)!;
const OFFICER = demo("officer-gangu");
const ADMIN = demo("admin");
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

function creditCode(): string {
  const body = Array.from({ length: 7 }, () => ALPHABET[Math.floor(Math.random() * 31)]).join("");
  const first = `93620523MA${body}`;
  const sum = [...first].reduce((s, c, i) => s + ALPHABET.indexOf(c) * WEIGHTS[i]!, 0);
  return first + ALPHABET[(31 - (sum % 31)) % 31];
}

/** Axe, and a full-page screenshot to look at (.data/screenshots/admin-*.png). */
async function axe(page: Page, path: string) {
  const name = path.replace(/[^a-z0-9]+/giu, "-").replace(/^-|-$/gu, "") || "home";
  await page.screenshot({ path: `.data/screenshots/admin-${name}-${test.info().project.name}.png`, fullPage: true });
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${path}: ${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

async function as(browser: Browser, email: string, password: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, email, password);
  page.on("dialog", (d) => void d.accept());
  return { page, close: () => context.close() };
}

test.afterAll(async () => {
  await closeE2eDb();
});

test("a cooperative applies, is recommended and approved, sells, is paid out and downloads its statement @phone-only", async ({
  page,
  browser,
}, testInfo) => {
  test.setTimeout(240_000);
  const tag = `${testInfo.project.name}${Date.now().toString(36).slice(-5)}`;
  const email = `coop-${tag}@example.test`;
  const password = "Apply-2026-coop";
  const nameZh = `测试新合作社${tag}`;
  const code = creditCode();

  // 1. Apply, creating the account on the way. A wrong check character is refused first.
  await page.goto("/apply");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("开店申请");
  await axe(page, "/apply");
  const form = page.getByTestId("apply-form");
  await form.getByLabel("您的姓名").fill("新社长");
  await form.getByLabel("邮箱").fill(email);
  await form.getByLabel("密码").fill(password);
  await form.getByLabel("名称（与营业执照一致）").fill(nameZh);
  await form.getByLabel("英文名称（可不填）").fill(`New Coop ${tag}`);
  await form.getByLabel("统一社会信用代码").fill(code.slice(0, 17) + (code[17] === "0" ? "1" : "0"));
  await form.getByLabel("法定代表人").fill("王社长");
  await form.getByLabel("联系手机").fill("13800138000");
  await form.getByLabel("所在县").selectOption({ label: "甘谷县" });
  await form.getByLabel("所在村").selectOption({ label: "大庄村" });
  await form.getByLabel("利益联结机制").fill("按保护价收购 20 户脱贫户的辣椒。");
  await form.getByLabel("营业执照", { exact: true }).setInputFiles({ name: "licence.pdf", mimeType: "application/pdf", buffer: PDF });
  await form.getByLabel("食品生产许可证（SC）或承诺达标合格证").setInputFiles({ name: "sc.pdf", mimeType: "application/pdf", buffer: PDF });
  await form.getByRole("button", { name: "提交申请" }).click();
  await expect(form.getByText("统一社会信用代码的校验位不对")).toBeVisible();
  await form.getByLabel("统一社会信用代码").fill(code.toLowerCase());
  await form.getByRole("button", { name: "提交申请" }).click();
  await expect(page).toHaveURL(/\/apply\/status$/);
  await expect(page.getByTestId("application-status")).toHaveAttribute("data-status", "APPLIED");
  await axe(page, "/apply/status");
  const app = await e2eDb().operatorApplication.findFirstOrThrow({ where: { creditCode: code } });

  // 2. The Gangu officer recommends it.
  const officer = await as(browser, OFFICER.email, OFFICER.password);
  await officer.page.goto("/office/applications");
  await axe(officer.page, "/office/applications");
  await officer.page.getByRole("link", { name: nameZh }).click();
  await expect(officer.page.getByTestId("application-documents")).toContainText("licence.pdf");
  await axe(officer.page, "/office/applications/[id]");
  await officer.page.getByTestId("recommend-form").getByRole("button").click();
  await expect(officer.page.getByTestId("application-status")).toHaveAttribute("data-status", "RECOMMENDED");

  // 3. The admin approves it.
  const admin = await as(browser, ADMIN.email, ADMIN.password);
  await admin.page.goto("/admin");
  await axe(admin.page, "/admin");
  await admin.page.goto(`/admin/applications/${app.id}`);
  await axe(admin.page, "/admin/applications/[id]");
  await admin.page.getByTestId("approve-form").getByRole("button").click();
  await expect(admin.page.getByTestId("application-status")).toHaveAttribute("data-status", "APPROVED");
  const operator = await e2eDb().operator.findUniqueOrThrow({ where: { creditCode: code } });

  // 4. The new manager (the applicant, still signed in) sees it approved and lists a product.
  await page.goto("/apply/status");
  await expect(page.getByTestId("application-status")).toHaveAttribute("data-status", "APPROVED");
  await page.getByRole("link", { name: "进入店铺后台" }).click();
  await page.goto(`/coop/${operator.slug}/products/new`);
  const product = page.getByTestId("product-form");
  await product.getByLabel("中文名称").fill(`新社辣椒 ${tag}`);
  await product.getByLabel("英文名称").fill(`New coop chili ${tag}`);
  await product.getByLabel("品类").selectOption({ label: "辣椒" });
  await product.getByLabel("价格（元）").fill("25.00");
  await product.getByLabel("现有库存").fill("10");
  await product.getByLabel("单位（中文）").fill("袋");
  await product.getByLabel("单位（英文）").fill("bag");
  await product.getByLabel("规格（中文）").fill("500克/袋");
  await product.getByLabel("规格（英文）").fill("500 g per bag");
  await product.getByLabel("产地村").selectOption({ label: "大庄村" });
  await product.getByLabel("保存后马上在商城上架").check();
  await product.getByRole("button", { name: "保存为草稿" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`新社辣椒 ${tag}`);
  await page.getByTestId("status-panel").getByRole("button", { name: "提交认定" }).click();
  await expect(page.getByTestId("status").first()).toHaveText("待认定");
  const listed = await e2eDb().product.findFirstOrThrow({ where: { operatorId: operator.id } });

  // 5. The officer certifies it.
  await officer.page.goto(`/office/certification/${listed.id}`);
  await officer.page.getByTestId("certify-form").getByRole("button", { name: "认定为消费帮扶产品" }).click();
  await expect(officer.page.getByTestId("review-status")).toHaveText("消费帮扶产品");

  // 6. A guest shopper buys two bags with the demo payment.
  const shopper = await browser.newContext();
  const buyer = await shopper.newPage();
  await buyer.goto(`/products/${listed.slug}`);
  const cart = buyer.getByTestId("add-to-cart");
  await cart.getByLabel("数量").fill("2");
  await cart.getByRole("button", { name: "加入购物车" }).click();
  await expect(cart.getByRole("status")).toContainText("已加入购物车");
  await buyer.goto("/checkout");
  await buyer.getByLabel("收货人").fill("王小明");
  await buyer.getByLabel("手机号码").fill("138 0013 8000");
  await buyer.getByLabel("省份").selectOption("甘肃省");
  await buyer.getByLabel("城市").selectOption("兰州市");
  await buyer.getByLabel("区县").selectOption("城关区");
  await buyer.getByLabel("详细地址").fill("庆阳路 100 号");
  await buyer.getByLabel("邮箱").fill(`buyer-${tag}@example.test`);
  await buyer.getByRole("button", { name: /去支付/ }).click();
  await expect(buyer).toHaveURL(/\/checkout\/demo\/XK/);
  await expect(buyer.getByRole("note")).toContainText("演示支付");
  await buyer.waitForLoadState("networkidle"); // the page is interactive before the click
  await buyer.getByRole("button", { name: /确认支付/ }).click();
  await expect(buyer.getByTestId("order-status")).toHaveAttribute("data-status", "PAID");
  await shopper.close();

  // 7. The admin records the payout of this month (¥50.00, no platform fee by default).
  const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
  await admin.page.goto(`/admin/payouts?month=${month}`);
  await axe(admin.page, "/admin/payouts");
  const row = admin.page.locator(`[data-testid="payout-row"][data-slug="${operator.slug}"]`);
  await expect(row.getByTestId("payout-amount")).toHaveText("¥50.00");
  await row.getByLabel("银行流水号").fill(`ICBC${tag}`);
  await row.getByRole("button", { name: "登记打款" }).click();
  await expect(row).toHaveCount(0);

  // 8. The manager sees 已结算 and downloads the statement, which adds up to the payout.
  await page.goto(`/coop/${operator.slug}/settlement`);
  await expect(page.getByTestId("settlement-paid")).toContainText("¥50.00");
  await expect(page.getByTestId("settlement-status").first()).toHaveText("已结算");
  await expect(page.getByTestId("refund-rule")).toContainText("退款计入退款当月");
  await axe(page, "/coop/[operator]/settlement");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("statement-download").first().click()]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile((await download.path())!);
  const ws = wb.worksheets[0]!;
  let lines = 0;
  let total = 0;
  ws.eachRow((r, n) => {
    if (n <= 9) return;
    const v = r.getCell(6).value;
    if (typeof v !== "number") return;
    if (r.getCell(1).value === "合计（本次打款）") total = v;
    else lines += Math.round(v * 100);
  });
  expect(lines).toBe(5000);
  expect(Math.round(total * 100)).toBe(5000);

  // Another cooperative's manager cannot fetch it.
  const other = await as(browser, demo("manager-sunan").email, demo("manager-sunan").password);
  const payout = await e2eDb().settlementPayout.findFirstOrThrow({ where: { operatorId: operator.id } });
  expect((await other.page.request.get(`/api/settlement/statements/${payout.id}`)).status()).toBe(404);
  await other.close();
  await officer.close();
  await admin.close();
});

test("the new admin pages pass axe in English too", async ({ page }) => {
  test.setTimeout(180_000);
  await signInAs(page, ADMIN.email, ADMIN.password);
  for (const path of [
    "/en/admin",
    "/en/admin/accounts",
    "/en/admin/operators",
    "/en/admin/regions?parent=620523",
    "/en/admin/gi-marks",
    "/en/admin/audit",
    "/en/admin/applications?status=all",
    "/en/apply",
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await axe(page, path);
  }
});
