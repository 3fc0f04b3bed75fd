// The managers of an operator, and invitations for new ones. An invitation link carries a
// random 32-byte token; only its SHA-256 hash is stored, so the database alone cannot be used
// to accept an invitation. Accepting is one transaction: the invite is claimed with a guarded
// update (so it is used once, even when two tabs accept at the same moment), the membership is
// created and a shopper becomes a manager.
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
  operator: { id: string; slug: string; nameZh: string; nameEn: string };
  invitedByName: string;
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
 * Accepts an invitation for `userId`. Refusals (ActionError, translated under errors.):
 * inviteInvalid, inviteAccepted, inviteExpired, inviteWrongEmail {invited, current}, inviteRoleConflict.
 * Must run inside a transaction (pass the transaction client).
 */
export async function acceptInvite(
  tx: Prisma.TransactionClient,
  token: string,
  userId: string,
  now = new Date(),
): Promise<{ inviteId: string; operatorId: string; operatorSlug: string; promoted: boolean }> {
  const invite = await findInviteByToken(tx, token);
  if (!invite) throw new ActionError("inviteInvalid");
  if (invite.acceptedAt) throw new ActionError("inviteAccepted");
  if (invite.expiresAt.getTime() <= now.getTime()) throw new ActionError("inviteExpired");
  const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true, role: true } });
  if (!user) throw new ActionError("signInRequired");
  if (normaliseEmail(user.email) !== normaliseEmail(invite.email)) {
    throw new ActionError("inviteWrongEmail", { invited: maskEmail(invite.email), current: user.email });
  }
  if (ROLES_THAT_CANNOT_MANAGE.includes(user.role)) throw new ActionError("inviteRoleConflict");

  // Claim the invitation: only one transaction can move acceptedAt from null.
  const claimed = await tx.invite.updateMany({
    where: { id: invite.id, acceptedAt: null, expiresAt: { gt: now } },
    data: { acceptedAt: now },
  });
  if (claimed.count !== 1) throw new ActionError("inviteAccepted");

  await tx.membership.createMany({ data: [{ userId: user.id, operatorId: invite.operator.id }], skipDuplicates: true });
  const promoted = user.role === "SHOPPER";
  if (promoted) await tx.user.update({ where: { id: user.id }, data: { role: "MANAGER" } });
  await writeAudit(tx, {
    userId: user.id,
    action: "invite.accept",
    entity: "Invite",
    entityId: invite.id,
    detail: { operatorId: invite.operator.id, promoted },
  });
  return { inviteId: invite.id, operatorId: invite.operator.id, operatorSlug: invite.operator.slug, promoted };
}
