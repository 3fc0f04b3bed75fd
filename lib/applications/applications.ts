// 开店申请: writing applications and taking their steps (lib/applications/state.ts). Takes a `db`
// (or a transaction), so tests and the seed can call it; the actions in ./actions.ts check who
// calls and store the documents first.
import { randomBytes } from "node:crypto";
import { ActionError, notFound } from "@/lib/errors";
import { canOfficeCounty, type Actor } from "@/lib/auth/actor";
import { slugBase } from "@/lib/products/listing";
import { Prisma, type Db } from "@/lib/db/client";
import type { ApplicationDocumentKind } from "@/lib/generated/prisma/enums";
import type { ApplicationFields } from "./schemas";
import { nextStatus, type ApplicationStatus, type ApplicationStep, type StepBy } from "./state";
import { writeAudit, type AuditAction } from "@/lib/audit/audit";
import { notifyApplicationDecision } from "@/lib/notifications/events";

type Tx = Prisma.TransactionClient;
type Reader = Db | Tx;

export interface StoredDocument {
  kind: ApplicationDocumentKind;
  url: string;
  contentType: string;
  sizeBytes: number;
  fileName: string;
}

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

/** The village is a village of the county, and every GI mark is the county's; else a clear refusal. */
export async function checkPlacement(db: Reader, fields: Pick<ApplicationFields, "countyId" | "villageId" | "giMarkIds">) {
  const county = await db.region.findFirst({ where: { id: fields.countyId, level: "COUNTY" }, select: { id: true } });
  if (!county) throw new ActionError("countyUnknown");
  const village = await db.region.findFirst({
    where: { id: fields.villageId, level: "VILLAGE", parent: { parentId: county.id } },
    select: { id: true },
  });
  if (!village) throw new ActionError("villageOutsideCounty");
  const marks = [...new Set(fields.giMarkIds)];
  if (marks.length > 0) {
    const found = await db.giMark.count({ where: { id: { in: marks }, countyId: county.id } });
    if (found !== marks.length) throw new ActionError("giMarkOutsideCounty");
  }
  return { giMarkIds: marks };
}

/** The credit code is free: no operator has it (unless …) and no other open application. */
export async function checkCreditCodeFree(db: Reader, code: string, applicantId: string | null, exceptApplicationId?: string) {
  const operator = await db.operator.findUnique({
    where: { creditCode: code },
    select: { id: true, memberships: applicantId ? { where: { userId: applicantId }, select: { userId: true } } : false },
  });
  if (operator) {
    const manages = Array.isArray(operator.memberships) && operator.memberships.length > 0;
    throw new ActionError(manages ? "applicationAlreadyManager" : "creditCodeTaken");
  }
  const open = await db.operatorApplication.findFirst({
    where: {
      creditCode: code,
      status: { in: ["APPLIED", "RECOMMENDED", "RETURNED"] },
      ...(exceptApplicationId ? { id: { not: exceptApplicationId } } : {}),
    },
    select: { id: true },
  });
  if (open) throw new ActionError("applicationCreditCodeOpen");
}

function audit(tx: Tx, userId: string | null, action: AuditAction, entityId: string, detail: Prisma.InputJsonValue) {
  return writeAudit(tx, { userId, action, entity: "OperatorApplication", entityId, detail });
}

const fieldData = (f: ApplicationFields, giMarkIds: string[]) => ({
  kind: f.kind,
  nameZh: f.nameZh,
  nameEn: f.nameEn,
  creditCode: f.creditCode,
  legalRep: f.legalRep,
  mobile: f.mobile,
  countyId: f.countyId,
  villageId: f.villageId,
  giMarkIds,
  benefitMechanism: f.benefitMechanism,
});

