// Sessions that can be ended, sign-up limits, ID reveal limits with step-up and alerts, and the
// admin's unlock, against the real database. Every user here is created by this file.
import { beforeAll, describe, expect, it } from "vitest";
import "@/lib/accounts/actions";
import "@/lib/admin/security-actions";
import "@/lib/households/actions";
import { admitSignUp, SIGNUPS_OVERALL_PER_MINUTE, SIGNUPS_PER_ADDRESS_PER_HOUR } from "@/lib/accounts/signup-limits";
import { clearSignInFailures, heldAccounts, recentAlerts } from "@/lib/admin/security";
import type { Actor } from "@/lib/auth/actor";
import { checkCredentials } from "@/lib/auth/credentials";
import { loadActor } from "@/lib/auth/load-actor";
import { hashPassword } from "@/lib/auth/password";
import { endAllSessions, revokeSession } from "@/lib/auth/sessions";
import { ACCOUNT_CHALLENGE_AFTER } from "@/lib/auth/throttle";
import { REVEALS_PER_HOUR_MAX, REVEALS_WITHOUT_STEP_UP } from "@/lib/households/reveal-limits";
import { run } from "@/tests/support/actions";
import { testDb as db } from "@/tests/support/db";
import { actorOf } from "@/tests/support/personas";

const runId = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
let n = 0;
const email = (label: string) => `${label}-${runId}-${++n}@security-test.example`;

async function user(label: string, extra: { role?: "SHOPPER" | "OFFICER"; countyId?: string } = {}) {
  const u = await db.user.create({
    data: {
      email: email(label),
      name: "安全测试",
      passwordHash: await hashPassword("the-password-1"),
      role: extra.role ?? "SHOPPER",
      countyId: extra.countyId,
    },
  });
  return { user: u, actor: (await loadActor(db, u.id))! };
}

describe("revocable sessions", () => {
  it("a session is live with its version and id; signing it out ends it (and every copy), other sessions go on", async () => {
    const { user: u } = await user("sessions");
    expect(await loadActor(db, u.id, { sv: 0, sid: "phone" })).not.toBeNull();
    expect(await loadActor(db, u.id, { sv: 0, sid: "laptop" })).not.toBeNull();
    await revokeSession(db, u.id, "phone", Math.floor(Date.now() / 1000) + 3600);
    expect(await loadActor(db, u.id, { sv: 0, sid: "phone" })).toBeNull();
    expect(await loadActor(db, u.id, { sv: 0, sid: "laptop" })).not.toBeNull();
    // A token without the claims (issued before this change, or forged without them) is no session.
    expect(await loadActor(db, u.id, {})).toBeNull();
  });

  it("ending all sessions bumps the version: every earlier token stops working", async () => {
    const { user: u } = await user("all");
    expect(await endAllSessions(db, u.id)).toBe(1);
    expect(await loadActor(db, u.id, { sv: 0, sid: "a" })).toBeNull();
    expect(await loadActor(db, u.id, { sv: 1, sid: "a" })).not.toBeNull();
  });

  it("a password change and 'end all other sessions' end the other sessions", async () => {
    const { user: u, actor } = await user("change");
    expect(
      await run("auth.changePassword", actor, {
        currentPassword: "the-password-1",
        newPassword: "the-password-2",
        newPasswordConfirm: "the-password-2",
      }),
    ).toMatchObject({ ok: true });
    expect(await loadActor(db, u.id, { sv: 0, sid: "other" })).toBeNull();
    expect((await db.user.findUniqueOrThrow({ where: { id: u.id } })).sessionVersion).toBe(1);
    expect(await run("auth.endOtherSessions", actor, {})).toEqual({ ok: true, data: { ended: true } });
    expect(await loadActor(db, u.id, { sv: 1, sid: "other" })).toBeNull();
    expect(await run("auth.endOtherSessions", null, {})).toEqual({ ok: false, error: "signInRequired" });
  });

  it("sign-in returns the current version for the new token", async () => {
    const { user: u } = await user("signin");
    await endAllSessions(db, u.id);
    await endAllSessions(db, u.id);
    expect(await checkCredentials(db, u.email, "the-password-1", `sec-${runId}-${++n}`)).toEqual({
      ok: true,
      userId: u.id,
      sessionVersion: 2,
    });
  });
});

describe("sign-up limits", () => {
  it(`lets ${SIGNUPS_PER_ADDRESS_PER_HOUR} sign-ups an hour through from one address, then refuses that address only`, async () => {
    const address = `198.51.100.${n++ % 250}-${runId}`;
    const now = new Date();
    for (let i = 0; i < SIGNUPS_PER_ADDRESS_PER_HOUR; i++) expect(await admitSignUp(db, address, now)).toEqual({ ok: true });
    expect(await admitSignUp(db, address, now)).toEqual({ ok: false, retryAfterMinutes: 60 });
    expect(await admitSignUp(db, `${address}-other`, now)).toEqual({ ok: true });
    // An hour later the address may sign up again.
    expect(await admitSignUp(db, address, new Date(now.getTime() + 61 * 60_000))).toEqual({ ok: true });
  });

  it(`refuses everyone beyond ${SIGNUPS_OVERALL_PER_MINUTE} sign-ups a minute overall, and the action says so`, async () => {
    const at = new Date(Date.now() + 24 * 3600_000); // a minute of its own, so other tests' sign-ups do not count
    await db.rateEvent.createMany({
      data: Array.from({ length: SIGNUPS_OVERALL_PER_MINUTE }, () => ({ kind: "signup", key: "*", createdAt: at })),
    });
    expect(await admitSignUp(db, `fresh-${runId}`, at)).toEqual({ ok: false, retryAfterMinutes: 1 });
    await db.rateEvent.deleteMany({ where: { kind: "signup", createdAt: at } });
  });
});

