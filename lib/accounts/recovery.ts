// Account recovery and address verification, with a db parameter (actions, tests).
//   requestPasswordReset  the same answer whether or not the address has an account; a mail with a
//                         one-hour, single-use link only when it has (at most 3 an hour)
//   resetPassword         spends the link, sets the password, ends every session of the account
//                         (User.sessionVersion, checked by lib/auth/session.server.ts), spends the
//                         account's other reset links, and tells the owner by mail
//   sendVerification      a 24-hour link proving the address (sign-up sends one)
//   verifyEmail           spends it: the account's address is verified if it is still that address
//   signUpAttemptOnTaken  someone signed up with an address that has an account: its owner gets a
//                         mail (at most one per 10 minutes) and the answer is the same as for a new one
import { writeAudit } from "@/lib/audit/audit";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { ActionError } from "@/lib/errors";
import { hashPassword } from "@/lib/auth/password";
import { normaliseEmail } from "@/lib/auth/throttle";
import { siteLink } from "@/lib/notifications/config";
import { enqueue } from "@/lib/notifications/outbox";
import { issueToken, RESET_TTL_MS, spendToken, VERIFY_TTL_MS } from "./email-tokens";

type Tx = Prisma.TransactionClient;

export const RESETS_PER_HOUR = 3;

export async function requestPasswordReset(db: Db, rawEmail: string, now = new Date()): Promise<{ sent: true }> {
  const email = normaliseEmail(rawEmail);
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email }, select: { id: true, email: true, locale: true } });
    if (!user) return;
    // One request at a time per account, so the hourly cap holds under a burst.
    await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${`reset:${user.id}`}))) l`;
    const recent = await tx.emailToken.count({
      where: { userId: user.id, purpose: "PASSWORD_RESET", createdAt: { gt: new Date(now.getTime() - 60 * 60 * 1000) } },
    });
    if (recent >= RESETS_PER_HOUR) return;
    const token = await issueToken(tx, { userId: user.id, purpose: "PASSWORD_RESET", email: user.email, ttlMs: RESET_TTL_MS, now });
    await enqueue(tx, {
      kind: "password.reset",
      key: `password.reset:${token.slice(0, 16)}`,
      email: user.email,
      userId: user.id,
      locale: user.locale,
      data: {},
      secret: siteLink(`/reset-password?token=${token}`, user.locale),
    });
  });
  return { sent: true };
}

export async function resetPassword(db: Db, token: string, newPassword: string, now = new Date()): Promise<{ userId: string }> {
  const passwordHash = await hashPassword(newPassword);
  return db.$transaction(async (tx) => {
    const spent = await spendToken(tx, token, "PASSWORD_RESET", now);
    if (!spent) throw new ActionError("resetLinkInvalid");
    const user = await tx.user.update({
      where: { id: spent.userId },
      data: { passwordHash, sessionVersion: { increment: 1 } },
      select: { id: true, email: true, locale: true, sessionVersion: true },
    });
    await tx.emailToken.updateMany({ where: { userId: user.id, purpose: "PASSWORD_RESET", usedAt: null }, data: { usedAt: now } });
    await writeAudit(tx, { userId: user.id, action: "password.reset", entity: "User", entityId: user.id });
    await enqueue(tx, {
      kind: "password.changed",
      key: `password.changed:${user.id}:${user.sessionVersion}`,
      email: user.email,
      userId: user.id,
      locale: user.locale,
      data: {},
    });
    return { userId: user.id };
  });
}

export async function sendVerification(tx: Tx, user: { id: string; email: string; locale: string }, now = new Date()): Promise<void> {
  const token = await issueToken(tx, { userId: user.id, purpose: "VERIFY_EMAIL", email: user.email, ttlMs: VERIFY_TTL_MS, now });
  await enqueue(tx, {
    kind: "email.verify",
    key: `email.verify:${token.slice(0, 16)}`,
    email: user.email,
    userId: user.id,
    locale: user.locale,
    data: {},
    secret: siteLink(`/verify-email?token=${token}`, user.locale),
  });
}

export async function verifyEmail(db: Db, token: string, now = new Date()): Promise<{ userId: string }> {
  return db.$transaction(async (tx) => {
    const spent = await spendToken(tx, token, "VERIFY_EMAIL", now);
    if (!spent) throw new ActionError("verifyLinkInvalid");
    // The link proves the address it was sent to, and only while the account still has it.
    const updated = await tx.user.updateMany({
      where: { id: spent.userId, email: spent.email, emailVerifiedAt: null },
      data: { emailVerifiedAt: now },
    });
    if (updated.count === 1) {
      await writeAudit(tx, { userId: spent.userId, action: "email.verify", entity: "User", entityId: spent.userId });
    }
    return { userId: spent.userId };
  });
}

/** Another verification mail for a signed-in user whose address is not verified yet (at most 3 an hour). */
export async function resendVerification(db: Db, userId: string, now = new Date()): Promise<{ sent: boolean }> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({
      where: { id: userId },
      select: { id: true, email: true, locale: true, emailVerifiedAt: true },
    });
    if (!user || user.emailVerifiedAt) return { sent: false };
    await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${`verify:${user.id}`}))) l`;
    const recent = await tx.emailToken.count({
      where: { userId, purpose: "VERIFY_EMAIL", createdAt: { gt: new Date(now.getTime() - 60 * 60 * 1000) } },
    });
    if (recent >= 3) return { sent: false };
    await sendVerification(tx, user, now);
    return { sent: true };
  });
}

export async function signUpAttemptOnTaken(tx: Tx, email: string, now = new Date()): Promise<void> {
  const owner = await tx.user.findUnique({ where: { email }, select: { id: true, email: true, locale: true } });
  if (!owner) return;
  await enqueue(tx, {
    kind: "account.exists",
    key: `account.exists:${owner.id}:${Math.floor(now.getTime() / 600_000)}`,
    email: owner.email,
    userId: owner.id,
    locale: owner.locale,
    data: { link: siteLink("/forgot-password", owner.locale) },
  });
}
