import "server-only";
// Reads of applications for the pages: the applicant's own, the county office's queue (its own
// county only), the admin's queue (every county), and one application within the reader's scope.
import type { Actor } from "@/lib/auth/actor";
import { canOfficeCounty } from "@/lib/auth/actor";
import { db } from "@/lib/db/db.server";
import type { ApplicationStatus } from "./state";

const listSelect = {
  id: true,
  status: true,
  kind: true,
  nameZh: true,
  nameEn: true,
  creditCode: true,
  createdAt: true,
  updatedAt: true,
  reason: true,
  county: { select: { nameZh: true, nameEn: true } },
  village: { select: { nameZh: true, nameEn: true } },
  operator: { select: { slug: true } },
} as const;

export const myApplications = (userId: string) =>
  db.operatorApplication.findMany({ where: { applicantId: userId }, orderBy: { createdAt: "desc" }, select: listSelect });

/** The queue of the actor's office: an officer's own county, an admin's every county. */
export async function applicationQueue(actor: Actor, status: ApplicationStatus | undefined) {
  if (actor.role !== "ADMIN" && !(actor.role === "OFFICER" && actor.countyId)) return [];
  return db.operatorApplication.findMany({
    where: { ...(actor.role === "OFFICER" ? { countyId: actor.countyId! } : {}), ...(status ? { status } : {}) },
    orderBy: { updatedAt: "asc" },
    take: 200,
    select: listSelect,
  });
}

/** One application, if the actor is its applicant, an officer of its county or an admin; else null. */
export async function applicationFor(actor: Actor, id: string) {
  const app = await db.operatorApplication.findUnique({
    where: { id },
    include: {
      documents: { orderBy: { createdAt: "asc" } },
      county: { select: { nameZh: true, nameEn: true } },
      village: { select: { nameZh: true, nameEn: true, parent: { select: { nameZh: true, nameEn: true } } } },
      applicant: { select: { email: true, name: true } },
      operator: { select: { slug: true } },
    },
  });
  if (!app) return null;
  if (app.applicantId !== actor.userId && !canOfficeCounty(actor, app.countyId)) return null;
  const marks = app.giMarkIds.length
    ? await db.giMark.findMany({ where: { id: { in: app.giMarkIds } }, select: { id: true, nameZh: true, nameEn: true } })
    : [];
  const history = await db.auditLog.findMany({
    where: { entity: "OperatorApplication", entityId: app.id },
    orderBy: { createdAt: "asc" },
    select: { id: true, action: true, createdAt: true, detail: true, user: { select: { name: true } } },
  });
  return { ...app, marks, history };
}

/** Counties with their townships, villages and GI marks, for the application form. */
export async function applicationPlaces() {
  const counties = await db.region.findMany({
    where: { level: "COUNTY", children: { some: { children: { some: { level: "VILLAGE" } } } } },
    orderBy: { id: "asc" },
    select: {
      id: true,
      nameZh: true,
      nameEn: true,
      giMarks: { select: { id: true, nameZh: true, nameEn: true }, orderBy: { nameZh: "asc" } },
      children: {
        where: { level: "TOWNSHIP" },
        orderBy: { id: "asc" },
        select: {
          id: true,
          nameZh: true,
          nameEn: true,
          children: { where: { level: "VILLAGE" }, orderBy: { id: "asc" }, select: { id: true, nameZh: true, nameEn: true } },
        },
      },
    },
  });
  return counties;
}

export const applicationCount = (status: ApplicationStatus) => db.operatorApplication.count({ where: { status } });
