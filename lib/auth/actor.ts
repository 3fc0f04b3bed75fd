// Who is calling, as every server action and route sees it, and the scope rules in one place.
// Pure: the actor is loaded from the session and the database by ./session.server.ts.
import type { Role } from "@/lib/generated/prisma/enums";

export interface Actor {
  userId: string;
  email: string;
  name: string;
  role: Role;
  /** Operators this user manages (Membership rows). */
  operatorIds: string[];
  /** OFFICER: the county served. */
  countyId: string | null;
}

/** May this actor run the cooperative console of this operator? */
export function canManageOperator(actor: Actor | null, operatorId: string): boolean {
  if (!actor) return false;
  if (actor.role === "ADMIN") return true;
  return actor.role === "MANAGER" && actor.operatorIds.includes(operatorId);
}

/** May this actor see the program office data (households included) of this county? */
export function canOfficeCounty(actor: Actor | null, countyId: string): boolean {
  if (!actor) return false;
  if (actor.role === "ADMIN") return true;
  return actor.role === "OFFICER" && actor.countyId === countyId;
}

export function isSignedIn(actor: Actor | null): actor is Actor {
  return actor !== null;
}
