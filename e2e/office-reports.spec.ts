import { readFileSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { periodInstants, parseQuarter, parseYear, type Period } from "../lib/reports/periods";
import { formatFen } from "../lib/money";
import { generateOrders } from "../prisma/seed-orders";
import { DEMO_ACCOUNTS } from "../prisma/demo-accounts";
import { signInAs } from "./support/auth";
import { closeE2eDb, e2eDb } from "./support/db";

// The county office's reports on the production build. Orders of the last two years are written
// by the volume generator (prisma/seed-orders.ts: the payment's own ledger computation and rollup
// functions); the Gangu officer opens the report, changes the period to a quarter, and downloads
// the breakdown by township as CSV, whose numbers and header lines match the page.

const OFFICER_GANGU = DEMO_ACCOUNTS.find((a) => a.key === "officer-gangu")!;
const GANGU = "620523";

/** Gangu's sales of a period straight from the order lines (not through lib/reports). */
async function salesOf(period: Period) {
  const { start, end } = periodInstants(period);
  const rows = await e2eDb().$queryRaw<{ all: bigint | null; assist: bigint | null }[]>`
    SELECT SUM(l."netFen" - l."refundedFen")::bigint AS "all",
           SUM(l."netFen" - l."refundedFen") FILTER (WHERE l."certifiedAtSale")::bigint AS assist
    FROM "OrderLine" l JOIN "Order" o ON o.id = l."orderId" JOIN "Product" p ON p.id = l."productId"
    WHERE o."paidAt" >= ${start} AND o."paidAt" < ${end} AND p."countyId" = ${GANGU}`;
  return { all: Number(rows[0]?.all ?? 0), assist: Number(rows[0]?.assist ?? 0) };
}

const yuan = (fen: number) => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, "0")}`;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  await generateOrders(e2eDb(), { lines: 500, add: true, countyIds: [GANGU, "620721"], payouts: false, bulk: false });
});

test.afterAll(async () => {
  await closeE2eDb();
});

test("the Gangu officer opens the reports, changes the period, and downloads a table", async ({ page }) => {
  test.setTimeout(90_000);
  const now = new Date(Date.now() + 8 * 3_600_000);
  const thisYear = parseYear(String(now.getUTCFullYear()))!;
  const lastQuarter = parseQuarter(`${now.getUTCFullYear() - 1}-Q4`)!;
  const [yearSales, quarterSales] = [await salesOf(thisYear), await salesOf(lastQuarter)];
  expect(quarterSales.all, "the generator wrote sales in last year's fourth quarter").toBeGreaterThan(0);

  await signInAs(page, OFFICER_GANGU.email, OFFICER_GANGU.password);
  await page.goto("/office");
  await page.getByRole("navigation", { name: "县级后台栏目" }).getByRole("link", { name: "统计报表" }).click();
  await expect(page).toHaveURL(/\/office\/reports$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("统计报表");
  await expect(page.getByTestId("report-scope")).toContainText(`甘谷县 · ${thisYear.value}年`);
  await expect(page.getByTestId("fig-total-value")).toHaveText(formatFen(yearSales.all));
  await expect(page.getByTestId("fig-assist-value")).toHaveText(formatFen(yearSales.assist));
  if (yearSales.all > 0) await expect(page.getByTestId("trend-chart")).toBeVisible();

  const axe = await new AxeBuilder({ page }).include("main").analyze();
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // A quarter: the kind of period first, then which quarter.
  const filters = page.getByTestId("report-filters");
  await filters.getByLabel("统计期间").selectOption("quarter");
  await filters.getByLabel("季度", { exact: true }).selectOption(lastQuarter.value);
  await filters.getByRole("button", { name: "查看" }).click();
  await expect(page).toHaveURL(new RegExp(`period=quarter&quarter=${lastQuarter.value}`));
  await expect(page.getByTestId("report-period")).toHaveText(`${lastQuarter.from.slice(0, 4)}年第4季度`);
  await expect(page.getByTestId("fig-total-value")).toHaveText(formatFen(quarterSales.all));

  // The townships as CSV: the same total as the page, the period in the header.
  const regions = page.getByTestId("section-regions");
  await expect(regions.getByTestId("total-regions")).toContainText(formatFen(quarterSales.all));
  const [download] = await Promise.all([page.waitForEvent("download"), regions.getByTestId("export-csv").click()]);
  expect(download.suggestedFilename()).toMatch(/\.csv$/);
  const bytes = readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = bytes.toString("utf8").slice(1).split("\r\n");
  expect(lines[1]).toBe("统计范围,甘谷县");
  expect(lines[2]).toBe(`统计期间,${lastQuarter.from.slice(0, 4)}年第4季度 (${lastQuarter.from} – ${lastQuarter.to})`);
  expect(lines[3]).toBe("筛选条件,无");
  const total = lines.find((l) => l.startsWith(",合计,"))!;
  expect(total.split(",").slice(2, 4)).toEqual([yuan(quarterSales.assist), yuan(quarterSales.all)]);

  // The summary for reporting upward: the same quarter, on one A4 page when printed.
  await page.getByTestId("print-link").click();
  await expect(page).toHaveURL(new RegExp(`/office/reports/print\\?.*quarter=${lastQuarter.value}`));
  await expect(page.getByTestId("print-scope")).toContainText(`甘谷县 · ${lastQuarter.from.slice(0, 4)}年第4季度`);
  await expect(page.getByTestId("print-figures")).toContainText(formatFen(quarterSales.all));
  await page.emulateMedia({ media: "print" });
  const pdf = (await page.pdf({ format: "A4", preferCSSPageSize: true })).toString("latin1");
  expect(pdf.match(/\/Type\s*\/Page[^s]/g), "pages of the printed summary").toHaveLength(1);
});
