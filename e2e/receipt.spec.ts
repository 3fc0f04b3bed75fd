import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { orderPath } from "../lib/orders/access";
import { placeOrder } from "../lib/orders/checkout";
import { confirmPayment } from "../lib/orders/fulfilment";
import { markShipped } from "../lib/orders/shipping";
import { loadActor } from "../lib/auth/load-actor";
import { demoProvider } from "../lib/payments/demo";
import { cartOf, makeProductIn } from "../tests/support/shop-data";
import { closeE2eDb, e2eDb } from "./support/db";

// 确认收货 on the production build: a guest's paid order, shipped by the cooperative (in the
// set-up, through the shipping code), opened from the order's link; the buyer confirms receipt.

test.afterAll(async () => {
  await closeE2eDb();
});

async function shippedGuestOrder() {
  const db = e2eDb();
  const product = await makeProductIn(db, "dazhuang-chili-coop", { sameSeller: true, stock: 10, priceFen: 4200 });
  const placed = await placeOrder(db, cartOf([{ ...product, quantity: 1 }]), {
    actor: null,
    provider: demoProvider,
    origin: "http://localhost",
    locale: "zh-CN",
  });
  await confirmPayment(db, { orderId: placed.orderId });
  const shipment = await db.shipment.findFirstOrThrow({ where: { orderId: placed.orderId } });
  const admin = await loadActor(db, "seed-user-admin");
  await markShipped(db, { shipmentId: shipment.id, carrier: "SF", trackingNo: "SF1357924680" }, admin);
  return { number: placed.number, path: orderPath(placed.number, placed.orderId) };
}

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
