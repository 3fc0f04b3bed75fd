import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { hashPassword } from "../lib/auth/password";
import { startSmtp, type TestSmtp } from "../tests/support/smtp";
import { DEMO_ACCOUNTS } from "../prisma/demo-accounts";
import { signInAs } from "./support/auth";
import { closeE2eDb, e2eDb } from "./support/db";
import { solidPng } from "./support/png";
import { shippedGuestOrder } from "./support/shipped-order";

const manager = DEMO_ACCOUNTS.find((a) => a.key === "manager-gangu")!;

// Mail journeys against a real SMTP server in this test process (./test points the app's
// SMTP_URL at SMTP_TEST_PORT). No @phone tag: one server per port, so only the desktop project runs these.
test.describe.configure({ mode: "serial" });

let smtp: TestSmtp;
test.beforeAll(async () => {
  // The database holds the unit tests' thousands of undelivered rows: they are not these journeys'
  // mails, and the app's sender would work through them before ours. Put them out of its reach.
  await e2eDb().outbox.updateMany({
    where: { status: "PENDING", createdAt: { lt: new Date() } },
    data: { nextAttemptAt: new Date("2999-01-01T00:00:00Z") },
  });
  smtp = await startSmtp(Number(process.env.SMTP_TEST_PORT || 2525));
});
test.afterAll(async () => {
  await smtp?.close();
  await closeE2eDb();
});

test("a shopper who forgot the password resets it from the emailed link; other sessions end", async ({ page, browser }) => {
  test.setTimeout(120_000); // two browsers, two mails
  const email = `forgot-${Date.now().toString(36)}@e2e.example`;
  await e2eDb().user.create({
    data: {
      email,
      name: "忘了密码的人",
      passwordHash: await hashPassword("old-password-2026"),
      role: "SHOPPER",
      emailVerifiedAt: new Date(),
    },
  });

  // Another device, signed in with the old password.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto("/signin");
  await otherPage.getByLabel("邮箱").fill(email);
  await otherPage.getByLabel("密码", { exact: true }).fill("old-password-2026");
  await otherPage.getByRole("button", { name: "登录", exact: true }).click();
  await expect(otherPage).not.toHaveURL(/\/signin/);
  await otherPage.goto("/account");
  await expect(otherPage).toHaveURL(/\/account$/);

  await page.goto("/signin");
  await page.getByRole("link", { name: "忘记密码？" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.getByLabel("邮箱").fill(email);
  await page.getByRole("button", { name: "发送重设链接" }).click();
  await expect(page.getByRole("status")).toContainText(`如果 ${email} 注册过小康集市`);

  const mail = await smtp.waitFor((m) => m.envelopeTo.includes(email) && m.subject === "重设小康集市的密码");
  const link = /https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]{43}/.exec(mail.text)?.[0];
  expect(link, mail.text).toBeTruthy();
  expect(mail.html).toContain(link!.replace(/&/g, "&amp;"));

  await page.goto(link!);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("设置新密码");
  await page.getByLabel("新密码", { exact: true }).fill("new-password-2026");
  await page.getByLabel("再次输入新密码").fill("new-password-2026");
  await page.getByRole("button", { name: "保存新密码" }).click();
  await expect(page.getByRole("status")).toContainText("密码已重设");
  await page.getByRole("link", { name: "去登录" }).click();
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码", { exact: true }).fill("new-password-2026");
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page).not.toHaveURL(/\/signin/);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/account$/);

  // The other device's session ended with the reset.
  await otherPage.goto("/account");
  await expect(otherPage).toHaveURL(/\/signin/);
  await other.close();

  // The owner is told, and the link works once.
  await smtp.waitFor((m) => m.envelopeTo.includes(email) && m.subject === "您的小康集市密码已更改");
  await page.goto(link!);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("链接已失效");
});

