// The admin console's account changes: create an officer, institutional buyer, admin (or shopper)
// account; change a role or an officer's county; disable and re-enable. Every change writes an
// AuditLog row with who, what, before and after, in the same transaction. Takes a `db`.
import { ActionError, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { Prisma, type Db } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { writeAudit, type AuditAction } from "@/lib/audit/audit";

type Tx = Prisma.TransactionClient;

const snapshot = { id: true, email: true, name: true, role: true, countyId: true, disabledAt: true } as const;
type Snapshot = Prisma.UserGetPayload<{ select: typeof snapshot }>;
const plain = (u: Snapshot) => ({ role: u.role, countyId: u.countyId, disabled: u.disabledAt !== null });

function audit(tx: Tx, actor: Actor, action: AuditAction, userId: string, detail: Prisma.InputJsonValue) {
  return writeAudit(tx, { userId: actor.userId, action, entity: "User", entityId: userId, detail });
}

/** An officer needs a county; nobody else has one. */
async function checkScope(tx: Tx, role: Role, countyId: string | null): Promise<string | null> {
  if (role !== "OFFICER") return null;
  if (!countyId) throw new ActionError("officerCountyRequired");
  const county = await tx.region.findFirst({ where: { id: countyId, level: "COUNTY" }, select: { id: true } });
  if (!county) throw new ActionError("countyUnknown");
  return county.id;
}

export async function createAccount(
  db: Db,
  actor: Actor,
  input: { email: string; name: string; role: Role; countyId: string | null; passwordHash: string },
) {
  if (input.role === "MANAGER") throw new ActionError("managerByInvitation");
  try {
    return await db.$transaction(async (tx) => {
      const countyId = await checkScope(tx, input.role, input.countyId);
      const user = await tx.user.create({
        data: { email: input.email, name: input.name, role: input.role, countyId, passwordHash: input.passwordHash },
        select: snapshot,
      });
      await audit(tx, actor, "user.create", user.id, { before: null, after: { email: user.email, ...plain(user) } });
      return { id: user.id };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new ActionError("emailTaken");
    throw error;
  }
}

async function lockedUser(tx: Tx, userId: string): Promise<Snapshot> {
  await tx.$queryRaw`SELECT 1 AS locked FROM "User" WHERE "id" = ${userId} FOR UPDATE`;
  const user = await tx.user.findUnique({ where: { id: userId }, select: snapshot });
  if (!user) throw notFound();
  return user;
}

export async function changeRole(db: Db, actor: Actor, input: { userId: string; role: Role; countyId: string | null }) {
  if (input.userId === actor.userId) throw new ActionError("notOnYourself");
  return db.$transaction(async (tx) => {
    const before = await lockedUser(tx, input.userId);
    const countyId = await checkScope(tx, input.role, input.countyId);
    if (input.role === "MANAGER") {
      const memberships = await tx.membership.count({ where: { userId: input.userId } });
      if (memberships === 0) throw new ActionError("managerByInvitation");
    }
    const after = await tx.user.update({ where: { id: input.userId }, data: { role: input.role, countyId }, select: snapshot });
    await audit(tx, actor, "user.role", input.userId, { before: plain(before), after: plain(after) });
    return { id: after.id, role: after.role };
  });
}

export async function setDisabled(db: Db, actor: Actor, userId: string, disabled: boolean) {
  if (userId === actor.userId) throw new ActionError("notOnYourself");
  return db.$transaction(async (tx) => {
    const before = await lockedUser(tx, userId);
    if ((before.disabledAt !== null) === disabled) return { id: userId, disabled };
    const after = await tx.user.update({ where: { id: userId }, data: { disabledAt: disabled ? new Date() : null }, select: snapshot });
    await audit(tx, actor, disabled ? "user.disable" : "user.enable", userId, { before: plain(before), after: plain(after) });
    return { id: userId, disabled };
  });
}
