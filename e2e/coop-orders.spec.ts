import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { confirmPayment } from "../lib/orders/fulfilment";
import { DEMO_ACCOUNTS } from "../prisma/demo-accounts";
import { signInAs } from "./support/auth";
import { closeE2eDb, e2eDb } from "./support/db";

// The cooperative console's orders on the production build: a shopper's order is paid (in the
// set-up, through the payment code), the Gangu manager finds it under "to ship", ships
// it with a carrier and a tracking number, finds it under "shipped", and refunds one line with the
// goods back in stock, after a refusal in plain Chinese.

const GANGU = "dazhuang-chili-coop";
const manager = DEMO_ACCOUNTS.find((a) => a.key === "manager-gangu")!;

test.afterAll(async () => {
  await closeE2eDb();
});

/** A listed, certified product of the Gangu cooperative of its own (a copy of a demo product). */
async function ownProduct(priceFen: number, stock: number) {
  const db = e2eDb();
  const template = await db.product.findFirstOrThrow({ where: { operator: { slug: GANGU }, listed: true }, orderBy: { slug: "asc" } });
  const tag = randomBytes(3).toString("hex");
  return db.product.create({
    data: {
      slug: `e2e-order-${tag}`,
      operatorId: template.operatorId,
      nameZh: `发货测试辣椒${tag}`,
      nameEn: `Shipping test chili ${tag}`,
      category: template.category,
      unitZh: template.unitZh,
      unitEn: template.unitEn,
      specZh: template.specZh,
      specEn: template.specEn,
      priceFen,
      stock,
      status: "CERTIFIED",
      listed: true,
      villageId: template.villageId,
      townshipId: template.townshipId,
      countyId: template.countyId,
    },
    select: { id: true, operatorId: true, nameZh: true, priceFen: true },
  });
}

/**
 * A guest's order of two products, paid. The order row is written here as checkout writes it (the
 * checkout module reads a JSON file Playwright's loader cannot import), then paid through
 * confirmPayment, which writes the allocations, the settlement entries and the shipment.
 */
async function paidOrder() {
  const db = e2eDb();
  // Stock 8 left after the 2 units this order holds (checkout takes them off when it reserves).
  const [first, second] = [await ownProduct(3850, 8), await ownProduct(1990, 9)];
  const number = `XK${randomBytes(5).toString("hex").toUpperCase()}`;
  const order = await db.order.create({
    data: {
      number,
      checkoutKey: randomBytes(16).toString("base64url"),
      email: "e2e-buyer@example.test",
      totalFen: 2 * first.priceFen + second.priceFen,
      recipient: "测试收货人",
      mobile: "13912345678",
      province: "北京市",
      city: "市辖区",
      district: "海淀区",
      address: "中关村大街 1 号 e2e",
      paymentProvider: "demo",
      reservedUntil: new Date(Date.now() + 30 * 60_000),
      lines: {
        create: [
          {
            productId: first.id,
            operatorId: first.operatorId,
            quantity: 2,
            unitPriceFen: first.priceFen,
            netFen: 2 * first.priceFen,
            certifiedAtSale: true,
          },
          {
            productId: second.id,
            operatorId: second.operatorId,
            quantity: 1,
            unitPriceFen: second.priceFen,
            netFen: second.priceFen,
            certifiedAtSale: true,
          },
        ],
      },
    },
    select: { id: true },
  });
  expect((await confirmPayment(db, { orderId: order.id })).result).toBe("applied");
  return { number, first, second };
}

const rowOf = (page: Page, number: string) => page.getByTestId("order-row").filter({ hasText: number });

