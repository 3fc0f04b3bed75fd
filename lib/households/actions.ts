"use server";
// The program office's household actions (建档立卡户): reveal a household's resident ID number
// (a reason is required; every reveal leaves an AuditLog row written before the number is
// returned; beyond a few an hour the officer re-enters their password and an alert is raised:
// ./reveal-limits.ts) and change its status (NOT_LIFTED / LIFTED / MONITORED) with an effective date; the
// status history is kept as AuditLog rows written in the same transaction as the update.
// Officers act on their own county's households only (canOfficeCounty), else notFound().
import { z } from "zod";
import { ActionError, notFound } from "@/lib/errors";
import { defineAction } from "@/lib/actions/define.server";
import { canOfficeCounty, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/db.server";
import { decryptResidentId, householdKeys } from "@/lib/households/id-number";
import { todayInChina } from "@/lib/certification/rules";
import { writeAudit } from "@/lib/audit/audit";
import { notifyRevealAlert } from "@/lib/auth/alerts";
import { verifyPassword } from "@/lib/auth/password";
import { withScrypt } from "@/lib/auth/scrypt-gate";
import { isThrottled, recordAttempt } from "@/lib/auth/throttle";
import { addressKey, clientAddress } from "@/lib/http/client-address";
import { headers } from "next/headers";
import { revealGate } from "./reveal-limits";

const OFFICE = ["OFFICER", "ADMIN"] as const;
const EARLIEST = "2014-01-01"; // 建档立卡 began in 2014

const householdId = z.string({ error: "notFound" }).trim().min(1, "notFound").max(100, "notFound");

const revealInput = z.object({
  householdId,
  reason: z.string({ error: "revealReasonRequired" }).trim().min(4, "revealReasonRequired").max(200, "revealReasonTooLong"),
  /** The officer's own password, asked for beyond a few reveals an hour. */
  password: z.string().max(1024, "wrongPassword").optional().default(""),
});

async function callerAddress(): Promise<string> {
  try {
    return addressKey(clientAddress(await headers()));
  } catch {
    return "unknown";
  }
}

/** The step-up: the officer's password, checked like a sign-in (throttled, failures recorded). */
async function passwordConfirmed(actor: Actor, password: string): Promise<boolean> {
  if (!password) return false;
  const user = await db.user.findUnique({
    where: { id: actor.userId },
    select: { email: true, passwordHash: true, signInClearedAt: true },
  });
  if (!user) return false;
  const ip = await callerAddress();
  if (await isThrottled(db, user.email, ip, user.signInClearedAt)) throw new ActionError("signInThrottled");
  const valid = await withScrypt("signIn", () => verifyPassword(password, user.passwordHash));
  if (!valid) await recordAttempt(db, user.email, ip, false);
  return valid;
}

const statusInput = z.object({
  householdId,
  status: z.enum(["NOT_LIFTED", "LIFTED", "MONITORED"], { error: "householdStatusRequired" }),
  effectiveOn: z
    .string({ error: "dateInvalid" })
    .trim()
    .superRefine((day, ctx) => {
      const date = new Date(`${day}T00:00:00Z`);
      if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== day) {
        ctx.addIssue({ code: "custom", message: "dateInvalid" });
      } else if (day > todayInChina()) {
        ctx.addIssue({ code: "custom", message: "statusDateFuture" });
      } else if (day < EARLIEST) {
        ctx.addIssue({ code: "custom", message: "statusDateTooEarly" });
      }
    }),
  note: z.string().trim().max(200, "noteTooLong").optional().default(""),
});

/** The household if the actor's office covers its county; else notFound() (other counties' ids are not confirmed). */
async function householdInCounty(actor: Actor, id: string) {
  const household = await db.household.findUnique({
    where: { id },
    select: { id: true, countyId: true, status: true, idNumberCipher: true },
  });
  if (!household || !canOfficeCounty(actor, household.countyId)) throw notFound();
  return { actor, household };
}

export const revealHouseholdIdAction = defineAction({
  name: "household.revealId",
  input: revealInput,
  allow: OFFICE,
  async run({ actor }, input) {
    const { actor: a, household } = await householdInCounty(actor, input.householdId);
    let idNumber: string;
    try {
      idNumber = decryptResidentId(household.idNumberCipher, householdKeys().encKey);
    } catch {
      // Stored under another key, or damaged: say so instead of failing with a server error.
      throw new ActionError("idNumberUnreadable");
    }
    // The password is checked outside the lock (scrypt is slow); the count is taken under it.
    const confirmed = input.password ? await passwordConfirmed(a, input.password) : false;
    if (input.password && !confirmed) throw new ActionError("wrongPassword");
    const revealsLastHour = await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${`reveal:${a.userId}`}))) l`;
      const count = await tx.auditLog.count({
        where: { userId: a.userId, action: "household.reveal", createdAt: { gte: new Date(Date.now() - 60 * 60_000) } },
      });
      const gate = revealGate(count);
      if (gate === "limit") throw new ActionError("revealLimit");
      if (gate === "stepUp" && !confirmed) throw new ActionError("revealStepUp");
      await writeAudit(tx, {
        userId: a.userId,
        action: "household.reveal",
        entity: "Household",
        entityId: household.id,
        detail: { reason: input.reason, ...(gate === "stepUp" ? { stepUp: true } : {}) },
      });
      return count + 1;
    });
    if (revealGate(revealsLastHour - 1) === "stepUp")
      await notifyRevealAlert(db, a.userId, household.countyId, revealsLastHour, household.id);
    return { idNumber };
  },
});

export const setHouseholdStatusAction = defineAction({
  name: "household.setStatus",
  input: statusInput,
  allow: OFFICE,
  async run({ actor }, input) {
    const { actor: a, household } = await householdInCounty(actor, input.householdId);
    if (household.status === input.status) throw new ActionError("statusUnchanged");
    await db.$transaction(async (tx) => {
      // Guarded on the status read above, so two concurrent changes cannot both record "from" wrongly.
      const updated = await tx.household.updateMany({
        where: { id: household.id, status: household.status },
        data: { status: input.status },
      });
      if (updated.count !== 1) throw new ActionError("statusChangedMeanwhile");
      await writeAudit(tx, {
        userId: a.userId,
        action: "household.status",
        entity: "Household",
        entityId: household.id,
        detail: { from: household.status, to: input.status, effectiveOn: input.effectiveOn, note: input.note },
      });
    });
    return { id: household.id, status: input.status };
  },
});
