// Forgot password, reset and address verification against the real database: the constant
// answer, a link that works once and only within its hour, sessions ended by a reset, the
// mails written to the outbox (their one-time link kept out of the stored text).
import { describe, expect, it } from "vitest";
import { hashToken, RESET_TTL_MS } from "@/lib/accounts/email-tokens";
import { requestPasswordReset, RESETS_PER_HOUR, resetPassword, verifyEmail } from "@/lib/accounts/recovery";
import { loadActor } from "@/lib/auth/load-actor";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { testDb as db } from "@/tests/support/db";

const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
let counter = 0;
const uniqueEmail = (label: string) => `${label}-${run}-${++counter}@recovery-test.example`;

async function user(label: string) {
  return db.user.create({
    data: { email: uniqueEmail(label), name: "找回测试", passwordHash: await hashPassword("old-password-1"), role: "SHOPPER" },
  });
}

/** The link of the last reset mail to the address, as the sender would put it in. */
async function lastLink(email: string, kind = "password.reset") {
  const row = await db.outbox.findFirstOrThrow({ where: { recipient: email, kind }, orderBy: { createdAt: "desc" } });
  expect(row.body).toContain("{{secret}}"); // the stored text never holds the link
  expect(row.body).not.toMatch(/token=/);
  return row.secret!;
}
const tokenOf = (link: string) => new URL(link).searchParams.get("token")!;

describe("forgot password", () => {
  it("answers the same for an unknown address and writes nothing for it", async () => {
    const unknown = uniqueEmail("nobody");
    const before = await db.outbox.count();
    const tokensBefore = await db.emailToken.count();
    const known = await user("known");
    expect(await requestPasswordReset(db, unknown)).toEqual({ sent: true });
    expect(await db.outbox.count()).toBe(before);
    expect(await db.emailToken.count()).toBe(tokensBefore);
    expect(await requestPasswordReset(db, `  ${known.email.toUpperCase()} `)).toEqual({ sent: true });
    const link = await lastLink(known.email);
    expect(link).toMatch(/\/reset-password\?token=[A-Za-z0-9_-]{43}$/);
    // Only the hash of the token is stored.
    const token = tokenOf(link);
    expect(await db.emailToken.count({ where: { tokenHash: token } })).toBe(0);
    expect(await db.emailToken.count({ where: { tokenHash: hashToken(token) } })).toBe(1);
  });

  it(`sends at most ${RESETS_PER_HOUR} links an hour to one address, the answer unchanged`, async () => {
    const u = await user("burst");
    const answers = await Promise.all(Array.from({ length: 6 }, () => requestPasswordReset(db, u.email)));
    expect(answers.every((a) => a.sent)).toBe(true);
    expect(await db.emailToken.count({ where: { userId: u.id, purpose: "PASSWORD_RESET" } })).toBe(RESETS_PER_HOUR);
    expect(await db.outbox.count({ where: { recipient: u.email, kind: "password.reset" } })).toBe(RESETS_PER_HOUR);
  });
});

describe("reset", () => {
  it("sets the password once, ends every session, spends the other links, and tells the owner", async () => {
    const u = await user("reset");
    const actorBefore = await loadActor(db, u.id, { sv: 0, sid: "test-session" });
    expect(actorBefore).not.toBeNull();
    await requestPasswordReset(db, u.email);
    const first = tokenOf(await lastLink(u.email));
    await requestPasswordReset(db, u.email);
    const second = tokenOf(await lastLink(u.email));
    expect(second).not.toBe(first);

    expect(await resetPassword(db, second, "brand-new-password")).toEqual({ userId: u.id });
    const after = await db.user.findUniqueOrThrow({ where: { id: u.id } });
    expect(await verifyPassword("brand-new-password", after.passwordHash)).toBe(true);
    expect(after.sessionVersion).toBe(1);
    // The session signed in before (version 0) is over; a new sign-in carries version 1.
    expect(await loadActor(db, u.id, { sv: 0, sid: "test-session" })).toBeNull();
    expect(await loadActor(db, u.id, { sv: 1, sid: "test-session" })).not.toBeNull();
    // Single use, and the earlier link is spent too.
    await expect(resetPassword(db, second, "another-password-1")).rejects.toMatchObject({ code: "resetLinkInvalid" });
    await expect(resetPassword(db, first, "another-password-1")).rejects.toMatchObject({ code: "resetLinkInvalid" });
    expect(await verifyPassword("brand-new-password", (await db.user.findUniqueOrThrow({ where: { id: u.id } })).passwordHash)).toBe(true);
    expect(await db.outbox.count({ where: { recipient: u.email, kind: "password.changed" } })).toBe(1);
    expect(await db.auditLog.count({ where: { entityId: u.id, action: "password.reset" } })).toBe(1);
  });

  it("refuses an expired link, a malformed one, and a verification link", async () => {
    const u = await user("expired");
    await requestPasswordReset(db, u.email);
    const token = tokenOf(await lastLink(u.email));
    const later = new Date(Date.now() + RESET_TTL_MS + 1000);
    await expect(resetPassword(db, token, "too-late-password", later)).rejects.toMatchObject({ code: "resetLinkInvalid" });
    await expect(resetPassword(db, "../../etc/passwd", "whatever-password")).rejects.toMatchObject({ code: "resetLinkInvalid" });
    await expect(verifyEmail(db, token)).rejects.toMatchObject({ code: "verifyLinkInvalid" });
    expect((await db.user.findUniqueOrThrow({ where: { id: u.id } })).sessionVersion).toBe(0);
  });

  it("lets only one of two simultaneous resets with the same link through", async () => {
    const u = await user("race");
    await requestPasswordReset(db, u.email);
    const token = tokenOf(await lastLink(u.email));
    const results = await Promise.allSettled([resetPassword(db, token, "first-racer-pass"), resetPassword(db, token, "second-racer-pass")]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await db.user.findUniqueOrThrow({ where: { id: u.id } })).sessionVersion).toBe(1);
  });
});

describe("address verification", () => {
  it("verifies the address the link was sent to, once", async () => {
    const { sendVerification } = await import("@/lib/accounts/recovery");
    const u = await user("verify");
    await db.$transaction((tx) => sendVerification(tx, { id: u.id, email: u.email, locale: "en" }));
    const row = await db.outbox.findFirstOrThrow({ where: { recipient: u.email, kind: "email.verify" } });
    expect(row.locale).toBe("en");
    expect(row.subject).toBe("Please confirm your email address");
    const token = tokenOf(row.secret!);
    expect(row.secret).toMatch(/^http:\/\/[^/]+\/en\/verify-email\?token=/);
    await verifyEmail(db, token);
    expect((await db.user.findUniqueOrThrow({ where: { id: u.id } })).emailVerifiedAt).not.toBeNull();
    await expect(verifyEmail(db, token)).rejects.toMatchObject({ code: "verifyLinkInvalid" });
  });
});
