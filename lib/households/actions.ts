"use server";
// The program office's household actions (建档立卡户): reveal a household's resident ID number
// (a reason is required; every reveal leaves an AuditLog row written before the number is
// returned) and change its status (NOT_LIFTED / LIFTED / MONITORED) with an effective date; the
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

const OFFICE = ["OFFICER", "ADMIN"] as const;
const EARLIEST = "2014-01-01"; // 建档立卡 began in 2014

const householdId = z.string({ error: "notFound" }).trim().min(1, "notFound").max(100, "notFound");

const revealInput = z.object({
  householdId,
  reason: z.string({ error: "revealReasonRequired" }).trim().min(4, "revealReasonRequired").max(200, "revealReasonTooLong"),
});

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
    await writeAudit(db, {
      userId: a.userId,
      action: "household.reveal",
      entity: "Household",
      entityId: household.id,
      detail: { reason: input.reason },
    });
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
