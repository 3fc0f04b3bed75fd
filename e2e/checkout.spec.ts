// The shopper's path end to end: cart, checkout with a Chinese address, the demo payment, the
// order page with its impact receipt; a guest and a signed-in shopper, each buying from two
// operators. Products are made for this spec (copies of demo products under their own
// operators), so other specs' stock figures are untouched.
import { expect, test, type Page } from "@playwright/test";
import { linkHouseholdsIn, makeProductIn } from "../tests/support/shop-data";
import { signInAs } from "./support/auth";
import { closeE2eDb, e2eDb } from "./support/db";

test.afterAll(closeE2eDb);

async function twoProducts() {
  const db = e2eDb();
  const gangu = await makeProductIn(db, "dazhuang-chili-coop", { stock: 20, priceFen: 12800 });
  await linkHouseholdsIn(db, gangu, [500, 300, 200, 100]);
  const sunan = await makeProductIn(db, "daduma-coop", { stock: 20, priceFen: 4000 });
  await linkHouseholdsIn(db, sunan, [1000]);
  const rows = await db.product.findMany({
    where: { id: { in: [gangu.id, sunan.id] } },
    select: { id: true, slug: true, operator: { select: { slug: true } } },
  });
  const more = (id: string) => {
    const row = rows.find((r) => r.id === id)!;
    return { slug: row.slug, operatorSlug: row.operator.slug };
  };
  return { gangu: { ...gangu, ...more(gangu.id) }, sunan: { ...sunan, ...more(sunan.id) } };
}

async function addToCart(page: Page, slug: string, quantity: number) {
  await page.goto(`/products/${slug}`);
  const form = page.getByTestId("add-to-cart");
  await form.getByLabel("数量").fill(String(quantity));
  await form.getByRole("button", { name: "加入购物车" }).click();
  await expect(form.getByRole("status")).toContainText("已加入购物车");
}

async function fillAddress(page: Page) {
  await page.getByLabel("收货人").fill("王小明");
  await page.getByLabel("手机号码").fill("138 0013 8000");
  await page.getByLabel("省份").selectOption("甘肃省");
  await page.getByLabel("城市").selectOption("兰州市");
  await page.getByLabel("区县").selectOption("城关区");
  await page.getByLabel("详细地址").fill("庆阳路 100 号 3 单元 502");
}

async function payOnDemoPage(page: Page) {
  await expect(page).toHaveURL(/\/checkout\/demo\/XK/);
  await expect(page.getByRole("note")).toContainText("演示支付");
  await page.getByRole("button", { name: /确认支付/ }).click();
  await expect(page).toHaveURL(/\/orders\/XK/);
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "PAID");
}

test("a guest buys from two cooperatives, pays on the demo page and sees whom the money reached", async ({ page }) => {
  const { gangu, sunan } = await twoProducts();
  await addToCart(page, gangu.slug, 2);
  await addToCart(page, sunan.slug, 1);
  await expect(page.getByTestId("cart-count")).toHaveText("3");

  await page.goto("/cart");
  await expect(page.getByTestId("cart-line")).toHaveCount(2);
  await expect(page.getByTestId("cart-total")).toHaveText("¥296.00");
  await page.getByRole("link", { name: "去结算" }).click();

  await fillAddress(page);
  await page.getByLabel("手机号码").fill("12345");
  const email = `guest-${Date.now()}@example.test`;
  await page.getByLabel("邮箱").fill(email);
  await page.getByRole("button", { name: /去支付/ }).click();
  await expect(page.getByText("请填写 11 位手机号码")).toBeVisible(); // nothing reserved yet
  await page.getByLabel("手机号码").fill("138 0013 8000");
  // A double click on Pay places one order.
  await page.getByRole("button", { name: /去支付/ }).dblclick();
  await payOnDemoPage(page);

  const orders = await e2eDb().order.findMany({ where: { email }, include: { lines: true } });
  expect(orders).toHaveLength(1);
  expect(orders[0]!.totalFen).toBe(29600);
  // 5% + 3% + 2% + 1% of ¥256.00 = ¥28.16, and 10% of ¥40.00 = ¥4.00: ¥32.16 to 5 households.
  const receipt = page.getByTestId("impact-receipt");
  await expect(receipt).toContainText("¥32.16");
  await expect(receipt).toContainText("¥296.00");
  await expect(receipt).toContainText("5 户");
  await expect(page.getByTestId("shipment")).toHaveCount(2);
  await expect(page.getByTestId("shipment-status").first()).toHaveText("待发货");
  // The stock was taken once.
  expect((await e2eDb().product.findUniqueOrThrow({ where: { id: gangu.id } })).stock).toBe(18);
  // The cart is empty after the order.
  await page.goto("/cart");
  await expect(page.getByText("购物车还是空的")).toBeVisible();
});

