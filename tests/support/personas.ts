// The personas of the authorization test, as the server would see them after sign-in.
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/load-actor";
import { hashPassword } from "@/lib/auth/password";
import { testDb } from "./db";

export const PERSONAS = ["anonymous", "shopper", "managerA", "managerB", "officerGangu", "officerSunan", "admin", "applicant"] as const;
export type Persona = (typeof PERSONAS)[number];

/** Operator A is in Gangu, operator B in Sunan (see prisma/demo-accounts.ts). */
export const OPERATOR_A = "dazhuang-chili-coop";
export const OPERATOR_B = "daduma-coop";

const userIds: Record<Exclude<Persona, "anonymous" | "applicant">, string> = {
  shopper: "seed-user-shopper",
  managerA: "seed-user-manager-gangu",
  managerB: "seed-user-manager-sunan",
  officerGangu: "seed-user-officer-gangu",
  officerSunan: "seed-user-officer-sunan",
  admin: "seed-user-admin",
};

/** The applicant: a shopper account that has applied to sell (not in the demo seed; made on first use). */
export const APPLICANT_ID = "test-user-applicant";
export const APPLICANT_PASSWORD = "Test-2026-applicant";
let applicantReady: Promise<void> | undefined;
export function ensureApplicant(): Promise<void> {
  return (applicantReady ??= (async () => {
    await testDb.user.upsert({
      where: { id: APPLICANT_ID },
      create: {
        id: APPLICANT_ID,
        email: "applicant@example.test",
        name: "测试申请人",
        role: "SHOPPER",
        passwordHash: await hashPassword(APPLICANT_PASSWORD),
      },
      update: {},
    });
  })());
}

export async function actorOf(persona: Persona): Promise<Actor | null> {
  if (persona === "anonymous") return null;
  if (persona === "applicant") {
    await ensureApplicant();
    return loadActor(testDb, APPLICANT_ID);
  }
  const actor = await loadActor(testDb, userIds[persona]);
  if (!actor) throw new Error(`demo user ${userIds[persona]} is missing: is the demo seed loaded?`);
  return actor;
}
