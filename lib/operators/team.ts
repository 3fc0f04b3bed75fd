// The managers of an operator, and invitations for new ones; the same invitations bring colleagues
// into a buyer organisation (an Invite is for an operator or an organisation, never both: a CHECK).
// An invitation link carries a random 32-byte token; only its SHA-256 hash is stored, so the
// database alone cannot be used to accept an invitation. Accepting is one transaction: the invite
// is claimed with a guarded update (so it is used once, even when two tabs accept at the same
// moment), the membership is created and a shopper becomes a manager (an operator's invitation) or
// an institutional buyer (an organisation's).
import { createHash, randomBytes } from "node:crypto";
import { ActionError } from "@/lib/errors";
import { normaliseEmail } from "@/lib/auth/throttle";
import type { Db, Prisma } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { writeAudit } from "@/lib/audit/audit";

type Reader = Db | Prisma.TransactionClient;

export const INVITE_TTL_DAYS = 7;
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** A fresh invitation token (base64url of 32 random bytes) and the hash to store. */
export function newInviteToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashInviteToken(token) };
}

export function hashInviteToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function isInviteTokenShape(token: string): boolean {
  return TOKEN.test(token);
}

export function inviteExpiry(now = new Date()): Date {
  return new Date(now.getTime() + INVITE_TTL_DAYS * 24 * 60 * 60 * 1000);
}

/** "wang.li@example.com" → "wa***@example.com": enough to recognise, not to harvest. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 0) return "***";
  const local = email.slice(0, at);
  const shown = local.length <= 2 ? local.slice(0, 1) : local.slice(0, 2);
  return `${shown}***${email.slice(at)}`;
}

export { normaliseEmail };

export interface TeamMember {
  userId: string;
  name: string;
  email: string;
  role: Role;
  since: Date;
}

export interface PendingInvite {
  id: string;
  email: string;
  expiresAt: Date;
  createdAt: Date;
  invitedByName: string;
  expired: boolean;
}

/** The operator's managers (memberships) and its unaccepted invitations. */
export async function getTeam(
  db: Reader,
  operatorId: string,
  now = new Date(),
): Promise<{ members: TeamMember[]; invites: PendingInvite[] }> {
  const [memberships, invites] = await Promise.all([
    db.membership.findMany({
      where: { operatorId },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true, user: { select: { id: true, name: true, email: true, role: true } } },
    }),
    db.invite.findMany({
      where: { operatorId, acceptedAt: null },
      orderBy: { createdAt: "desc" },
      select: { id: true, email: true, expiresAt: true, createdAt: true, invitedBy: { select: { name: true } } },
    }),
  ]);
  return {
    members: memberships.map((m) => ({ userId: m.user.id, name: m.user.name, email: m.user.email, role: m.user.role, since: m.createdAt })),
    invites: invites.map((i) => ({
      id: i.id,
      email: i.email,
      expiresAt: i.expiresAt,
      createdAt: i.createdAt,
      invitedByName: i.invitedBy.name,
      expired: i.expiresAt.getTime() <= now.getTime(),
    })),
  };
}

export interface InviteView {
  id: string;
  email: string;
  expiresAt: Date;
  acceptedAt: Date | null;
  /** The operator whose team the invitation is for, or null for an organisation's invitation. */
  operator: { id: string; slug: string; nameZh: string; nameEn: string } | null;
  /** The buyer organisation the invitation is for, or null for an operator's invitation. */
  organisation: { id: string; nameZh: string; nameEn: string; disabledAt: Date | null } | null;
  invitedByName: string;
}

/** Whom an invitation is for: exactly one of an operator's team or a buyer organisation. */
export type InviteTarget = { operatorId: string } | { organisationId: string };

/**
 * Creates an invitation (inside the caller's transaction) and its audit row; an earlier unaccepted
 * invitation of the same address to the same team is replaced: one live link per person.
 */
export async function issueInvite(
  tx: Prisma.TransactionClient,
  target: InviteTarget,
  email: string,
  invitedById: string,
  now = new Date(),
): Promise<{ id: string; token: string; expiresAt: Date }> {
  const { token, tokenHash } = newInviteToken();
  const expiresAt = inviteExpiry(now);
  const replaced = await tx.invite.findMany({ where: { ...target, email, acceptedAt: null }, select: { id: true } });
  if (replaced.length) await tx.invite.deleteMany({ where: { id: { in: replaced.map((r) => r.id) } } });
  const created = await tx.invite.create({ data: { ...target, email, tokenHash, invitedById, expiresAt }, select: { id: true } });
  await writeAudit(tx, {
    userId: invitedById,
    action: "invite.create",
    entity: "Invite",
    entityId: created.id,
    detail: { ...target, email, expiresAt: expiresAt.toISOString(), replaced: replaced.map((r) => r.id) },
  });
  return { id: created.id, token, expiresAt };
}

