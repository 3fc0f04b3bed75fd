import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { formatFen } from "../lib/money";
import { confirmPayment } from "../lib/orders/fulfilment";
import { DEMO_ACCOUNTS } from "../prisma/demo-accounts";
import { orderDefaults } from "../tests/support/orders";
import { makeProductIn } from "../tests/support/shop-data";
import { signInAs } from "./support/auth";
import { closeE2eDb, e2eDb } from "./support/db";

// 东西部协作 on the county's report: the Dongli district's buying office (Gangu's pairing partner in
// the seed report) buys from a Gangu cooperative, and the Gangu officer sees the purchase in the
// report's pairing table. The organisation checkout is another change (and the checkout module reads
// a JSON file Playwright's loader cannot import): the order row is written here as checkout writes
// it, with the organisation and the PAIRING channel, then paid through the one "paid" path.

const OFFICER_GANGU = DEMO_ACCOUNTS.find((a) => a.key === "officer-gangu")!;
const DONGLI = "seed-org-dongli";
const GANGU = "620523";

/** This year's purchases of Dongli from Gangu, straight from the order lines (not through lib/reports). */
async function dongliFromGangu() {
  const year = new Date(Date.now() + 8 * 3_600_000).getUTCFullYear();
  const rows = await e2eDb().$queryRaw<{ all: bigint | null }[]>`
    SELECT SUM(l."netFen" - l."refundedFen")::bigint AS "all"
    FROM "OrderLine" l JOIN "Order" o ON o.id = l."orderId" JOIN "Product" p ON p.id = l."productId"
    WHERE o."organisationId" = ${DONGLI} AND p."countyId" = ${GANGU}
      AND o."paidAt" >= ${new Date(`${year}-01-01T00:00:00+08:00`)} AND o."paidAt" < ${new Date(`${year + 1}-01-01T00:00:00+08:00`)}`;
  return Number(rows[0]?.all ?? 0);
}

test.afterAll(async () => {
  await closeE2eDb();
});

test("the Dongli partner's purchase from Gangu shows in the Gangu officer's pairing table", async ({ page }) => {
  test.setTimeout(60_000);
  const db = e2eDb();
  const product = await makeProductIn(db, "dazhuang-chili-coop", { priceFen: 4321 });
  const partner = await db.user.findUniqueOrThrow({ where: { email: DEMO_ACCOUNTS.find((a) => a.key === "partner")!.email } });
  const order = await db.order.create({
    data: {
      ...orderDefaults(),
      number: `XK${randomBytes(6).toString("hex").toUpperCase()}`,
      userId: partner.id,
      email: partner.email,
      channel: "PAIRING",
      organisationId: DONGLI,
      totalFen: 3 * 4321,
      lines: {
        create: [
          {
            productId: product.id,
            operatorId: product.operatorId,
            quantity: 3,
            unitPriceFen: 4321,
            netFen: 3 * 4321,
            certifiedAtSale: true,
          },
        ],
      },
    },
    select: { id: true },
  });
  expect((await confirmPayment(db, { orderId: order.id })).result).toBe("applied");
  const bought = await dongliFromGangu();
  expect(bought).toBeGreaterThanOrEqual(3 * 4321);

  await signInAs(page, OFFICER_GANGU.email, OFFICER_GANGU.password);
  await page.goto("/office/reports");
  const pairings = page.getByTestId("section-pairings");
  await expect(pairings.getByRole("heading", { name: "东西部协作采购" })).toBeVisible();
  const row = pairings.getByTestId("row-pairings").filter({ hasText: "东丽区" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("甘谷县");
  await expect(row).toContainText(formatFen(bought));
  // The same purchase in the buyers' table, under the partner's kind.
  await expect(page.getByTestId("section-buyers").getByTestId("row-buyers").filter({ hasText: "东丽区" })).toContainText(
    "东西部协作/定点帮扶单位",
  );
});
