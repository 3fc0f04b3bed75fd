// The address book on a phone: a fresh shopper adds two addresses on the account page, makes the
// second the default, and finds it chosen at checkout.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { hashPassword } from "../lib/auth/password";
import { makeProductIn } from "../tests/support/shop-data";
import { signInAs } from "./support/auth";
import { closeE2eDb, e2eDb } from "./support/db";

test.afterAll(closeE2eDb);

async function fillAddress(page: Page, a: { recipient: string; city: string; district: string; street: string }) {
  await page.getByLabel("收货人").fill(a.recipient);
  await page.getByLabel("手机号码").fill("139 1234 5678");
  await page.getByLabel("省份").selectOption("甘肃省");
  await page.getByLabel("城市").selectOption(a.city);
  await page.getByLabel("区县").selectOption(a.district);
  await page.getByLabel("详细地址").fill(a.street);
  await page.getByRole("button", { name: "保存地址" }).click();
}

test("a shopper keeps two addresses, makes the second the default, and checkout preselects it @phone-only", async ({ page }) => {
  const email = `book-${Date.now()}@example.test`;
  const password = `pw-${Date.now()}-long`;
  await e2eDb().user.create({ data: { email, name: "地址簿测试", role: "SHOPPER", passwordHash: await hashPassword(password) } });
  const product = await makeProductIn(e2eDb(), "dazhuang-chili-coop", { stock: 5 });
  await signInAs(page, email, password);

  await page.goto("/account");
  await page.getByTestId("addresses-link").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("收货地址");
  // An empty book opens the form at once.
  await fillAddress(page, { recipient: "王小明", city: "天水市", district: "甘谷县", street: "大像山镇人民路 12 号" });
  const entries = page.getByTestId("address-entry");
  await expect(entries).toHaveCount(1);
  await expect(entries.first()).toHaveAttribute("data-default", "true");

  await page.getByTestId("add-address").click();
  await fillAddress(page, { recipient: "李华", city: "兰州市", district: "城关区", street: "庆阳路 100 号 3 单元 502" });
  await expect(entries).toHaveCount(2);
  await entries.filter({ hasText: "李华" }).getByRole("button", { name: "设为默认", exact: true }).click();
  // The default is listed first.
  await expect(entries.first()).toContainText("李华");
  await expect(entries.first()).toHaveAttribute("data-default", "true");
  await expect(entries.filter({ hasText: "王小明" })).not.toHaveAttribute("data-default", "true");
  const axe = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);

  await page.goto(`/checkout?buy=${product.id}&qty=1`);
  const chosen = page.getByTestId("saved-address").filter({ hasText: "李华" });
  await expect(chosen.getByRole("radio")).toBeChecked();
  await expect(page.getByLabel("收货人")).toHaveCount(0); // nothing to type
  await page.getByTestId("new-address").check();
  await expect(page.getByLabel("收货人")).toBeVisible();
});
