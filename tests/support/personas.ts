// The personas of the authorization test, as the server would see them after sign-in.
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/load-actor";
import { testDb } from "./db";

export const PERSONAS = ["anonymous", "shopper", "managerA", "managerB", "officerGangu", "officerSunan", "admin"] as const;
export type Persona = (typeof PERSONAS)[number];

/** Operator A is in Gangu, operator B in Sunan (see prisma/demo-accounts.ts). */
export const OPERATOR_A = "dazhuang-chili-coop";
export const OPERATOR_B = "daduma-coop";

const userIds: Record<Exclude<Persona, "anonymous">, string> = {
  shopper: "seed-user-shopper",
  managerA: "seed-user-manager-gangu",
  managerB: "seed-user-manager-sunan",
  officerGangu: "seed-user-officer-gangu",
  officerSunan: "seed-user-officer-sunan",
  admin: "seed-user-admin",
};

export async function actorOf(persona: Persona): Promise<Actor | null> {
  if (persona === "anonymous") return null;
  const actor = await loadActor(testDb, userIds[persona]);
  if (!actor) throw new Error(`demo user ${userIds[persona]} is missing: is the demo seed loaded?`);
  return actor;
}
