import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../prisma/demo-accounts";
import { cartOf, makeProductIn } from "../tests/support/shop-data";
import { signInAs } from "./support/auth";
import { closeE2eDb, e2eDb } from "./support/db";

// Issue 11's journey on a phone: a cooperative manager drafts a campaign with the console's form
// (its refusals named), an admin publishes it, a guest opens the campaign link, buys within the
// limit, pays with the demo provider and is refused beyond the limit with the limit in the
// message. The hoarding order (a product's full stock in one order) is refused at the API with
// the per-order limit in it. The start is moved a few seconds ahead by the test (the form keeps
// minutes); nothing waits on a clock: each step polls for the state it needs.

const demo = (key: string) => DEMO_ACCOUNTS.find((a) => a.key === key)!;
const MANAGER = demo("manager-gangu");
const ADMIN = demo("admin");

test.afterAll(async () => {
  await closeE2eDb();
});

test("a manager drafts a campaign, an admin publishes it, a guest buys on a phone within the limit and pays @phone-only", async ({
  page,
  browser,
}) => {
  test.setTimeout(60_000);
  const db = e2eDb();
  const product = await makeProductIn(db, MANAGER.operatorSlug!, { stock: 50, priceFen: 5000, sameSeller: true });
  const { nameZh } = await db.product.findUniqueOrThrow({ where: { id: product.id }, select: { nameZh: true } });
  const tag = Date.now().toString(36).slice(-5);

  // The manager's form: price 0 and an allotment above the stock are refused beside their fields.
  await signInAs(page, MANAGER.email, MANAGER.password);
  await page.goto(`/coop/${MANAGER.operatorSlug}/campaigns/new`);
  await page.getByLabel("活动名称（中文）").fill(`直播测试 ${tag}`);
  await page.getByLabel("活动名称（英文）").fill(`Live test ${tag}`);
  await page.getByLabel("主播", { exact: true }).fill("小王");
  await page.getByLabel(nameZh).check();
  await page.getByLabel("活动价（元）").fill("0");
  await page.getByLabel("本场配额（件）").fill("10");
  await page.getByRole("button", { name: "提交活动" }).click();
  await expect(page.getByText("价格要大于 0。")).toBeVisible();
  await page.getByLabel("活动价（元）").fill("39.90");
  await page.getByLabel("本场配额（件）").fill("60");
  await page.getByRole("button", { name: "提交活动" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "现有库存 50 件，配额不能超过库存" })).toBeVisible();
  await page.getByLabel("本场配额（件）").fill("10");
  await page.getByRole("button", { name: "提交活动" }).click();
  const card = page.getByTestId("campaign").filter({ hasText: `直播测试 ${tag}` });
  await expect(card.getByTestId("campaign-state")).toHaveText("待发布");
  const slug = (await card.getAttribute("data-slug"))!;
  // The form's window starts at the next full hour: the test brings it to a few seconds from now.
  await db.campaign.update({ where: { slug }, data: { startsAt: new Date(Date.now() + 3000) } });

  // The admin publishes it.
  const adminContext = await browser.newContext();
  const adminPage = await adminContext.newPage();
  await signInAs(adminPage, ADMIN.email, ADMIN.password);
  await adminPage.goto("/admin/campaigns");
  await adminPage.getByTestId("campaigns-waiting").locator(`[data-slug="${slug}"]`).getByRole("button", { name: "发布" }).click();
  await expect(adminPage.locator(`[data-slug="${slug}"]`).getByTestId("campaign-state")).not.toHaveText("待发布");
  await adminContext.close();

  // A guest on a phone opens the link; the sale opens when the campaign clock has taken the allotment.
  const shopper = await browser.newContext({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });
  const phone = await shopper.newPage();
  await phone.goto(`/live/${slug}`);
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText(`直播测试 ${tag}`);
  await expect
    .poll(async () => (await db.campaign.findUniqueOrThrow({ where: { slug } })).startedAt !== null, { timeout: 15_000 })
    .toBe(true);
  await expect(phone.getByTestId("live-phase")).toContainText("抢购中", { timeout: 10_000 });

  await phone.getByLabel("数量").selectOption("2");
  await phone.getByLabel("收货人").fill("直播买家");
  await phone.getByLabel("手机号码").fill("13800138000");
  await phone.getByLabel("省份").selectOption("甘肃省");
  await phone.getByLabel("城市").selectOption("天水市");
  await phone.getByLabel("区县").selectOption("甘谷县");
  await phone.getByLabel("详细地址").fill(`大像山镇人民路 ${tag} 号`);
  await phone.getByLabel("邮箱").fill(`live-${tag}@example.test`);
  await phone.getByRole("button", { name: /立即抢购/ }).click();
  await expect(phone.getByTestId("held")).toContainText("已为您保留订单");

  // 去支付 goes through the payment queue to the demo page.
  await phone.getByRole("button", { name: "去支付" }).click();
  await expect(phone).toHaveURL(/\/checkout\/demo\/XK/, { timeout: 15_000 });
  await phone.getByRole("button", { name: /确认支付/ }).click();
  await expect(phone.getByText("已支付").first()).toBeVisible();

  // Back on the campaign page, one more unit is beyond the limit of 2: refused, the limit named.
  await phone.goto(`/live/${slug}`);
  await phone.getByRole("button", { name: "再买一单" }).click();
  await phone.getByLabel("收货人").fill("直播买家");
  await phone.getByLabel("手机号码").fill("13800138000");
  await phone.getByLabel("省份").selectOption("甘肃省");
  await phone.getByLabel("城市").selectOption("天水市");
  await phone.getByLabel("区县").selectOption("甘谷县");
  await phone.getByLabel("详细地址").fill(`大像山镇人民路 ${tag} 号`);
  await phone.getByLabel("邮箱").fill(`live-${tag}@example.test`);
  await phone.getByRole("button", { name: /立即抢购/ }).click();
  await expect(phone.getByText("每人限购 2 件，您已抢到 2 件。")).toBeVisible();
  const orders = await db.order.findMany({ where: { campaign: { slug } }, select: { status: true, channel: true } });
  expect(orders).toEqual([{ status: "PAID", channel: "LIVESTREAM" }]);
  await shopper.close();

  // Hoarding: one order for the product's whole shelf stock is refused with the per-order limit in it.
  const left = (await db.product.findUniqueOrThrow({ where: { id: product.id } })).stock;
  const hoard = await page.request.post("/api/checkout", {
    data: { locale: "zh-CN", order: cartOf([{ ...product, quantity: left }]) },
  });
  expect(hoard.status()).toBe(400);
  expect(await hoard.json()).toMatchObject({ ok: false, error: "quantityOverLimit", values: { max: 20, quantity: left } });
});
