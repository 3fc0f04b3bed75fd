// Sign-in, throttling, sign-up and password change against the real database (demo seed).
// The database is shared with the other test files and, afterwards, with the browser tests:
// every email here is unique to this run, and the demo accounts are never throttled.
import { describe, expect, it } from "vitest";
import { destinationAfterSignIn, safeCallbackPath, signInErrorKey } from "@/components/auth/sign-in";
import { registeredActions } from "@/lib/actions/define";
import "@/lib/accounts/actions"; // registers auth.signUp and auth.changePassword
import type { Actor } from "@/lib/auth/actor";
import { checkCredentials } from "@/lib/auth/credentials";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { isThrottled, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS } from "@/lib/auth/throttle";
import { DEMO_ACCOUNTS } from "@/prisma/demo-accounts";
import { testDb as db } from "@/tests/support/db";

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
let counter = 0;
/** A fresh email and client address for each use, so tests never share a throttle counter. */
const uniqueEmail = (label: string) => `${label}-${run}-${++counter}@auth-test.example`;
const uniqueIp = () => `test-${run}-${++counter}`;

const action = (name: string) => {
  const found = registeredActions().find((a) => a.name === name);
  if (!found) throw new Error(`action ${name} is not registered`);
  return found;
};
const signUp = action("auth.signUp");
const changePassword = action("auth.changePassword");

async function createUser(email: string, password: string) {
  return db.user.create({ data: { email, name: "测试用户", passwordHash: await hashPassword(password), role: "SHOPPER" } });
}

const actorOf = (user: { id: string; email: string; name: string }): Actor => ({
  userId: user.id,
  email: user.email,
  name: user.name,
  role: "SHOPPER",
  operatorIds: [],
  countyId: null,
});

const shopper = DEMO_ACCOUNTS.find((a) => a.role === "SHOPPER")!;

describe("checkCredentials", () => {
  it("signs in a demo account, whatever the case and spaces of the email", async () => {
    expect(await checkCredentials(db, shopper.email, shopper.password, uniqueIp())).toEqual({
      ok: true,
      userId: `seed-user-${shopper.key}`,
    });
    expect(await checkCredentials(db, `  ${shopper.email.toUpperCase()} `, shopper.password, uniqueIp())).toEqual({
      ok: true,
      userId: `seed-user-${shopper.key}`,
    });
  });

  it("answers a wrong password and an unknown email the same way", async () => {
    const wrong = await checkCredentials(db, shopper.email, `${shopper.password}x`, uniqueIp());
    const unknown = await checkCredentials(db, uniqueEmail("nobody"), shopper.password, uniqueIp());
    expect(wrong).toEqual({ ok: false, reason: "invalid" });
    expect(unknown).toEqual(wrong);
  });

  it("records every attempt, for existing and unknown emails alike", async () => {
    const email = uniqueEmail("recorded");
    const ip = uniqueIp();
    await checkCredentials(db, email.toUpperCase(), "whatever-password", ip);
    expect(await db.signInAttempt.findMany({ where: { email }, select: { ip: true, success: true } })).toEqual([{ ip, success: false }]);
  });
});

