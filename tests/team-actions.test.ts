// Inviting managers: an invitation stores only the hash of its token, lasts 7 days, can be
// revoked, and is accepted once, by the invited email, in one transaction that creates the
// membership and turns a shopper into a manager.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/load-actor";
import { findInviteByToken, getTeam, hashInviteToken, maskEmail, newInviteToken } from "@/lib/operators/team";
import "@/lib/operators/team-actions";
import { testDb } from "@/tests/support/db";
import { actorOf, OPERATOR_A } from "@/tests/support/personas";
import { data, run } from "@/tests/support/actions";

const tag = randomBytes(4).toString("hex");
let managerA: Actor;
let managerB: Actor;
let officer: Actor;
let gangu: { id: string; slug: string };
const userIds: string[] = [];
const inviteIds: string[] = [];

async function newUser(email: string, role: "SHOPPER" | "OFFICER" = "SHOPPER"): Promise<Actor> {
  const user = await testDb.user.create({
    data: {
      email,
      name: `测试用户 ${email}`,
      passwordHash: "x",
      role,
      countyId: role === "OFFICER" ? "620523" : null,
      emailVerifiedAt: new Date(),
    },
  });
  userIds.push(user.id);
  return (await loadActor(testDb, user.id))!;
}

beforeAll(async () => {
  managerA = (await actorOf("managerA"))!;
  managerB = (await actorOf("managerB"))!;
  officer = (await actorOf("officerGangu"))!;
  gangu = await testDb.operator.findUniqueOrThrow({ where: { slug: OPERATOR_A }, select: { id: true, slug: true } });
});

afterAll(async () => {
  // Users are kept (the audit log points at them and is append-only); their access is removed.
  await testDb.membership.deleteMany({ where: { userId: { in: userIds } } });
  await testDb.invite.deleteMany({ where: { OR: [{ id: { in: inviteIds } }, { email: { contains: tag } }] } });
});