describe("ID number reveals", () => {
  let householdId: string;
  beforeAll(async () => {
    householdId = (await db.household.findFirstOrThrow({ where: { countyId: "620523" }, orderBy: { registryCode: "asc" } })).id;
  });

  it(`needs the officer's password beyond ${REVEALS_WITHOUT_STEP_UP} an hour, raises an alert for each of those, and stops at ${REVEALS_PER_HOUR_MAX}`, async () => {
    const { user: officer, actor } = await user("officer", { role: "OFFICER", countyId: "620523" });
    const reveal = (extra: Record<string, string> = {}) =>
      run("household.revealId", actor, { householdId, reason: "核对身份信息", ...extra });
    for (let i = 0; i < REVEALS_WITHOUT_STEP_UP; i++) expect(await reveal()).toMatchObject({ ok: true });
    expect(await reveal()).toEqual({ ok: false, error: "revealStepUp", values: {} });
    expect(await reveal({ password: "not-my-password" })).toMatchObject({ ok: false, error: "wrongPassword" });
    const reveals = () => db.auditLog.count({ where: { userId: officer.id, action: "household.reveal" } });
    expect(await reveals()).toBe(REVEALS_WITHOUT_STEP_UP);
    expect(await reveal({ password: "the-password-1" })).toMatchObject({ ok: true });
    expect(await reveals()).toBe(REVEALS_WITHOUT_STEP_UP + 1);
    const alerts = await db.auditLog.findMany({ where: { userId: officer.id, action: "security.revealAlert" } });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      entity: "Household",
      entityId: householdId,
      detail: { revealsLastHour: REVEALS_WITHOUT_STEP_UP + 1, countyId: "620523" },
    });
    // The admin sees it among the alerts.
    expect((await recentAlerts(db)).some((a) => a.id === alerts[0]!.id && a.actorEmail === officer.email)).toBe(true);
    // The ceiling: refused even with the password.
    await db.auditLog.createMany({
      data: Array.from({ length: REVEALS_PER_HOUR_MAX }, () => ({
        userId: officer.id,
        action: "household.reveal",
        entity: "Household",
        entityId: householdId,
      })),
    });
    expect(await reveal({ password: "the-password-1" })).toEqual({ ok: false, error: "revealLimit", values: {} });
  });

  it("counts parallel reveals against each other", async () => {
    const { user: officer, actor } = await user("parallel", { role: "OFFICER", countyId: "620523" });
    const results = await Promise.all(
      Array.from({ length: REVEALS_WITHOUT_STEP_UP + 4 }, () => run("household.revealId", actor, { householdId, reason: "核对身份信息" })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(REVEALS_WITHOUT_STEP_UP);
    expect(results.filter((r) => !r.ok && r.error === "revealStepUp")).toHaveLength(4);
    expect(await db.auditLog.count({ where: { userId: officer.id, action: "household.reveal" } })).toBe(REVEALS_WITHOUT_STEP_UP);
  });
});

describe("admin: held-back accounts and unlock", () => {
  it("lists an account with many failures and clears it; only an admin may", async () => {
    const { user: u } = await user("held");
    await db.signInAttempt.createMany({
      data: Array.from({ length: ACCOUNT_CHALLENGE_AFTER }, () => ({ email: u.email, ip: `x-${runId}`, success: false })),
    });
    const listed = (await heldAccounts(db)).find((h) => h.userId === u.id);
    expect(listed).toMatchObject({ email: u.email, failures: ACCOUNT_CHALLENGE_AFTER, challenged: true });
    const admin = (await actorOf("admin")) as Actor;
    for (const who of ["shopper", "officerGangu", "managerA"] as const)
      expect(await run("admin.clearSignInFailures", await actorOf(who), { userId: u.id })).toEqual({ ok: false, error: "notFound" });
    expect(await run("admin.clearSignInFailures", admin, { userId: "no-such-user" })).toEqual({ ok: false, error: "notFound", values: {} });
    expect(await run("admin.clearSignInFailures", admin, { userId: u.id })).toEqual({ ok: true, data: { cleared: true } });
    expect((await heldAccounts(db, new Date(Date.now() + 1000))).find((h) => h.userId === u.id)).toBeUndefined();
    expect(await checkCredentials(db, u.email, "the-password-1", `y-${runId}`, { now: new Date(Date.now() + 1000) })).toMatchObject({
      ok: true,
    });
    expect(await clearSignInFailures(db, admin.userId, "no-such-user")).toBe(false);
    expect(await db.auditLog.count({ where: { action: "security.signInCleared", entityId: u.id, userId: admin.userId } })).toBe(1);
  });
});