describe("sign-in throttle", () => {
  it(`locks an account after ${MAX_FAILURES_PER_ACCOUNT} failures, even from changing addresses, while others still sign in`, async () => {
    const email = uniqueEmail("locked");
    await createUser(email, "the-right-password");
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT - 1; i++) {
      expect(await checkCredentials(db, email, `wrong-${i}`, uniqueIp())).toEqual({ ok: false, reason: "invalid" });
    }
    // One failure short of the limit the right password still works.
    expect((await checkCredentials(db, email, "the-right-password", uniqueIp())).ok).toBe(true);
    // The success does not reset the count: failures in the window are counted, successes never
    // clear them, so a guesser cannot buy more tries by slipping in a sign-in of their own.
    expect(await checkCredentials(db, email.toUpperCase(), "wrong-last", uniqueIp())).toEqual({ ok: false, reason: "invalid" });
    expect(await checkCredentials(db, email, "the-right-password", uniqueIp())).toEqual({ ok: false, reason: "throttled" });
    // Someone else, from somewhere else, is not affected.
    expect((await checkCredentials(db, shopper.email, shopper.password, uniqueIp())).ok).toBe(true);
  });

  it("locks an email that has no account the same way, so the answer does not tell it apart", async () => {
    const email = uniqueEmail("ghost");
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) await checkCredentials(db, email, `guess-${i}`, uniqueIp());
    expect(await checkCredentials(db, email, "one-more-guess", uniqueIp())).toEqual({ ok: false, reason: "throttled" });
  });

  it(`locks an address after ${MAX_FAILURES_PER_ADDRESS} failures across accounts`, async () => {
    const ip = uniqueIp();
    // Written directly: a hundred real scrypt checks would only make the test slow.
    await db.signInAttempt.createMany({
      data: Array.from({ length: MAX_FAILURES_PER_ADDRESS }, (_, i) => ({ email: uniqueEmail(`spray${i}`), ip, success: false })),
    });
    expect(await isThrottled(db, uniqueEmail("fresh"), ip)).toBe(true);
    expect(await checkCredentials(db, shopper.email, shopper.password, ip)).toEqual({ ok: false, reason: "throttled" });
    // The same account from another address is fine.
    expect((await checkCredentials(db, shopper.email, shopper.password, uniqueIp())).ok).toBe(true);
  });

  it("forgets failures older than the window", async () => {
    const email = uniqueEmail("old");
    const long = new Date(Date.now() - 60 * 60_000);
    await db.signInAttempt.createMany({
      data: Array.from({ length: MAX_FAILURES_PER_ACCOUNT }, () => ({ email, ip: uniqueIp(), success: false, createdAt: long })),
    });
    expect(await isThrottled(db, email, uniqueIp())).toBe(false);
  });
});

describe("auth.signUp", () => {
  it("refuses bad input field by field with errors.* keys, and writes nothing", async () => {
    const email = uniqueEmail("bad");
    const result = await signUp.runAs(null, { name: "  ", email: "not-an-email", password: "short", passwordConfirm: "short" });
    expect(result).toEqual({
      ok: false,
      error: "invalidInput",
      fieldErrors: { name: ["required"], email: ["invalidEmail"], password: ["passwordTooShort"] },
    });
    const tooShort = await signUp.runAs(null, { name: "张三", email, password: "123456789", passwordConfirm: "123456789" });
    expect(tooShort).toMatchObject({ ok: false, fieldErrors: { password: ["passwordTooShort"] } });
    const mismatch = await signUp.runAs(null, { name: "张三", email, password: "long-enough-1", passwordConfirm: "long-enough-2" });
    expect(mismatch).toEqual({ ok: false, error: "invalidInput", fieldErrors: { passwordConfirm: ["passwordMismatch"] } });
    const missing = await signUp.runAs(null, {});
    expect(missing).toMatchObject({
      ok: false,
      fieldErrors: { name: ["required"], email: ["required"], password: ["required"], passwordConfirm: ["required"] },
    });
    const tooLong = await signUp.runAs(null, { name: "名".repeat(61), email, password: "x".repeat(201), passwordConfirm: "x".repeat(201) });
    expect(tooLong).toMatchObject({ ok: false, fieldErrors: { name: ["nameTooLong"], password: ["passwordTooLong"] } });
    expect(await db.user.count({ where: { email } })).toBe(0);
  });

  it("creates a shopper from the form, with the email in lower case, and the password works", async () => {
    const email = uniqueEmail("New.Shopper");
    const form = new FormData();
    form.set("name", "  李四  ");
    form.set("email", `  ${email.toUpperCase()} `);
    form.set("password", "我的新密码-2026");
    form.set("passwordConfirm", "我的新密码-2026");
    form.set("locale", "en");
    const result = await signUp.runAs(null, form);
    expect(result).toEqual({ ok: true, data: { email: email.toLowerCase() } });
    const user = await db.user.findUniqueOrThrow({ where: { email: email.toLowerCase() } });
    expect(user).toMatchObject({ name: "李四", role: "SHOPPER", locale: "en", countyId: null });
    expect(user.passwordHash).not.toContain("我的新密码");
    expect(await verifyPassword("我的新密码-2026", user.passwordHash)).toBe(true);
    expect(await db.membership.count({ where: { userId: user.id } })).toBe(0);
    expect(await checkCredentials(db, email, "我的新密码-2026", uniqueIp())).toEqual({ ok: true, userId: user.id });
  });

  it("never creates anything but a shopper, whatever the input says", async () => {
    const email = uniqueEmail("sneaky");
    const result = await signUp.runAs(null, {
      name: "Sneaky",
      email,
      password: "long-enough-pw",
      passwordConfirm: "long-enough-pw",
      role: "ADMIN",
      countyId: "620523",
      locale: "fr",
    });
    expect(result.ok).toBe(true);
    expect(await db.user.findUniqueOrThrow({ where: { email } })).toMatchObject({ role: "SHOPPER", countyId: null, locale: "zh-CN" });
  });

  it("refuses an email that is taken, in any case, with the neutral message and no change", async () => {
    const email = uniqueEmail("taken");
    const input = { name: "First", email, password: "first-password", passwordConfirm: "first-password" };
    expect((await signUp.runAs(null, input)).ok).toBe(true);
    const before = await db.user.findUniqueOrThrow({ where: { email } });
    const again = await signUp.runAs(null, {
      ...input,
      name: "Second",
      email: email.toUpperCase(),
      password: "second-password",
      passwordConfirm: "second-password",
    });
    expect(again).toEqual({ ok: false, error: "emailTaken", values: {} });
    expect(await db.user.findUniqueOrThrow({ where: { email } })).toEqual(before);
    expect(await signUp.runAs(null, { ...input, email: shopper.email })).toEqual({ ok: false, error: "emailTaken", values: {} });
  });

  it("lets only one of two simultaneous sign-ups with the same email through", async () => {
    const email = uniqueEmail("race");
    const input = { name: "Race", email, password: "race-password", passwordConfirm: "race-password" };
    const results = await Promise.all([signUp.runAs(null, input), signUp.runAs(null, input)]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, error: "emailTaken", values: {} }]);
    expect(await db.user.count({ where: { email } })).toBe(1);
  });
});