/** The invitation behind a token, or null (malformed, unknown or revoked). */
export async function findInviteByToken(db: Reader, token: string): Promise<InviteView | null> {
  if (!isInviteTokenShape(token)) return null;
  const invite = await db.invite.findUnique({
    where: { tokenHash: hashInviteToken(token) },
    select: {
      id: true,
      email: true,
      expiresAt: true,
      acceptedAt: true,
      operator: { select: { id: true, slug: true, nameZh: true, nameEn: true } },
      organisation: { select: { id: true, nameZh: true, nameEn: true, disabledAt: true } },
      invitedBy: { select: { name: true } },
    },
  });
  if (!invite) return null;
  const { invitedBy, ...rest } = invite;
  return { ...rest, invitedByName: invitedBy.name };
}

/** Roles that cannot also manage a cooperative: a program officer certifies and audits cooperatives, an institution buys from them. */
const ROLES_THAT_CANNOT_MANAGE: readonly Role[] = ["OFFICER", "INSTITUTION"];
/**
 * Roles that cannot also buy for an organisation: an officer certifies and reports on what
 * organisations buy, a cooperative's manager sells to them.
 */
const ROLES_THAT_CANNOT_BUY_FOR: readonly Role[] = ["OFFICER", "MANAGER"];

export type AcceptedInvite =
  | { inviteId: string; operatorId: string; operatorSlug: string; promoted: boolean }
  | { inviteId: string; organisationId: string; promoted: boolean };

/**
 * Accepts an invitation for `userId`. Refusals (ActionError, translated under errors.):
 * inviteInvalid, inviteAccepted, inviteExpired, inviteWrongEmail {invited, current}, inviteRoleConflict.
 * Must run inside a transaction (pass the transaction client).
 */
export async function acceptInvite(tx: Prisma.TransactionClient, token: string, userId: string, now = new Date()): Promise<AcceptedInvite> {
  const invite = await findInviteByToken(tx, token);
  if (!invite) throw new ActionError("inviteInvalid");
  if (invite.acceptedAt) throw new ActionError("inviteAccepted");
  if (invite.expiresAt.getTime() <= now.getTime()) throw new ActionError("inviteExpired");
  // A disabled organisation takes no new members.
  if (invite.organisation?.disabledAt) throw new ActionError("inviteInvalid");
  const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, role: true, emailVerifiedAt: true } });
  if (!user) throw new ActionError("signInRequired");
  if (normaliseEmail(user.email) !== normaliseEmail(invite.email)) {
    throw new ActionError("inviteWrongEmail", { invited: maskEmail(invite.email), current: user.email });
  }
  // Whoever signs up first with the invited address must still prove it is theirs (the link of
  // the verification mail), or anyone could claim an invitation by typing the address.
  if (!user.emailVerifiedAt) throw new ActionError("inviteEmailUnverified", { email: user.email });
  if (invite.operator && ROLES_THAT_CANNOT_MANAGE.includes(user.role)) throw new ActionError("inviteRoleConflict");
  if (invite.organisation && ROLES_THAT_CANNOT_BUY_FOR.includes(user.role)) throw new ActionError("organisationInviteRoleConflict");

  // Claim the invitation: only one transaction can move acceptedAt from null.
  const claimed = await tx.invite.updateMany({
    where: { id: invite.id, acceptedAt: null, expiresAt: { gt: now } },
    data: { acceptedAt: now },
  });
  if (claimed.count !== 1) throw new ActionError("inviteAccepted");

  const promoted = user.role === "SHOPPER";
  if (invite.operator) {
    await tx.membership.createMany({ data: [{ userId: user.id, operatorId: invite.operator.id }], skipDuplicates: true });
    if (promoted) await tx.user.update({ where: { id: user.id }, data: { role: "MANAGER" } });
  } else if (invite.organisation) {
    await tx.organisationMember.createMany({
      data: [{ userId: user.id, organisationId: invite.organisation.id, isManager: false }],
      skipDuplicates: true,
    });
    if (promoted) await tx.user.update({ where: { id: user.id }, data: { role: "INSTITUTION" } });
  }
  await writeAudit(tx, {
    userId: user.id,
    action: "invite.accept",
    entity: "Invite",
    entityId: invite.id,
    detail: invite.operator ? { operatorId: invite.operator.id, promoted } : { organisationId: invite.organisation!.id, promoted },
  });
  return invite.operator
    ? { inviteId: invite.id, operatorId: invite.operator.id, operatorSlug: invite.operator.slug, promoted }
    : { inviteId: invite.id, organisationId: invite.organisation!.id, promoted };
}