/** A new application by `applicantId` (an account that exists, or was created in the same transaction). */
export async function createApplication(tx: Tx, applicantId: string, fields: ApplicationFields, documents: StoredDocument[]) {
  const { giMarkIds } = await checkPlacement(tx, fields);
  await checkCreditCodeFree(tx, fields.creditCode, applicantId);
  try {
    const created = await tx.operatorApplication.create({
      data: { applicantId, ...fieldData(fields, giMarkIds), documents: { create: documents } },
      select: { id: true, status: true },
    });
    await audit(tx, applicantId, "application.submit", created.id, {
      creditCode: fields.creditCode,
      nameZh: fields.nameZh,
      countyId: fields.countyId,
    });
    return created;
  } catch (error) {
    // Two applications with the same code at once: the partial unique index decides.
    if (isUniqueViolation(error)) throw new ActionError("applicationCreditCodeOpen");
    throw error;
  }
}

/** The applicant corrects a returned application and sends it again; new documents replace old ones of their kind. */
export async function resubmitApplication(
  tx: Tx,
  applicantId: string,
  applicationId: string,
  fields: ApplicationFields,
  documents: StoredDocument[],
) {
  const [row] = await tx.$queryRaw<{ id: string; status: ApplicationStatus; applicantId: string }[]>`
    SELECT "id", "status"::text AS "status", "applicantId" FROM "OperatorApplication" WHERE "id" = ${applicationId} FOR UPDATE`;
  if (!row || row.applicantId !== applicantId) throw notFound();
  if (nextStatus(row.status, "resubmit", "applicant") === null) throw new ActionError("applicationNotReturned");
  const { giMarkIds } = await checkPlacement(tx, fields);
  await checkCreditCodeFree(tx, fields.creditCode, applicantId, applicationId);
  const replaced = documents.map((d) => d.kind);
  if (replaced.length > 0) await tx.applicationDocument.deleteMany({ where: { applicationId, kind: { in: replaced } } });
  try {
    await tx.operatorApplication.update({
      where: { id: applicationId },
      data: { ...fieldData(fields, giMarkIds), status: "APPLIED", reason: null, documents: { create: documents } },
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new ActionError("applicationCreditCodeOpen");
    throw error;
  }
  await audit(tx, applicantId, "application.resubmit", applicationId, { creditCode: fields.creditCode, replacedDocuments: replaced });
  return { id: applicationId, status: "APPLIED" as const };
}

/** Who the actor is to this application's steps, or notFound() when they may not see it at all. */
function roleFor(actor: Actor, countyId: string): StepBy {
  if (actor.role === "ADMIN") return "admin";
  if (canOfficeCounty(actor, countyId)) return "office";
  throw notFound();
}

/** recommend / return / reject, by the county office or an admin (approve has its own function). */
export async function decideApplication(
  tx: Tx,
  actor: Actor,
  applicationId: string,
  step: Exclude<ApplicationStep, "resubmit" | "approve">,
  reason: string | null,
) {
  const [row] = await tx.$queryRaw<{ id: string; status: ApplicationStatus; countyId: string }[]>`
    SELECT "id", "status"::text AS "status", "countyId" FROM "OperatorApplication" WHERE "id" = ${applicationId} FOR UPDATE`;
  if (!row) throw notFound();
  const by = roleFor(actor, row.countyId);
  const next = nextStatus(row.status, step, by);
  if (next === null) throw new ActionError("applicationWrongStep");
  await tx.operatorApplication.update({
    where: { id: row.id },
    data: { status: next, reason: step === "recommend" ? null : reason, decidedAt: next === "REJECTED" ? new Date() : null },
  });
  const event = await audit(tx, actor.userId, `application.${step}`, row.id, {
    before: row.status,
    after: next,
    ...(reason ? { reason } : {}),
  });
  // The applicant hears of a recommendation or a return (a rejection is final and shown on /apply).
  if (next === "RECOMMENDED") await notifyApplicationDecision(tx, row.id, "recommended", event.id);
  if (next === "RETURNED") await notifyApplicationDecision(tx, row.id, "returned", event.id);
  return { id: row.id, status: next };
}

function slugSuffix(): string {
  const alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
  return [...randomBytes(5)].map((b) => alphabet[b % 32]).join("");
}

/**
 * Approval: in one transaction the application becomes APPROVED, the operator is created with its
 * slug, the applicant becomes its manager (a Membership; a shopper's role becomes MANAGER), and the
 * GI marks it asked for are authorised. Only an admin, only a RECOMMENDED application.
 */
export async function approveApplication(tx: Tx, actor: Actor, applicationId: string) {
  if (actor.role !== "ADMIN") throw notFound();
  const [row] = await tx.$queryRaw<{ id: string; status: ApplicationStatus }[]>`
    SELECT "id", "status"::text AS "status" FROM "OperatorApplication" WHERE "id" = ${applicationId} FOR UPDATE`;
  if (!row) throw notFound();
  if (nextStatus(row.status, "approve", "admin") === null) throw new ActionError("applicationWrongStep");
  const app = await tx.operatorApplication.findUniqueOrThrow({
    where: { id: applicationId },
    include: { applicant: { select: { id: true, role: true, disabledAt: true } } },
  });
  if (app.applicant.disabledAt) throw new ActionError("applicantDisabled");
  await checkCreditCodeFree(tx, app.creditCode, app.applicantId, app.id);
  const base =
    slugBase(app.nameEn || "operator")
      .slice(0, 40)
      .replace(/-+$/u, "") || "operator";
  let operatorId = "";
  let slug = "";
  for (let attempt = 0; ; attempt++) {
    slug = `${base}-${slugSuffix()}`;
    try {
      // A savepoint per attempt, so a slug clash does not abort the whole transaction.
      await tx.$executeRaw`SAVEPOINT operator_slug`;
      const op = await tx.operator.create({
        data: {
          slug,
          nameZh: app.nameZh,
          nameEn: app.nameEn || app.nameZh,
          kind: app.kind,
          creditCode: app.creditCode,
          countyId: app.countyId,
          villageId: app.villageId,
          legalRep: app.legalRep,
          mobile: app.mobile,
          isDemo: false,
        },
        select: { id: true },
      });
      await tx.$executeRaw`RELEASE SAVEPOINT operator_slug`;
      operatorId = op.id;
      break;
    } catch (error) {
      await tx.$executeRaw`ROLLBACK TO SAVEPOINT operator_slug`;
      const target = (error as { meta?: { target?: unknown } }).meta?.target;
      if (isUniqueViolation(error) && String(target).includes("creditCode")) throw new ActionError("creditCodeTaken");
      if (attempt < 4 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
  await tx.membership.create({ data: { userId: app.applicantId, operatorId } });
  if (app.applicant.role === "SHOPPER" || app.applicant.role === "INSTITUTION") {
    await tx.user.update({ where: { id: app.applicantId }, data: { role: "MANAGER" } });
  }
  if (app.giMarkIds.length > 0) {
    const marks = await tx.giMark.findMany({ where: { id: { in: app.giMarkIds }, countyId: app.countyId }, select: { id: true } });
    await tx.operatorGiMark.createMany({ data: marks.map((m) => ({ operatorId, giMarkId: m.id })), skipDuplicates: true });
  }
  await tx.operatorApplication.update({
    where: { id: app.id },
    data: { status: "APPROVED", operatorId, decidedAt: new Date(), reason: null },
  });
  const event = await audit(tx, actor.userId, "application.approve", app.id, {
    before: "RECOMMENDED",
    after: "APPROVED",
    operatorId,
    slug,
  });
  await notifyApplicationDecision(tx, app.id, "approved", event.id);
  await writeAudit(tx, {
    userId: actor.userId,
    action: "operator.create",
    entity: "Operator",
    entityId: operatorId,
    detail: { slug, creditCode: app.creditCode, applicationId: app.id, managerId: app.applicantId, previousRole: app.applicant.role },
  });
  return { id: app.id, status: "APPROVED" as const, operatorId, slug };
}