describe("auth.changePassword", () => {
  async function freshUser(password = "old-password-1") {
    const user = await createUser(uniqueEmail("changer"), password);
    return { user, actor: actorOf(user) };
  }
  const hashOf = async (id: string) => (await db.user.findUniqueOrThrow({ where: { id } })).passwordHash;

  it("needs a signed-in user", async () => {
    const { user } = await freshUser();
    const result = await changePassword.runAs(null, {
      currentPassword: "old-password-1",
      newPassword: "new-password-1",
      newPasswordConfirm: "new-password-1",
    });
    expect(result).toEqual({ ok: false, error: "signInRequired" });
    expect(await verifyPassword("old-password-1", await hashOf(user.id))).toBe(true);
  });

  it("refuses bad input with errors.* keys and keeps the old password", async () => {
    const { user, actor } = await freshUser();
    const before = await hashOf(user.id);
    expect(await changePassword.runAs(actor, { currentPassword: "", newPassword: "short", newPasswordConfirm: "short" })).toEqual({
      ok: false,
      error: "invalidInput",
      fieldErrors: { currentPassword: ["required"], newPassword: ["passwordTooShort"] },
    });
    expect(
      await changePassword.runAs(actor, {
        currentPassword: "old-password-1",
        newPassword: "new-password-1",
        newPasswordConfirm: "new-password-2",
      }),
    ).toEqual({
      ok: false,
      error: "invalidInput",
      fieldErrors: { newPasswordConfirm: ["passwordMismatch"] },
    });
    expect(
      await changePassword.runAs(actor, {
        currentPassword: "old-password-1",
        newPassword: "old-password-1",
        newPasswordConfirm: "old-password-1",
      }),
    ).toMatchObject({
      ok: false,
      error: "passwordUnchanged",
    });
    expect(await hashOf(user.id)).toBe(before);
  });

  it("refuses a wrong current password and counts it as a failed sign-in", async () => {
    const { user, actor } = await freshUser();
    const before = await hashOf(user.id);
    const result = await changePassword.runAs(actor, {
      currentPassword: "not-the-password",
      newPassword: "new-password-1",
      newPasswordConfirm: "new-password-1",
    });
    expect(result).toMatchObject({ ok: false, error: "wrongPassword" });
    expect(await hashOf(user.id)).toBe(before);
    expect(await db.signInAttempt.count({ where: { email: user.email, success: false } })).toBe(1);
  });

  it("changes the password: the new one signs in, the old one no longer does", async () => {
    const { user, actor } = await freshUser();
    const form = new FormData();
    form.set("currentPassword", "old-password-1");
    form.set("newPassword", "新的密码，这回够长了吧");
    form.set("newPasswordConfirm", "新的密码，这回够长了吧");
    expect(await changePassword.runAs(actor, form)).toEqual({ ok: true, data: { changed: true } });
    const hash = await hashOf(user.id);
    expect(await verifyPassword("新的密码，这回够长了吧", hash)).toBe(true);
    expect(await verifyPassword("old-password-1", hash)).toBe(false);
    expect(await checkCredentials(db, user.email, "old-password-1", uniqueIp())).toEqual({ ok: false, reason: "invalid" });
    expect(await checkCredentials(db, user.email, "新的密码，这回够长了吧", uniqueIp())).toEqual({ ok: true, userId: user.id });
  });

  it("stops answering once the account is throttled, even with the right current password", async () => {
    const { user, actor } = await freshUser();
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      await changePassword.runAs(actor, {
        currentPassword: `guess-${i}`,
        newPassword: "new-password-1",
        newPasswordConfirm: "new-password-1",
      });
    }
    const result = await changePassword.runAs(actor, {
      currentPassword: "old-password-1",
      newPassword: "new-password-1",
      newPasswordConfirm: "new-password-1",
    });
    expect(result).toMatchObject({ ok: false, error: "signInThrottled" });
    expect(await verifyPassword("old-password-1", await hashOf(user.id))).toBe(true);
    // And sign-in for that account is throttled too: the same counter.
    expect(await checkCredentials(db, user.email, "old-password-1", uniqueIp())).toEqual({ ok: false, reason: "throttled" });
  });
});

