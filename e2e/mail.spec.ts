import { expect, test } from "@playwright/test";
import { hashPassword } from "../lib/auth/password";
import { startSmtp, type TestSmtp } from "../tests/support/smtp";
import { closeE2eDb, e2eDb } from "./support/db";

// Mail journeys against a real SMTP server in this test process (./test points the app's
// SMTP_URL at SMTP_TEST_PORT). No @phone tag: one server per port, so only the desktop project runs these.
test.describe.configure({ mode: "serial" });

let smtp: TestSmtp;
test.beforeAll(async () => {
  smtp = await startSmtp(Number(process.env.SMTP_TEST_PORT || 2525));
});
test.afterAll(async () => {
  await smtp?.close();
  await closeE2eDb();
});

test("a shopper who forgot the password resets it from the emailed link; other sessions end", async ({ page, browser }) => {
  test.setTimeout(120_000); // two browsers, two mails
  const email = `forgot-${Date.now().toString(36)}@e2e.example`;
  await e2eDb().user.create({
    data: {
      email,
      name: "忘了密码的人",
      passwordHash: await hashPassword("old-password-2026"),
      role: "SHOPPER",
      emailVerifiedAt: new Date(),
    },
  });

  // Another device, signed in with the old password.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto("/signin");
  await otherPage.getByLabel("邮箱").fill(email);
  await otherPage.getByLabel("密码", { exact: true }).fill("old-password-2026");
  await otherPage.getByRole("button", { name: "登录", exact: true }).click();
  await expect(otherPage).not.toHaveURL(/\/signin/);
  await otherPage.goto("/account");
  await expect(otherPage).toHaveURL(/\/account$/);

  await page.goto("/signin");
  await page.getByRole("link", { name: "忘记密码？" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.getByLabel("邮箱").fill(email);
  await page.getByRole("button", { name: "发送重设链接" }).click();
  await expect(page.getByRole("status")).toContainText(`如果 ${email} 注册过小康集市`);

  const mail = await smtp.waitFor((m) => m.envelopeTo.includes(email) && m.subject === "重设小康集市的密码");
  const link = /https?:\/\/\S+\/reset-password\?token=[A-Za-z0-9_-]{43}/.exec(mail.text)?.[0];
  expect(link, mail.text).toBeTruthy();
  expect(mail.html).toContain(link!.replace(/&/g, "&amp;"));

  await page.goto(link!);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("设置新密码");
  await page.getByLabel("新密码", { exact: true }).fill("new-password-2026");
  await page.getByLabel("再次输入新密码").fill("new-password-2026");
  await page.getByRole("button", { name: "保存新密码" }).click();
  await expect(page.getByRole("status")).toContainText("密码已重设");
  await page.getByRole("link", { name: "去登录" }).click();
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码", { exact: true }).fill("new-password-2026");
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await expect(page).not.toHaveURL(/\/signin/);
  await page.goto("/account");
  await expect(page).toHaveURL(/\/account$/);

  // The other device's session ended with the reset.
  await otherPage.goto("/account");
  await expect(otherPage).toHaveURL(/\/signin/);
  await other.close();

  // The owner is told, and the link works once.
  await smtp.waitFor((m) => m.envelopeTo.includes(email) && m.subject === "您的小康集市密码已更改");
  await page.goto(link!);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("链接已失效");
});

test("an unknown address gets the same answer and no mail", async ({ page }) => {
  const email = `nobody-${Date.now().toString(36)}@e2e.example`;
  await page.goto("/en/forgot-password");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Send the reset link" }).click();
  await expect(page.getByRole("status")).toContainText(`If ${email} has a Xiaokang Market account`);
  expect(await e2eDb().outbox.count({ where: { recipient: email } })).toBe(0);
});
