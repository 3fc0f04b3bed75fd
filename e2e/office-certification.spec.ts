import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../prisma/demo-accounts";
import { signInAs } from "./support/auth";
import { closeE2eDb, e2eDb } from "./support/db";

// The county office console on the production build: the Gangu officer finds a product a Gangu
// manager submitted in the certification queue, certifies it on its review page, and the
// storefront shows the 消费帮扶产品 badge at once. The Sunan officer gets the 404 page for it.

const demo = (key: string) => DEMO_ACCOUNTS.find((a) => a.key === key)!;
const OFFICER_GANGU = demo("officer-gangu");
const OFFICER_SUNAN = demo("officer-sunan");
const created: string[] = [];

/** A listed product of the Gangu chili cooperative, submitted for certification by its manager. */
async function submittedProduct(tag: string) {
  const db = e2eDb();
  const template = await db.product.findFirstOrThrow({ where: { operator: { slug: "dazhuang-chili-coop" } }, orderBy: { slug: "asc" } });
  const { id, slug, createdAt, updatedAt, soldCount, certifiedUntil, reviewNote, ...copy } = template;
  void [id, createdAt, updatedAt, soldCount, certifiedUntil, reviewNote];
  const product = await db.product.create({
    data: {
      ...copy,
      slug: `${slug}-office-${tag}`.toLowerCase(),
      nameZh: `认定测试辣椒 ${tag}`,
      nameEn: `Certification test chili ${tag}`,
      status: "PENDING_CERTIFICATION",
      listed: true,
      stock: 10,
      isDemo: false,
    },
  });
  await db.auditLog.create({
    data: { userId: "seed-user-manager-gangu", action: "product.submit", entity: "Product", entityId: product.id, detail: {} },
  });
  created.push(product.id);
  return product;
}

test.afterAll(async () => {
  // Out of the demo catalogue again for the other specs (audit rows keep the products).
  await e2eDb().product.updateMany({ where: { id: { in: created } }, data: { listed: false } });
  await closeE2eDb();
});

test.describe("office certification", () => {
  test("the Gangu officer certifies a submitted product and the storefront shows the badge at once @phone", async ({
    page,
    browser,
  }, testInfo) => {
    test.setTimeout(60_000);
    const tag = `${testInfo.project.name}${Date.now().toString(36).slice(-5)}`;
    const product = await submittedProduct(tag);

    // Before: the storefront page (now cached) shows it as not certified.
    await page.goto(`/products/${product.slug}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(product.nameZh);
    await expect(page.locator("main").getByText("尚未认定", { exact: true })).toBeVisible();
    await expect(page.locator("main").getByText("✓ 消费帮扶产品")).toHaveCount(0);

    await signInAs(page, OFFICER_GANGU.email, OFFICER_GANGU.password);
    await page.goto("/office");
    await expect(page).toHaveURL(/\/office\/certification$/);
    await expect(page.getByTestId("office-county")).toHaveText("甘谷县");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("消费帮扶产品认定");
    const item = page.getByTestId("queue-item").filter({ hasText: product.nameZh });
    await expect(item).toHaveCount(1);
    await expect(item).toContainText("大庄村");
    await expect(item.getByTestId("price-yardstick")).toContainText("均价");
    await expect(item.getByTestId("links-summary")).toContainText("建档立卡户");
    await item.getByTestId("review-link").click();

    await expect(page).toHaveURL(new RegExp(`/office/certification/${product.id}$`));
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(product.nameZh);
    await expect(page.getByTestId("review-status")).toHaveText("待认定");
    await expect(page.getByTestId("audit-history")).toContainText("提交认定");

    // A reason is required to refuse; the refusal changes nothing.
    const reject = page.getByTestId("reject-form");
    await reject.getByRole("button", { name: "不予认定" }).click();
    await expect(reject.getByRole("alert")).toContainText("请写明原因");
    expect((await e2eDb().product.findUniqueOrThrow({ where: { id: product.id } })).status).toBe("PENDING_CERTIFICATION");

    // Certify with the default validity (one year).
    const certify = page.getByTestId("certify-form");
    await expect(certify.getByLabel("认定有效期至")).not.toHaveValue("");
    await certify.getByRole("button", { name: "认定为消费帮扶产品" }).click();
    await expect(page.getByTestId("review-status")).toHaveText("消费帮扶产品");
    await expect(page.getByTestId("audit-history")).toContainText("认定为消费帮扶产品");
    await expect(page.getByTestId("revoke-form")).toBeVisible();
    const after = await e2eDb().product.findUniqueOrThrow({ where: { id: product.id } });
    expect(after.status).toBe("CERTIFIED");
    expect(after.certifiedUntil!.getTime()).toBeGreaterThan(Date.now() + 360 * 86_400_000);

    // The storefront shows the badge at once.
    await page.goto(`/products/${product.slug}`);
    await expect(page.locator("main").getByText("✓ 消费帮扶产品")).toBeVisible();

    // The Sunan officer: the 404 page for this Gangu product, in both languages.
    const sunan = await browser.newContext();
    const sunanPage = await sunan.newPage();
    await signInAs(sunanPage, OFFICER_SUNAN.email, OFFICER_SUNAN.password);
    await sunanPage.goto("/office/certification?status=certified");
    await expect(sunanPage.getByTestId("office-county")).toHaveText("肃南裕固族自治县");
    await expect(sunanPage.getByText(product.nameZh)).toHaveCount(0);
    for (const path of [`/office/certification/${product.id}`, `/en/office/certification/${product.id}`]) {
      const response = await sunanPage.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(sunanPage.getByTestId("not-found")).toBeVisible();
    }
    await sunan.close();
  });

  test("signed out → sign in; a shopper or a manager → 404", async ({ page, browser }) => {
    await page.goto("/office/certification");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Foffice$/);
    // Each persona in a browser of its own: on a shared page, the previous page's background
    // session fetch could land after the cookies were cleared.
    for (const key of ["shopper", "manager-gangu"]) {
      const context = await browser.newContext();
      const other = await context.newPage();
      await signInAs(other, demo(key).email, demo(key).password);
      const response = await other.goto("/office/certification");
      expect(response?.status(), key).toBe(404);
      await context.close();
    }
  });

  test("no serious accessibility violations on the queue and a review page", async ({ page }) => {
    const product = await submittedProduct(`axe${Date.now().toString(36).slice(-5)}`);
    await signInAs(page, OFFICER_GANGU.email, OFFICER_GANGU.password);
    for (const path of ["/office/certification", `/en/office/certification/${product.id}`, "/office/certification?status=certified"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(
        serious.map(
          (v) =>
            `${path} ${v.id}: ${v.nodes
              .map((n) => n.target.join(" "))
              .slice(0, 3)
              .join(", ")}`,
        ),
      ).toEqual([]);
    }
  });
});