test("an unknown address gets the same answer and no mail", async ({ page }) => {
  const email = `nobody-${Date.now().toString(36)}@e2e.example`;
  await page.goto("/en/forgot-password");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send the reset link" }).click();
  await expect(page.getByRole("status")).toContainText(`If ${email} has a Xiaokang Market account`);
  expect(await e2eDb().outbox.count({ where: { recipient: email } })).toBe(0);
});

test("a shopper reports a damaged box with a photo, takes the seller's partial refund, and sees the money and the mail", async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000); // two browsers and two mails
  const email = `aftersale-${Date.now().toString(36)}@e2e.example`;
  const order = await shippedGuestOrder({ email, delivered: true });
  page.on("dialog", (dialog) => void dialog.accept());

  // The buyer (a guest, from the order's link) reports the damage with a photo.
  await page.goto(order.path);
  const part = page.getByTestId("shipment");
  await part.locator("summary", { hasText: "申请售后" }).click();
  const form = part.getByTestId("after-sale-open");
  await form.getByLabel("原因").selectOption({ label: "商品破损" });
  await form.getByLabel("申请退款金额（元）").fill("30");
  await form.getByLabel("问题描述（选填）").fill("外箱压坏，一袋漏了");
  await form.getByLabel("照片（选填）").setInputFiles({ name: "box.png", mimeType: "image/png", buffer: solidPng(16) });
  await form.getByRole("button", { name: "提交售后申请" }).click();
  await expect(part.getByTestId("after-sale-status")).toHaveText("等待卖家处理");
  await expect(part.getByTestId("shipment-status")).toContainText("售后中");
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

  // The cooperative's manager sees it under 售后 (with the photo) and offers part of it.
  const sellerContext = await browser.newContext();
  const seller = await sellerContext.newPage();
  seller.on("dialog", (dialog) => void dialog.accept());
  await signInAs(seller, manager.email, manager.password);
  // The requests waiting longest come first, and the database holds other tests' requests too: the
  // new one is on a later page when there are many.
  const card = seller.getByTestId("after-sale-request").filter({ hasText: order.number });
  for (let page = 1; page <= 20; page++) {
    await seller.goto(`/coop/dazhuang-chili-coop/after-sales?tab=open&page=${page}`);
    if ((await card.count()) > 0) break;
  }
  await expect(card.getByRole("img", { name: "售后照片 1" })).toBeVisible();
  expect(await card.getByRole("img", { name: "售后照片 1" }).evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(16);
  await card.locator("summary", { hasText: "提出部分退款" }).click();
  await card.getByLabel("部分退款金额（元）").fill("15");
  await card.getByLabel("说明", { exact: true }).fill("外箱破损，另一袋完好");
  await card.getByRole("button", { name: "发送部分退款方案" }).click();
  await expect(card).toHaveCount(0); // answered: it leaves "to answer"
  await seller.goto("/coop/dazhuang-chili-coop/after-sales?tab=waiting");
  await expect(seller.getByTestId("after-sale-request").filter({ hasText: order.number })).toContainText("卖家提出部分退款");
  await sellerContext.close();

  // The buyer is told, takes the offer, and sees the money on the order.
  const offer = await smtp.waitFor((m) => m.envelopeTo.includes(email) && m.subject === `订单 ${order.number}：卖家提出部分退款 ¥15.00`);
  expect(offer.text).toContain("外箱破损，另一袋完好");
  await page.reload();
  await part.getByRole("button", { name: "接受退款 ¥15.00" }).click();
  await expect(part.getByTestId("after-sale-refunded")).toHaveText("已退款 ¥15.00");
  await expect(page.getByText("已退款 ¥15.00。", { exact: true })).toBeVisible();
  const refund = await smtp.waitFor((m) => m.envelopeTo.includes(email) && m.subject === `订单 ${order.number} 已退款 ¥15.00`);
  for (const mail of [offer, refund]) expect(mail.text).not.toMatch(/示例|演示|样例/); // never a household's name
});
