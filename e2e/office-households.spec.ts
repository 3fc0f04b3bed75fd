import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../prisma/demo-accounts";
import { signInAs } from "./support/auth";
import { closeE2eDb, e2eDb } from "./support/db";

// The county office's household registry (建档立卡户) on the production build: the Gangu officer
// finds a household by its registry code, sees its ID number masked, reveals it with a reason and
// sees the number once and the reveal in the history. The Sunan officer gets the 404 page for it.

const demo = (key: string) => DEMO_ACCOUNTS.find((a) => a.key === key)!;
const OFFICER_GANGU = demo("officer-gangu");
const OFFICER_SUNAN = demo("officer-sunan");

async function ganguHousehold() {
  return e2eDb().household.findFirstOrThrow({ where: { countyId: "620523" }, orderBy: { registryCode: "asc" } });
}

test.afterAll(async () => {
  await closeE2eDb();
});

test.describe("office households", () => {
  test("the Gangu officer finds a household, reveals its ID number with a reason; the Sunan officer gets 404 @phone", async ({
    page,
    browser,
  }, testInfo) => {
    test.setTimeout(60_000);
    const household = await ganguHousehold();
    const reason = `核对分红发放身份 ${testInfo.project.name}-${Date.now().toString(36)}`;

    await signInAs(page, OFFICER_GANGU.email, OFFICER_GANGU.password);
    await page.goto("/office/households");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("建档立卡户");
    await expect(page.getByTestId("household-row").first()).toBeVisible();

    const search = page.getByTestId("household-search");
    await search.getByLabel("户编号").fill(household.registryCode);
    await search.getByRole("button", { name: "查找" }).click();
    await expect(page).toHaveURL(new RegExp(`code=${household.registryCode}`));
    const row = page.getByTestId("household-row").filter({ hasText: household.registryCode });
    await expect(row).toHaveCount(1);
    await expect(row.getByTestId("household-masked-id")).toHaveText(household.idNumberMasked);
    await row.getByRole("link", { name: household.registryCode }).click();

    await expect(page).toHaveURL(new RegExp(`/office/households/${household.id}$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText(household.registryCode);
    await expect(page.getByTestId("household-masked-id")).toHaveText(household.idNumberMasked);
    await expect(page.getByTestId("household-head")).toHaveText(household.headName);

    // Without a reason: refused, nothing shown.
    const reveal = page.getByTestId("reveal-form");
    await reveal.getByRole("button", { name: "显示身份证号" }).click();
    await expect(reveal.getByRole("alert")).toContainText("请写明查看身份证号的原因");
    await expect(page.getByTestId("revealed-id")).toHaveCount(0);

    await reveal.getByLabel("查看原因").fill(reason);
    await reveal.getByRole("button", { name: "显示身份证号" }).click();
    const shown = page.getByTestId("revealed-id");
    await expect(shown).toHaveText(/^\d{17}[\dX]$/);
    const id = (await shown.textContent())!;
    expect(`${id.slice(0, 4)}**********${id.slice(14)}`).toBe(household.idNumberMasked);
    await expect(page.getByTestId("reveal-history")).toContainText(reason);

    // The Sunan officer: the 404 page for this Gangu household, in both languages.
    const sunan = await browser.newContext();
    const sunanPage = await sunan.newPage();
    await signInAs(sunanPage, OFFICER_SUNAN.email, OFFICER_SUNAN.password);
    for (const path of [`/office/households/${household.id}`, `/en/office/households/${household.id}`]) {
      const response = await sunanPage.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(sunanPage.getByText(household.headName)).toHaveCount(0);
    }
    await sunanPage.goto(`/office/households?code=${household.registryCode}`);
    await expect(sunanPage.getByTestId("households-empty")).toBeVisible();
    await sunan.close();
  });

  test("before the page's scripts run, the reveal form cannot be sent by the browser itself (its fields would go into the address)", async ({
    page,
  }) => {
    const household = await ganguHousehold();
    await signInAs(page, OFFICER_GANGU.email, OFFICER_GANGU.password);
    // The page's own scripts never arrive: it stays as the server sent it, as on a slow phone before hydration.
    await page.route(/\/_next\/static\/chunks\//, (route) => route.abort());
    const sent: string[] = [];
    page.on("request", (request) => {
      if (request.url().includes("reason=")) sent.push(request.url());
    });
    await page.goto(`/office/households/${household.id}`);
    const reveal = page.getByTestId("reveal-form");
    await expect(reveal.getByRole("button", { name: "显示身份证号" })).toBeDisabled();
    await reveal.getByLabel("查看原因").fill("核对分红发放身份");
    await reveal.getByLabel("查看原因").press("Enter"); // a disabled default button: no implicit submission
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
    expect(sent).toEqual([]);
    expect(page.url()).not.toContain("reason=");
  });

  test("no serious accessibility violations on the household list and a household page", async ({ page }) => {
    const household = await ganguHousehold();
    await signInAs(page, OFFICER_GANGU.email, OFFICER_GANGU.password);
    for (const path of ["/office/households", `/en/office/households/${household.id}`]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(
        serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
        path,
      ).toEqual([]);
    }
  });
});
