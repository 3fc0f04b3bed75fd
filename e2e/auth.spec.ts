import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../prisma/demo-accounts";

// Sign-up, sign-in, sign-out and password change on the production build, against the demo data.
// Each run makes its own accounts (unique emails); demo accounts get at most a couple of failed
// sign-ins, far from the throttle's limit.

const demo = (key: string) => DEMO_ACCOUNTS.find((a) => a.key === key)!;
const unique = (label: string, project: string) =>
  `${label}-${project}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@e2e.example`;

async function signUp(page: Page, { name, email, password }: { name: string; email: string; password: string }) {
  await page.goto("/signup");
  await page.getByLabel("称呼").fill(name);
  await page.getByLabel("邮箱").fill(email);
  await page.getByLabel("密码", { exact: true }).fill(password);
  await page.getByLabel("再次输入密码").fill(password);
  await page.getByRole("button", { name: "注册并登录" }).click();
}

async function signIn(page: Page, email: string, password: string, { submit = "登录", emailLabel = "邮箱", passwordLabel = "密码" } = {}) {
  await page.getByLabel(emailLabel).fill(email);
  await page.getByLabel(passwordLabel, { exact: true }).fill(password);
  await page.getByRole("button", { name: submit, exact: true }).click();
}

const header = (page: Page) => page.getByRole("banner");
// Messages of the page's form (Next's route announcer is an empty alert outside <main>).
const alert = (page: Page) => page.getByRole("main").getByRole("alert");

