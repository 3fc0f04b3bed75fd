import type { Db } from "@/lib/db/client";
import type { Actor } from "./actor";
import { sessionIsCurrent, type SessionClaims } from "./sessions";

/**
 * The actor of a user id, from the database (role and memberships as they are now); null when disabled. With the
 * session's claims, null unless that session is still live (./sessions.ts): the same one query.
 */
export async function loadActor(db: Db, userId: string, session?: SessionClaims): Promise<Actor | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      countyId: true,
      sessionVersion: true,
      revokedSessions: true,
      disabledAt: true,
      memberships: { select: { operatorId: true } },
    },
  });
  // A disabled user is nobody: every session of theirs ends at once (the actor is reloaded per request).
  if (!user || user.disabledAt) return null;
  if (session && !sessionIsCurrent(user, session)) return null;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    countyId: user.countyId,
    operatorIds: user.memberships.map((m) => m.operatorId),
  };
}
