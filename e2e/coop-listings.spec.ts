import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { certifyProduct } from "@/lib/certification/commands";
import { DEMO_ACCOUNTS } from "../prisma/demo-accounts";
import { signInAs } from "./support/auth";
import { closeE2eDb, e2eDb } from "./support/db";
import { solidPng } from "./support/png";

// The cooperative console's listings on the production build: a Gangu manager lists a product
// with a photo, submits it, the county certifies it, and the storefront shows it at once.
// Another cooperative's manager gets the 404 page for it.

const demo = (key: string) => DEMO_ACCOUNTS.find((a) => a.key === key)!;
const GANGU = demo("manager-gangu");
const SUNAN = demo("manager-sunan");
const CONSOLE = `/coop/${GANGU.operatorSlug}/products`;

test.afterAll(async () => {
  await closeE2eDb();
});

async function signInThroughPage(page: Page, email: string, password: string, back: string) {
  await page.goto(`/signin?callbackUrl=${encodeURIComponent(back)}`, { waitUntil: "networkidle" });
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${back}$`));
}

test.describe("coop listings", () => {
  test("a manager lists a product with a photo, it is certified and the storefront shows it at once @phone", async ({ page }, testInfo) => {
    test.setTimeout(90_000); // one long journey through three consoles' worth of steps
    const tag = `${testInfo.project.name}${Date.now().toString(36).slice(-5)}`;
    const nameZh = `测试花椒粉 ${tag}`;
    const nameEn = `Test Pepper Powder ${tag}`;

    await signInThroughPage(page, GANGU.email, GANGU.password, CONSOLE);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("商品");
    await page.getByTestId("new-product").click();
    await expect(page).toHaveURL(new RegExp(`${CONSOLE}/new$`));

    const form = page.getByTestId("product-form");
    await form.getByLabel("中文名称").fill(nameZh);
    await form.getByLabel("英文名称").fill(nameEn);
    await form.getByLabel("品类").selectOption({ label: "花椒" });
    await form.getByLabel("价格（元）").fill("¥38.5O"); // a letter O for a zero: refused, nothing typed is lost
    await form.getByLabel("现有库存").fill("20");
    await form.getByLabel("单位（中文）").fill("袋");
    await form.getByLabel("单位（英文）").fill("bag");
    await form.getByLabel("规格（中文）").fill("250克/袋");
    await form.getByLabel("规格（英文）").fill("250 g per bag");
    await form.getByLabel("产地村").selectOption({ label: "大庄村" });
    await form.getByRole("button", { name: "保存为草稿" }).click();
    await expect(form.getByText("价格请只写数字，例如 38.50。")).toBeVisible();
    await expect(form.getByLabel("中文名称")).toHaveValue(nameZh);
    await expect(form.getByLabel("产地村")).toHaveValue("620523109201");

    await form.getByLabel("价格（元）").fill("¥38.50");
    // A double click saves once.
    await form.getByRole("button", { name: "保存为草稿" }).dblclick();
    await expect(page).toHaveURL(new RegExp(`${CONSOLE}/[a-z0-9]+\\?created=1$`));
    const productId = new URL(page.url()).pathname.split("/").pop()!;
    expect(await e2eDb().product.count({ where: { nameZh } })).toBe(1);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(nameZh);
    await expect(page.getByTestId("status").first()).toHaveText("草稿");
    await expect(page.getByTestId("current-price")).toHaveText("¥38.50");
    await expect(page.getByTestId("stock-figure")).toHaveText("20");

    // Photos: a file that only claims to be a PNG is refused by its bytes; a real one is stored and shown.
    const photos = page.getByTestId("photo-upload");
    await photos
      .locator('input[type="file"]')
      .setInputFiles({ name: "fake.png", mimeType: "image/png", buffer: Buffer.from("not a picture") });
    await photos.getByRole("button", { name: "上传照片" }).click();
    await expect(photos.getByRole("alert")).toContainText("“fake.png”不是 JPG、PNG 或 WebP 照片");
    await photos.locator('input[type="file"]').setInputFiles({ name: "pepper.png", mimeType: "image/png", buffer: solidPng(8) });
    await expect(photos.getByText("已选 1 张")).toBeVisible();
    await photos.getByRole("button", { name: "上传照片" }).click();
    const photo = page.getByTestId("photo").first().locator("img");
    await expect(photo).toHaveAttribute("src", new RegExp(`^/api/files/products/${productId}/[A-Za-z0-9]+\\.png$`));
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(8);
    const file = await page.request.get((await photo.getAttribute("src"))!);
    expect(file.headers()["content-type"]).toBe("image/png");
    expect(file.headers()["cache-control"]).toContain("max-age=31536000");

    // Stock: taking away more than there is says what is there; goods received add up.
    const stock = page.getByTestId("stock-form");
    await stock.getByLabel("损耗报损").check();
    await stock.getByLabel("数量（袋）").fill("25");
    await stock.getByLabel("原因说明（必填）").fill("受潮");
    await stock.getByRole("button", { name: "记录库存变动" }).click();
    await expect(stock.getByRole("alert")).toHaveText("库存不够：现有 20，不能减少 25。");
    await expect(stock.getByLabel("数量（袋）")).toHaveValue("25"); // kept after the refusal
    await stock.getByLabel("收货入库").check();
    await stock.getByLabel("数量（袋）").fill("5");
    await stock.getByLabel("说明（可不填）").fill("社员交售");
    await stock.getByRole("button", { name: "记录库存变动" }).click();
    await expect(page.getByTestId("stock-figure")).toHaveText("25");
    const history = page.getByTestId("stock-history");
    await expect(history.locator("tbody tr")).toHaveCount(2);
    await expect(history.locator("tbody tr").first()).toContainText("收货入库");
    await expect(history.locator("tbody tr").first()).toContainText("+5");
    await expect(history.locator("tbody tr").first()).toContainText("社员交售");
    await expect(history.locator("tbody tr").nth(1)).toContainText("期初库存");

    // Submitting for certification: the page says who decides.
    const status = page.getByTestId("status-panel");
    await expect(status).toContainText("提交后由县乡村振兴局审核认定");
    await status.getByRole("button", { name: "提交认定" }).click();
    await expect(page.getByTestId("status").first()).toHaveText("待认定");
    await expect(status.getByRole("button", { name: "提交认定" })).toHaveCount(0);

    // The county office certifies it (the office console will call the same domain function).
    const until = new Date(Date.now() + 365 * 24 * 3600 * 1000);
    await certifyProduct(e2eDb(), productId, { until, userId: "seed-user-officer-gangu" });
    await page.reload();
    await expect(page.getByTestId("status").first()).toHaveText("已认定");

    // Listed now: the storefront shows it at once, certified, with its price and photo.
    await status.getByRole("button", { name: "上架" }).click();
    await expect(page.getByTestId("listed").first()).toHaveText("在售");
    await page.goto(`/products?q=${encodeURIComponent(nameZh)}`);
    const card = page.locator("main ul li").filter({ hasText: nameZh });
    await expect(card).toHaveCount(1);
    await expect(card).toContainText("¥38.50");
    await expect(card).toContainText("消费帮扶产品");
    await card.locator("a").first().click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(nameZh);
    await expect(page.getByTestId("price")).toContainText("¥38.50");
    await expect(page.getByTestId("stock")).toContainText("25");
    const cover = page.locator(`main img[src^="/api/files/products/${productId}/"]`).first();
    await expect.poll(() => cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(8);

    // Delisted: gone from the storefront at once.
    await page.goto(`${CONSOLE}/${productId}`);
    await page.getByTestId("status-panel").getByRole("button", { name: "下架" }).click();
    await expect(page.getByTestId("listed").first()).toHaveText("未上架");
    const gone = await page.goto(
      `/products/${await e2eDb()
        .product.findUniqueOrThrow({ where: { id: productId } })
        .then((p) => p.slug)}`,
    );
    expect(gone?.status()).toBe(404);
  });

  test("another cooperative's manager gets the 404 page for a Gangu product", async ({ page }) => {
    await signInAs(page, SUNAN.email, SUNAN.password);
    const ganguProduct = await e2eDb().product.findFirstOrThrow({
      where: { operator: { slug: GANGU.operatorSlug } },
      select: { id: true },
    });
    for (const path of [
      `${CONSOLE}/${ganguProduct.id}`,
      `/coop/${SUNAN.operatorSlug}/products/${ganguProduct.id}`,
      CONSOLE,
      `${CONSOLE}/new`,
      `/en${CONSOLE}/${ganguProduct.id}`,
    ]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByTestId("not-found")).toBeVisible();
    }
    // Their own console works.
    const own = await page.goto(`/coop/${SUNAN.operatorSlug}/products`);
    expect(own?.status()).toBe(200);
    await expect(page.getByTestId("product-row").first()).toBeVisible();
  });

  for (const path of [
    CONSOLE,
    `${CONSOLE}/new`,
    `${CONSOLE}/seed-p-gangu-chili-dried-500g`,
    `/en${CONSOLE}/seed-p-gangu-chili-dried-500g`,
  ]) {
    test(`no serious accessibility violations on ${path} @phone`, async ({ page }) => {
      await signInAs(page, GANGU.email, GANGU.password);
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(
        serious.map(
          (v) =>
            `${v.id}: ${v.nodes
              .map((n) => n.target.join(" "))
              .slice(0, 3)
              .join(", ")}`,
        ),
      ).toEqual([]);
    });
  }

  test("stored files: product photos only, never a path outside the store", async ({ request }) => {
    for (const path of [
      "/api/files/payouts/x/y.pdf",
      "/api/files/products/../../etc/passwd",
      "/api/files/products/%2e%2e/%2e%2e/package.json",
      "/api/files/products/nope/missing.png",
      "/api/files/.data/uploads",
    ]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(404);
    }
  });
});