test("the Gangu manager ships an order with a tracking number and refunds one line with the goods back in stock @phone", async ({
  page,
}) => {
  const { number, first } = await paidOrder();
  await signInAs(page, manager.email, manager.password);

  // To ship: the order is listed with the recipient and the city, never the mobile or the street.
  await page.goto(`/coop/${GANGU}/orders`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("订单");
  await expect(page.getByRole("navigation", { name: "按发货状态筛选" }).getByRole("link", { name: /待发货/ })).toHaveAttribute(
    "aria-current",
    "page",
  );
  const row = rowOf(page, number);
  await expect(row).toContainText("收货人：测试收货人（北京市）");
  await expect(row).toContainText(first.nameZh);
  await expect(row).toContainText("¥96.90"); // 2 × ¥38.50 + ¥19.90
  await expect(row).not.toContainText("13912345678");
  await expect(row).not.toContainText("中关村");

  // The order's page shows the full address for shipping.
  await row.getByRole("link", { name: `给订单 ${number} 发货` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(number);
  await expect(page.getByTestId("order-address")).toContainText("13912345678");
  await expect(page.getByTestId("order-address")).toContainText("中关村大街 1 号 e2e");

  const ship = page.getByTestId("ship-form");
  await ship.getByRole("button", { name: "确认发货" }).click();
  await expect(ship.getByText("请选择快递公司。")).toBeVisible();
  await ship.getByLabel("快递公司").selectOption({ label: "顺丰速运" });
  await ship.getByLabel("快递单号").fill("sf 1234 5678 901");
  await ship.getByRole("button", { name: "确认发货" }).click();
  await expect(page.getByTestId("shipment-tracking")).toHaveText("已交给顺丰速运，快递单号 SF12345678901");
  await expect(page.getByTestId("shipment-status")).toHaveText("已发货");

  // Shipped: the order has moved to the second tab, with its carrier and tracking number.
  await page.getByRole("link", { name: "订单", exact: true }).first().click();
  await page
    .getByRole("navigation", { name: "按发货状态筛选" })
    .getByRole("link", { name: /已发货/ })
    .click();
  await expect(page).toHaveURL(/tab=shipped/);
  await expect(rowOf(page, number).getByTestId("order-tracking")).toHaveText("顺丰速运 SF12345678901");

  // Refund one line (one of its two units), the goods back in stock.
  await rowOf(page, number)
    .getByRole("link", { name: `查看订单 ${number}` })
    .click();
  const line = page.getByTestId("refund-line").filter({ hasText: first.nameZh });
  const amount = line.getByLabel("退款金额（元）");
  await expect(amount).toHaveValue("77.00");
  await amount.fill("100");
  page.once("dialog", (dialog) => void dialog.accept());
  await line.getByRole("button", { name: `为“${first.nameZh}”退款` }).click();
  await expect(line.getByRole("alert")).toHaveText("退款金额超过了可退金额，这件商品最多还能退 ¥77.00。");
  await expect(amount).toHaveValue("100"); // what was typed stays

  await amount.fill("¥38.50");
  await line.getByLabel("货物退回库存").check();
  await line.getByLabel(/退回数量/).fill("1");
  let asked = "";
  page.once("dialog", (dialog) => {
    asked = dialog.message();
    void dialog.accept();
  });
  await line.getByRole("button", { name: `为“${first.nameZh}”退款` }).click();
  const history = page.getByTestId("refund-history");
  await expect(history.getByTestId("refund-item")).toHaveCount(1);
  await expect(history).toContainText("¥38.50");
  await expect(history).toContainText("已退款");
  await expect(history).toContainText("退回库存 1");
  expect(asked).toContain("¥38.50");
  await expect(page.getByTestId("order-lines")).toContainText("已退 ¥38.50");
  await expect(line.getByLabel("退款金额（元）")).toHaveValue("38.50"); // what is left of the line

  const after = await e2eDb().product.findUniqueOrThrow({ where: { id: first.id }, select: { stock: true } });
  expect(after.stock).toBe(9); // 8 on the shelf after the sale, 1 back
});

test("the orders, an order's page and the settlement page have no serious accessibility violations @phone", async ({ page }) => {
  await signInAs(page, manager.email, manager.password);
  const serious = async () =>
    (await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze()).violations
      .filter((v) => v.impact === "serious" || v.impact === "critical")
      .map(
        (v) =>
          `${v.id}: ${v.nodes
            .map((n) => n.target.join(" "))
            .slice(0, 3)
            .join(", ")}`,
      );
  // The demo data has orders in every state.
  await page.goto(`/coop/${GANGU}/orders?tab=all`);
  await expect(page.getByTestId("order-row").first()).toBeVisible();
  expect(await serious()).toEqual([]);
  await page.getByTestId("order-row").first().getByRole("link").first().click();
  await expect(page.getByTestId("shipping-panel")).toBeVisible();
  expect(await serious()).toEqual([]);
  await page.goto(`/en/coop/${GANGU}/settlement`);
  await expect(page.getByTestId("settlement-owed")).toContainText("¥");
  expect(await serious()).toEqual([]);
});