test("a guest's cart follows them when they sign in; the seller ships and the buyer sees it", async ({ page, browser }) => {
  const { gangu, sunan } = await twoProducts();
  await addToCart(page, gangu.slug, 1);
  await signInAs(page, "buyer@demo.xiaokang.test", "Demo-2026-buyer");
  await addToCart(page, sunan.slug, 2);
  await page.goto("/cart");
  await expect(page.getByTestId("cart-line")).toHaveCount(2);
  await page.getByRole("link", { name: "去结算" }).click();
  await fillAddress(page);
  await expect(page.getByLabel("邮箱")).toHaveCount(0); // the account's email is used
  // A member of one buyer organisation buys for it unless they choose 个人购买; the server sets the channel.
  await expect(page.getByRole("radio", { name: /工会委员会/ })).toBeChecked();
  await page.getByRole("button", { name: /去支付/ }).click();
  await payOnDemoPage(page);
  await expect(page.getByTestId("impact-receipt")).toContainText("户");
  const number = page.url().match(/orders\/(XK\w+)/)![1]!;
  expect((await e2eDb().order.findUniqueOrThrow({ where: { number } })).channel).toBe("INSTITUTION");

  await page.goto("/account/orders");
  await expect(page.getByTestId("my-order").filter({ hasText: number })).toContainText("已支付");

  // The Gangu seller ships its part (an admin may run every cooperative's console).
  const seller = await browser.newContext();
  const sellerPage = await seller.newPage();
  await signInAs(sellerPage, "admin@demo.xiaokang.test", "Demo-2026-admin");
  await sellerPage.goto(`/coop/${gangu.operatorSlug}/orders/${number}`);
  const ship = sellerPage.getByTestId("ship-form");
  // Its button is enabled once the page has hydrated: a carrier chosen before that is reset by React
  // (the select is controlled), and the form was sent without one.
  await expect(ship.getByRole("button", { name: "确认发货" })).toBeEnabled();
  await ship.getByLabel("快递公司").selectOption({ label: "中通快递" });
  await ship.getByLabel("快递单号").fill("773012345678901");
  await ship.getByRole("button", { name: "确认发货" }).click();
  await expect(sellerPage.getByTestId("shipment-status")).toHaveText("已发货");
  await seller.close();

  // The buyer sees that part shipped with its tracking number; the other seller's part waits.
  await page.goto(`/orders/${number}`);
  const shipments = page.getByTestId("shipment-status");
  await expect(shipments.filter({ hasText: "已发货" })).toContainText("773012345678901");
  await expect(shipments.filter({ hasText: "待发货" })).toHaveCount(1);
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "PAID"); // shipped when every part has left
});

test("a price that changed after the cart was filled is shown before anything is charged", async ({ page }) => {
  const { gangu } = await twoProducts();
  await addToCart(page, gangu.slug, 1);
  await page.goto("/checkout");
  await e2eDb().product.update({ where: { id: gangu.id }, data: { priceFen: 13800 } });
  await fillAddress(page);
  await page.getByLabel("邮箱").fill(`late-${Date.now()}@example.test`);
  await page.getByRole("button", { name: /去支付/ }).click();
  await expect(page.locator("form").getByRole("alert")).toContainText("价格变了");
  await page.getByRole("link", { name: "回购物车修改" }).click();
  await expect(page.getByText("价格变了：加入时 ¥128.00，现在 ¥138.00")).toBeVisible();
  expect((await e2eDb().product.findUniqueOrThrow({ where: { id: gangu.id } })).stock).toBe(20);
});
