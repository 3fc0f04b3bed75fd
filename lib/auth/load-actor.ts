import type { Db } from "@/lib/db/client";
import type { Actor } from "./actor";

/**
 * The actor of a user id, from the database (role and memberships as they are now). With the
 * session's `sessionVersion`: null when the account's sessions were ended since (a password reset).
 */
export async function loadActor(db: Db, userId: string, sessionVersion?: number): Promise<Actor | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      countyId: true,
      sessionVersion: true,
      memberships: { select: { operatorId: true } },
    },
  });
  if (!user) return null;
  if (sessionVersion !== undefined && user.sessionVersion !== sessionVersion) return null;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    countyId: user.countyId,
    operatorIds: user.memberships.map((m) => m.operatorId),
  };
}
