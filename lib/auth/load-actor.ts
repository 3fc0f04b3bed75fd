import type { Db } from "@/lib/db/client";
import type { Actor } from "./actor";

/** The actor of a user id, from the database (role and memberships as they are now). */
export async function loadActor(db: Db, userId: string): Promise<Actor | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true, countyId: true, memberships: { select: { operatorId: true } } },
  });
  if (!user) return null;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    countyId: user.countyId,
    operatorIds: user.memberships.map((m) => m.operatorId),
  };
}
