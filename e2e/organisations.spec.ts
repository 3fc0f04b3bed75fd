// A budget unit's purchasing manager (demo account `unit`) declares this year's canteen budget and
// sees the 预留份额 progress move after a paid order bought for the unit at checkout (the
// organisation is preselected: the manager has one). Desktop only; the product is made for this
// spec. The budget's bad input is tests/organisations.test.ts's.
import { expect, test } from "@playwright/test";
import { formatFen } from "../lib/money";
import { makeProductIn } from "../tests/support/shop-data";
import { signInAs } from "./support/auth";
import { closeE2eDb, e2eDb } from "./support/db";

test.afterAll(closeE2eDb);

const fenOf = (text: string) => Number(text.replace(/[^\d]/g, ""));

test("a budget unit's manager declares the canteen budget and sees the quota progress move after a paid order", async ({ page }) => {
  const product = await makeProductIn(e2eDb(), "dazhuang-chili-coop", { stock: 50, priceFen: 250_000 });
  await signInAs(page, "unit@demo.xiaokang.test", "Demo-2026-unit");
  await page.goto("/org");
  await expect(page).toHaveURL(/\/org\/seed-org-unit$/);

  const form = page.getByTestId("budget-form");
  const budget = form.getByLabel(/食堂食材采购预算（元）/);
  await budget.fill("1,000,000");
  await form.getByRole("button").click();
  await expect(form.getByRole("status")).toContainText("已保存");
  await page.reload();
  await expect(page.getByTestId("budget")).toHaveText("¥1,000,000.00");
  await expect(page.getByTestId("quota-amount")).toHaveText("¥100,000.00");
  const counted = fenOf((await page.getByTestId("counted").textContent()) ?? "");
  const progress = page.getByRole("progressbar", { name: "预留份额完成进度" });
  const before = Number(await progress.getAttribute("aria-valuenow"));

  // Buy now for the unit: four boxes at ¥2,500.
  await page.goto(`/checkout?buy=${product.id}&qty=4`);
  await expect(page.getByRole("radio", { name: /兰州市演示事务服务中心/ })).toBeChecked();
  await page.getByLabel("收货人").fill("马师傅");
  await page.getByLabel("手机号码").fill("139 0002 1101");
  await page.getByLabel("省份").selectOption("甘肃省");
  await page.getByLabel("城市").selectOption("兰州市");
  await page.getByLabel("区县").selectOption("城关区");
  await page.getByLabel("详细地址").fill("南昌路 1680 号 职工食堂");
  await page.getByRole("button", { name: /去支付/ }).click();
  await expect(page).toHaveURL(/\/checkout\/demo\/XK/);
  await page.getByRole("button", { name: /确认支付/ }).click();
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "PAID");
  const number = page.url().match(/orders\/(XK\w+)/)![1]!;

  await page.goto("/org/seed-org-unit");
  await expect(page.getByTestId("counted")).toHaveText(formatFen(counted + 1_000_000));
  expect(Number(await progress.getAttribute("aria-valuenow"))).toBeGreaterThan(before);
  await expect(page.getByTestId("remaining")).toContainText(formatFen(Math.max(0, 10_000_000 - counted - 1_000_000)));
  await expect(page.getByTestId("organisation-order").filter({ hasText: number })).toContainText("单位采购");
});