describe("after sign-in", () => {
  it("returns only to paths on this site", () => {
    for (const good of ["/account", "/en/account", "/products?q=%E8%BE%A3&page=2", "/coop/dazhuang-chili-coop#orders"]) {
      expect(safeCallbackPath(good)).toBe(good);
    }
    for (const bad of [
      null,
      "",
      "account",
      "https://evil.example/",
      "//evil.example/x",
      "/\\evil.example",
      "/%09/evil.example",
      "\t/evil",
      "/foo\nbar",
      "javascript:alert(1)",
      "/signin",
      "/en/signup?callbackUrl=/x",
      "/api/auth/signout",
      `/${"a".repeat(3000)}`,
    ]) {
      const safe = safeCallbackPath(bad);
      expect(safe === null || (safe.startsWith("/") && !safe.startsWith("//")), String(bad)).toBe(true);
      if (bad !== "/%09/evil.example") expect(safe, String(bad)).toBeNull();
    }
  });

  it("lands managers and officers in their consoles and everyone else on the home page, in the page's language", () => {
    expect(destinationAfterSignIn(null, "MANAGER", "zh-CN")).toBe("/coop");
    expect(destinationAfterSignIn(null, "MANAGER", "en")).toBe("/en/coop");
    expect(destinationAfterSignIn(null, "SHOPPER", "en")).toBe("/en");
    expect(destinationAfterSignIn("https://evil.example", "OFFICER", "zh-CN")).toBe("/office");
    expect(destinationAfterSignIn(null, "OFFICER", "en")).toBe("/en/office");
    expect(destinationAfterSignIn("https://evil.example", "BUYER", "zh-CN")).toBe("/");
    expect(destinationAfterSignIn("/en/account", "MANAGER", "en")).toBe("/en/account");
  });

  it("turns next-auth's codes into messages that do not say whether the account exists", () => {
    expect(signInErrorKey("invalid")).toBe("signInFailed");
    expect(signInErrorKey("CredentialsSignin")).toBe("signInFailed");
    expect(signInErrorKey("throttled")).toBe("signInThrottled");
    expect(signInErrorKey("Configuration")).toBe("unexpected");
  });
});

describe("throttle under a burst", () => {
  it("parallel guesses on one account are checked one at a time, so no more than the limit get a verdict", async () => {
    const email = uniqueEmail("burst");
    const results = await Promise.all(
      Array.from({ length: MAX_FAILURES_PER_ACCOUNT + 15 }, (_, i) => checkCredentials(db, email, `guess-${i}`, uniqueIp())),
    );
    expect(results.filter((r) => !r.ok && r.reason === "invalid")).toHaveLength(MAX_FAILURES_PER_ACCOUNT);
    expect(results.filter((r) => !r.ok && r.reason === "throttled")).toHaveLength(15);
    expect(await db.signInAttempt.count({ where: { email } })).toBe(MAX_FAILURES_PER_ACCOUNT);
  });
});
