import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

// No serious or critical accessibility violations on the main pages, in both languages.
const pages = ["/", "/products", "/products?county=620523&category=CHILI", "/counties/620523", "/about", "/en", "/en/products"];

for (const path of pages) {
  test(`no serious accessibility violations on ${path} @phone`, async ({ page }) => {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(
      serious.map(
        (v) =>
          `${v.id}: ${v.help} (${v.nodes
            .map((n) => n.target.join(" "))
            .slice(0, 3)
            .join(", ")})`,
      ),
    ).toEqual([]);
  });
}

test("a product and an operator page have no serious accessibility violations", async ({ page }) => {
  await page.goto("/products");
  await page.locator("main ul li a").first().click();
  await expect(page).toHaveURL(/\/products\//);
  let results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await page.locator("main a[href*='/operators/']").first().click();
  await expect(page).toHaveURL(/\/operators\//);
  results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
});
