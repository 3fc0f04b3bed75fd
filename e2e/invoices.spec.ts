// 发票 end to end, on the production build (desktop only: one short journey). The demo trade union's
// buyer buys festival gift boxes, asks for a 普票 on the order page (抬头 and 税号 prefilled from the
// union), the selling cooperative's demo manager uploads the issued PDF in the console's 发票 tab,
// and the buyer downloads it from the order page.
import { expect, test } from "@playwright/test";
import { makeProductIn } from "../tests/support/shop-data";
import { signInAs } from "./support/auth";
import { closeE2eDb, e2eDb } from "./support/db";

test.afterAll(closeE2eDb);

const PDF = Buffer.from(
  "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n60\n%%EOF\n",
);

test("a trade union buys gift boxes, requests a 普票, the seller uploads it and the buyer downloads it", async ({ page, browser }) => {
  test.setTimeout(90_000); // two browsers; the demo payment and an upload on a shared machine
  const db = e2eDb();
  // Gift boxes of the Gangu chili cooperative (its demo manager issues the invoice), for this spec alone.
  const product = await makeProductIn(db, "dazhuang-chili-coop", { stock: 50, priceFen: 8800, sameSeller: true });
  await db.product.update({ where: { id: product.id }, data: { nameZh: "甘谷辣椒节日礼盒", nameEn: "Gangu Chili Festival Gift Box" } });
  const union = await db.organisation.findUniqueOrThrow({ where: { id: "seed-org-union" } });

  await signInAs(page, "buyer@demo.xiaokang.test", "Demo-2026-buyer");
  await page.goto(`/checkout?buy=${product.id}&qty=3`);
  await page.getByLabel("收货人").fill("李工会");
  await page.getByLabel("手机号码").fill("138 0013 8000");
  await page.getByLabel("省份").selectOption("甘肃省");
  await page.getByLabel("城市").selectOption("兰州市");
  await page.getByLabel("区县").selectOption("城关区");
  await page.getByLabel("详细地址").fill("庆阳路 100 号");
  await expect(page.getByTestId("payment-method")).toContainText("对公转账"); // a member of an organisation may pay by transfer
  await page.getByRole("button", { name: /去支付/ }).click();
  await page.getByRole("button", { name: /确认支付/ }).click();
  await expect(page.getByTestId("order-status")).toHaveAttribute("data-status", "PAID");
  const number = page.url().match(/orders\/(XK\w+)/)![1]!;
  // Bought for the union (the organisation's checkout choice is another part of this work).
  await db.order.update({ where: { number }, data: { organisationId: union.id, channel: "INSTITUTION" } });

  await page.reload();
  const invoices = page.getByTestId("order-invoices");
  await invoices.getByText("申请发票").click();
  const form = invoices.getByTestId("invoice-form");
  await expect(form.getByLabel("发票抬头")).toHaveValue(union.nameZh);
  await expect(form.getByLabel("税号", { exact: true })).toHaveValue(union.creditCode);
  await form.getByRole("button", { name: "提交申请" }).click();
  await expect(invoices.getByTestId("invoice-status")).toHaveText("待开具");

  // The cooperative's demo manager issues it: the tab counts it, the PDF is uploaded.
  const seller = await browser.newContext();
  const sellerPage = await seller.newPage();
  await signInAs(sellerPage, "manager-gangu@demo.xiaokang.test", "Demo-2026-gangu-coop");
  await sellerPage.goto("/coop/dazhuang-chili-coop/invoices");
  await expect(sellerPage.getByRole("link", { name: /^发票 \(\d+\)$/ })).toBeVisible();
  const card = sellerPage.getByTestId("seller-invoice").filter({ hasText: number });
  await expect(card).toContainText(union.nameZh);
  await card.getByLabel("发票 PDF").setInputFiles({ name: "发票-甘谷辣椒礼盒.pdf", mimeType: "application/pdf", buffer: PDF });
  await card.getByRole("button", { name: "确认开具" }).click();
  await expect(card).toHaveCount(0); // issued: off the to-do list
  await sellerPage.goto("/coop/dazhuang-chili-coop/invoices?show=all");
  await expect(sellerPage.getByTestId("seller-invoice").filter({ hasText: number })).toContainText("已开具");
  await seller.close();

  // The buyer downloads it from the order page.
  await page.reload();
  await expect(invoices.getByTestId("invoice-status")).toHaveText("已开具");
  const href = await invoices.getByTestId("invoice-download").getAttribute("href");
  const response = await page.request.get(href!);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/pdf");
  expect((await response.body()).equals(PDF)).toBe(true);
});