describe("tokens", () => {
  it("are 32 random bytes, base64url; only the SHA-256 hash is kept", () => {
    const { token, tokenHash } = newInviteToken();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(tokenHash).toBe(hashInviteToken(token));
    expect(tokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(newInviteToken().token).not.toBe(token);
  });
  it("emails are masked on the invitation page", () => {
    expect(maskEmail("wang.li@example.com")).toBe("wa***@example.com");
    expect(maskEmail("a@b.cn")).toBe("a***@b.cn");
  });
});

describe("invite.create and invite.revoke", () => {
  it("creates an invitation for 7 days and returns the link's token once", async () => {
    const email = `Colleague-${tag}@Example.test`;
    const before = Date.now();
    const created = data<{ id: string; token: string; email: string; expiresAt: string }>(
      await run("invite.create", managerA, { operatorId: gangu.id, email }),
    );
    inviteIds.push(created.id);
    expect(created.email).toBe(email.toLowerCase());
    const invite = await testDb.invite.findUniqueOrThrow({ where: { id: created.id } });
    expect(invite.tokenHash).toBe(hashInviteToken(created.token));
    expect(JSON.stringify(invite)).not.toContain(created.token);
    const days = (invite.expiresAt.getTime() - before) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThan(7.01);
    expect(await testDb.auditLog.count({ where: { entity: "Invite", entityId: created.id, action: "invite.create" } })).toBe(1);
    expect((await findInviteByToken(testDb, created.token))?.operator?.slug).toBe(OPERATOR_A);

    // A new invitation to the same address replaces the old one.
    const again = data<{ id: string; token: string }>(await run("invite.create", managerA, { operatorId: gangu.id, email }));
    inviteIds.push(again.id);
    expect(await findInviteByToken(testDb, created.token)).toBeNull();
    expect((await getTeam(testDb, gangu.id)).invites.filter((i) => i.email === email.toLowerCase())).toHaveLength(1);
  });

  it("refuses a bad email and someone already on the team", async () => {
    expect(await run("invite.create", managerA, { operatorId: gangu.id, email: "not-an-email" })).toMatchObject({
      ok: false,
      error: "invalidInput",
      fieldErrors: { email: ["invalidEmail"] },
    });
    expect(await run("invite.create", managerA, { operatorId: gangu.id, email: managerA.email })).toMatchObject({
      ok: false,
      error: "inviteAlreadyMember",
    });
  });

  it("the Sunan manager cannot invite to, or revoke for, the Gangu cooperative", async () => {
    const invites = await testDb.invite.count();
    expect(await run("invite.create", managerB, { operatorId: gangu.id, email: `intruder-${tag}@example.test` })).toMatchObject({
      ok: false,
      error: "notFound",
    });
    expect(await run("invite.create", officer, { operatorId: gangu.id, email: `intruder-${tag}@example.test` })).toMatchObject({
      ok: false,
      error: "notFound",
    });
    expect(await run("invite.revoke", managerB, { inviteId: inviteIds.at(-1) })).toMatchObject({ ok: false, error: "notFound" });
    expect(await testDb.invite.count()).toBe(invites);
  });

  it("revokes an unaccepted invitation: its link stops working", async () => {
    const created = data<{ id: string; token: string }>(
      await run("invite.create", managerA, { operatorId: gangu.id, email: `revoked-${tag}@example.test` }),
    );
    data(await run("invite.revoke", managerA, { inviteId: created.id }));
    expect(await testDb.invite.findUnique({ where: { id: created.id } })).toBeNull();
    expect(await testDb.auditLog.count({ where: { entityId: created.id, action: "invite.revoke" } })).toBe(1);
    const user = await newUser(`revoked-${tag}@example.test`);
    expect(await run("invite.accept", user, { token: created.token })).toMatchObject({ ok: false, error: "inviteInvalid" });
  });
});

describe("invite.accept", () => {
  it("the invited shopper accepts: membership, MANAGER role and acceptedAt in one go; a second accept is refused", async () => {
    const email = `accept-${tag}@example.test`;
    const invite = data<{ id: string; token: string }>(await run("invite.create", managerA, { operatorId: gangu.id, email }));
    inviteIds.push(invite.id);
    const user = await newUser(email.toUpperCase()); // emails compare case-insensitively
    const accepted = data<{ operatorSlug: string; promoted: boolean }>(await run("invite.accept", user, { token: invite.token }));
    expect(accepted).toEqual({ operatorSlug: OPERATOR_A, promoted: true });
    const after = await loadActor(testDb, user.userId);
    expect(after?.role).toBe("MANAGER");
    expect(after?.operatorIds).toContain(gangu.id);
    expect((await testDb.invite.findUniqueOrThrow({ where: { id: invite.id } })).acceptedAt).not.toBeNull();
    expect(await testDb.auditLog.count({ where: { entityId: invite.id, action: "invite.accept" } })).toBe(1);

    expect(await run("invite.accept", after, { token: invite.token })).toMatchObject({ ok: false, error: "inviteAccepted" });
    expect(await run("invite.revoke", managerA, { inviteId: invite.id })).toMatchObject({ ok: false, error: "inviteAccepted" });
    expect((await getTeam(testDb, gangu.id)).members.map((m) => m.userId)).toContain(user.userId);
  });

  it("refuses the invited address until its owner has verified it (whoever signed up first with it)", async () => {
    const email = `unverified-${tag}@example.test`;
    const invite = data<{ id: string; token: string }>(await run("invite.create", managerA, { operatorId: gangu.id, email }));
    inviteIds.push(invite.id);
    const user = await newUser(email);
    await testDb.user.update({ where: { id: user.userId }, data: { emailVerifiedAt: null } });
    expect(await run("invite.accept", user, { token: invite.token })).toEqual({
      ok: false,
      error: "inviteEmailUnverified",
      values: { email },
    });
    expect(await testDb.membership.count({ where: { userId: user.userId } })).toBe(0);
    expect((await testDb.invite.findUniqueOrThrow({ where: { id: invite.id } })).acceptedAt).toBeNull();
  });

  it("refuses another signed-in user (wrong email) and changes nothing", async () => {
    const invite = data<{ id: string; token: string }>(
      await run("invite.create", managerA, { operatorId: gangu.id, email: `right-${tag}@example.test` }),
    );
    inviteIds.push(invite.id);
    const other = await newUser(`wrong-${tag}@example.test`);
    expect(await run("invite.accept", other, { token: invite.token })).toEqual({
      ok: false,
      error: "inviteWrongEmail",
      values: { invited: "ri***@example.test", current: `wrong-${tag}@example.test` },
    });
    expect(await testDb.membership.count({ where: { userId: other.userId } })).toBe(0);
    expect((await testDb.user.findUniqueOrThrow({ where: { id: other.userId } })).role).toBe("SHOPPER");
    expect((await testDb.invite.findUniqueOrThrow({ where: { id: invite.id } })).acceptedAt).toBeNull();
    // Signed out: sign in first.
    expect(await run("invite.accept", null, { token: invite.token })).toMatchObject({ ok: false, error: "signInRequired" });
  });

  it("refuses an expired invitation", async () => {
    const email = `expired-${tag}@example.test`;
    const { token, tokenHash } = newInviteToken();
    const invite = await testDb.invite.create({
      data: { operatorId: gangu.id, email, tokenHash, invitedById: managerA.userId, expiresAt: new Date(Date.now() - 60_000) },
    });
    inviteIds.push(invite.id);
    const user = await newUser(email);
    expect(await run("invite.accept", user, { token })).toMatchObject({ ok: false, error: "inviteExpired" });
    expect(await testDb.membership.count({ where: { userId: user.userId } })).toBe(0);
  });

  it("refuses a county officer (who certifies cooperatives) and a made-up token", async () => {
    const email = `officer-${tag}@example.test`;
    const invite = data<{ id: string; token: string }>(await run("invite.create", managerA, { operatorId: gangu.id, email }));
    inviteIds.push(invite.id);
    const user = await newUser(email, "OFFICER");
    expect(await run("invite.accept", user, { token: invite.token })).toMatchObject({ ok: false, error: "inviteRoleConflict" });
    expect((await testDb.invite.findUniqueOrThrow({ where: { id: invite.id } })).acceptedAt).toBeNull();
    expect(await run("invite.accept", user, { token: newInviteToken().token })).toMatchObject({ ok: false, error: "inviteInvalid" });
    expect(await run("invite.accept", user, { token: "../../etc/passwd" })).toMatchObject({ ok: false, error: "inviteInvalid" });
  });

  it("two accepts at the same moment: exactly one wins", async () => {
    const email = `race-${tag}@example.test`;
    const invite = data<{ id: string; token: string }>(await run("invite.create", managerA, { operatorId: gangu.id, email }));
    inviteIds.push(invite.id);
    const user = await newUser(email);
    const results = await Promise.all([
      run("invite.accept", user, { token: invite.token }),
      run("invite.accept", user, { token: invite.token }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ error: "inviteAccepted" });
    expect(await testDb.membership.count({ where: { userId: user.userId } })).toBe(1);
  });
});