test.describe("accounts", () => {
  test("a new shopper signs up, sees their name in the header, and signs out @phone", async ({ page }, testInfo) => {
    const name = `测试买家${Date.now() % 10_000}`;
    const email = unique("shopper", testInfo.project.name);
    await signUp(page, { name, email: email.toUpperCase(), password: "我的密码-2026-good" });
    await expect(page).toHaveURL(/\/$/);
    await expect(header(page).getByTestId("account-link")).toContainText(name);
    await expect(header(page).getByTestId("account-signin")).toHaveCount(0);

    await header(page).getByTestId("account-link").click();
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("我的账户");
    const details = page.getByTestId("account-details");
    await expect(details).toContainText(name);
    await expect(details).toContainText(email.toLowerCase());
    await expect(details).toContainText("消费者");

    await page.getByRole("button", { name: "退出登录" }).click();
    await expect(page).toHaveURL(/\/$/);
    await expect(header(page).getByTestId("account-signin")).toHaveText("登录");
    // The account page now sends the visitor to sign in, and back afterwards.
    await page.goto("/account");
    await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Faccount$/);
    await signIn(page, email, "我的密码-2026-good");
    await expect(page).toHaveURL(/\/account$/);
    await expect(page.getByTestId("account-details")).toContainText(name);
  });

  test("sign-up says what to fix, in Chinese, and answers a taken email as it would a new one", async ({ page }) => {
    await page.goto("/signup");
    await page.getByRole("button", { name: "注册并登录" }).click();
    await expect(page.getByText("请检查标出的内容。")).toBeVisible();
    await expect(page.getByLabel("称呼")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("必填。").first()).toBeVisible();

    await page.getByLabel("称呼").fill("张三");
    await page.getByLabel("邮箱").fill("not an email");
    await page.getByLabel("密码", { exact: true }).fill("short");
    await page.getByLabel("再次输入密码").fill("short");
    await page.getByRole("button", { name: "注册并登录" }).click();
    await expect(page.getByText("邮箱格式不正确。")).toBeVisible();
    await expect(page.getByText("密码至少 10 个字符。")).toBeVisible();
    // What was typed is still there.
    await expect(page.getByLabel("称呼")).toHaveValue("张三");

    await page.getByLabel("邮箱").fill(demo("shopper").email);
    await page.getByLabel("密码", { exact: true }).fill("long-enough-password");
    await page.getByLabel("再次输入密码").fill("long-enough-passwort");
    await page.getByRole("button", { name: "注册并登录" }).click();
    await expect(page.getByText("两次输入的密码不一致。")).toBeVisible();

    await page.getByLabel("再次输入密码").fill("long-enough-password");
    await page.getByRole("button", { name: "注册并登录" }).click();
    // The answer does not say the address has an account (its owner gets a mail instead).
    await expect(page.getByText("我们已向这个邮箱发送了一封邮件")).toBeVisible();
    await expect(page.getByText("该邮箱无法注册")).toHaveCount(0);
    await expect(page).toHaveURL(/\/signup$/);
  });

  test("a wrong password and an unknown email get the same message in Chinese @phone", async ({ page }) => {
    await page.goto("/signin");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("登录");
    await signIn(page, demo("shopper").email, "not-the-password");
    await expect(alert(page)).toHaveText("邮箱或密码不正确。");
    const known = await alert(page).textContent();
    await signIn(page, `nobody-${Date.now()}@e2e.example`, "not-the-password");
    await expect(alert(page)).toHaveText(known ?? "");
    await expect(page).toHaveURL(/\/signin$/);
    await expect(header(page).getByTestId("account-signin")).toBeVisible();
  });

  test("the Gangu cooperative manager lands in the co-op console", async ({ page }) => {
    const manager = demo("manager-gangu");
    await page.goto("/signin");
    await signIn(page, manager.email, manager.password);
    // The console itself is another part of the app: only where sign-in leads is checked here.
    await expect(page).toHaveURL(/\/coop(\/[a-z0-9-]+)?$/);

    await page.goto("/account");
    await expect(header(page).getByTestId("account-console")).toHaveText("合作社后台");
    await expect(header(page).getByTestId("account-console")).toHaveAttribute("href", "/coop");
    await expect(header(page).getByTestId("account-link")).toContainText(manager.nameZh);
    await expect(page.getByTestId("account-details")).toContainText("经营主体负责人");
    const operator = page.getByTestId("memberships").getByRole("link");
    await expect(operator).toHaveCount(1);
    await expect(operator).toHaveAttribute("href", `/coop/${manager.operatorSlug}`);
    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    expect(results.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  });

  test("an officer sees the county console link", async ({ page }) => {
    const officer = demo("officer-gangu");
    await page.goto("/signin?callbackUrl=%2Faccount");
    await signIn(page, officer.email, officer.password);
    await expect(page).toHaveURL(/\/account$/);
    await expect(header(page).getByTestId("account-console")).toHaveText("县级后台");
    await expect(page.getByTestId("account-details")).toContainText("甘谷县");
  });

  test("sign-in in English stays in English and honours a same-site callbackUrl only @phone", async ({ page }) => {
    const shopper = demo("shopper");
    const labels = { submit: "Sign in", emailLabel: "Email", passwordLabel: "Password" };
    await page.goto("/en/account");
    await expect(page).toHaveURL(/\/en\/signin\?callbackUrl=%2Fen%2Faccount$/);
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
    await signIn(page, shopper.email, "wrong-password-en", labels);
    await expect(alert(page)).toHaveText("Wrong email or password.");
    await signIn(page, shopper.email, shopper.password, labels);
    await expect(page).toHaveURL(/\/en\/account$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("My account");
    await expect(page.getByTestId("account-details")).toContainText("Shopper");

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/en$/);
    await expect(header(page).getByTestId("account-signin")).toHaveText("Sign in");

    // Another site as callbackUrl is ignored: the shopper lands on the English home page.
    await page.goto("/en/signin?callbackUrl=https%3A%2F%2Fevil.example%2F");
    await signIn(page, shopper.email, shopper.password, labels);
    await expect(page).toHaveURL(/\/en$/);
  });

  test("a shopper changes the password and signs in with the new one", async ({ page }, testInfo) => {
    const email = unique("changer", testInfo.project.name);
    await signUp(page, { name: "改密码的人", email, password: "first-password-1" });
    await expect(page).toHaveURL(/\/$/);
    await page.goto("/account");

    await page.getByLabel("当前密码").fill("not-the-password");
    await page.getByLabel("新密码", { exact: true }).fill("second-password-2");
    await page.getByLabel("再次输入新密码").fill("second-password-2");
    await page.getByRole("button", { name: "修改密码" }).click();
    await expect(alert(page)).toHaveText("当前密码不正确。");

    await page.getByLabel("当前密码").fill("first-password-1");
    await page.getByRole("button", { name: "修改密码" }).click();
    await expect(page.getByRole("status").filter({ hasText: "密码已修改" })).toBeVisible();
    await expect(page.getByLabel("当前密码")).toHaveValue("");

    await page.getByRole("button", { name: "退出登录" }).click();
    await expect(page).toHaveURL(/\/$/);
    await page.goto("/signin");
    await signIn(page, email, "first-password-1");
    await expect(alert(page)).toHaveText("邮箱或密码不正确。");
    await signIn(page, email, "second-password-2");
    await expect(page).toHaveURL(/\/$/);
    await expect(header(page).getByTestId("account-link")).toContainText("改密码的人");
  });

  for (const path of ["/signin", "/signup", "/en/signin"]) {
    test(`no serious accessibility violations on ${path} @phone`, async ({ page }) => {
      await page.goto(path);
      await expect(header(page).getByTestId("account-signin")).toBeVisible();
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    });
  }
});
