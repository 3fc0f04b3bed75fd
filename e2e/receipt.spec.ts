import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { closeE2eDb, e2eDb } from "./support/db";
import { shippedGuestOrder } from "./support/shipped-order";

// 确认收货 on the production build: a guest's paid order, shipped by the cooperative (in the
// set-up, through the shipping code), opened from the order's link; the buyer confirms receipt.

test.afterAll(async () => {
  await closeE2eDb();
});

test("the buyer confirms receipt of a shipped parcel from the order page @phone", async ({ page }) => {
  const order = await shippedGuestOrder();
  await page.goto(order.path);
  const shipment = page.getByTestId("shipment");
  await expect(shipment.getByTestId("shipment-status")).toContainText("已发货");
  await expect(shipment).toContainText("发货 10 天后将自动确认");
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical")).toEqual([]);
  await shipment.getByRole("button", { name: "确认收货" }).click();
  await expect(shipment.getByTestId("shipment-status")).toContainText("已签收");
  await expect(shipment.getByRole("button", { name: "确认收货" })).toHaveCount(0);
  const row = await e2eDb().order.findUniqueOrThrow({ where: { number: order.number }, select: { status: true } });
  expect(row.status).toBe("DELIVERED");
});
