// The audit log viewer (/admin/audit, /office/audit) and its CSV export: every AuditLog row, filtered
// by who, action, object and date range. Admins read every row; an officer reads only rows whose
// object belongs to their county (a product, household, operator and what hangs on it, an
// application, a GI mark, the county or one of its regions). Takes a `db`.
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { shanghaiDayEnd, shanghaiDayStart, isYmd } from "@/lib/time/shanghai";
import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_EXPORT_MAX = 50_000;

const optional = (max: number) =>
  z
    .preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string().trim().max(max).optional().catch(undefined))
    .transform((v) => v || undefined);
const day = z
  .preprocess((v) => (Array.isArray(v) ? v[0] : v), z.string().optional().catch(undefined))
  .transform((v) => (v && isYmd(v) ? v : undefined));

/** The filters, from the URL (anything malformed is dropped, never an error page). */
export const auditFilters = z.object({
  who: optional(254),
  action: optional(60),
  entity: optional(40),
  entityId: optional(100),
  from: day,
  to: day,
  page: z.preprocess((v) => (Array.isArray(v) ? v[0] : v), z.coerce.number().int().min(1).max(100_000).catch(1)).default(1),
});
export type AuditFilters = z.output<typeof auditFilters>;

export interface AuditRow {
  id: string;
  createdAt: Date;
  action: string;
  entity: string;
  entityId: string;
  detail: unknown;
  userEmail: string | null;
  userName: string | null;
}

/** Rows whose object lies in the county `c`. */
function countyScope(c: string): Prisma.Sql {
  return Prisma.sql`(
    (a."entity" = 'Product' AND EXISTS (SELECT 1 FROM "Product" x WHERE x."id" = a."entityId" AND x."countyId" = ${c}))
    OR (a."entity" = 'Household' AND EXISTS (SELECT 1 FROM "Household" x WHERE x."id" = a."entityId" AND x."countyId" = ${c}))
    OR (a."entity" = 'Operator' AND EXISTS (SELECT 1 FROM "Operator" x WHERE x."id" = a."entityId" AND x."countyId" = ${c}))
    OR (a."entity" = 'OperatorApplication' AND EXISTS (SELECT 1 FROM "OperatorApplication" x WHERE x."id" = a."entityId" AND x."countyId" = ${c}))
    OR (a."entity" = 'GiMark' AND EXISTS (SELECT 1 FROM "GiMark" x WHERE x."id" = a."entityId" AND x."countyId" = ${c}))
    OR (a."entity" = 'Shipment' AND EXISTS (SELECT 1 FROM "Shipment" x JOIN "Operator" o ON o."id" = x."operatorId" WHERE x."id" = a."entityId" AND o."countyId" = ${c}))
    OR (a."entity" = 'BenefitLink' AND EXISTS (SELECT 1 FROM "BenefitLink" x JOIN "Operator" o ON o."id" = x."operatorId" WHERE x."id" = a."entityId" AND o."countyId" = ${c}))
    OR (a."entity" = 'Payout' AND EXISTS (SELECT 1 FROM "Payout" x JOIN "Operator" o ON o."id" = x."operatorId" WHERE x."id" = a."entityId" AND o."countyId" = ${c}))
    OR (a."entity" = 'Invite' AND EXISTS (SELECT 1 FROM "Invite" x JOIN "Operator" o ON o."id" = x."operatorId" WHERE x."id" = a."entityId" AND o."countyId" = ${c}))
    OR (a."entity" = 'County' AND a."entityId" = ${c})
    OR (a."entity" = 'Region' AND a."entityId" LIKE ${`${c}%`})
  )`;
}

/** The WHERE clause of the actor's view with the filters; null when the actor may read none. */
function whereOf(actor: Actor, f: AuditFilters): Prisma.Sql | null {
  const parts: Prisma.Sql[] = [];
  if (actor.role === "OFFICER") {
    if (!actor.countyId) return null;
    parts.push(countyScope(actor.countyId));
  } else if (actor.role !== "ADMIN") return null;
  if (f.who) parts.push(Prisma.sql`(u."email" ILIKE ${`%${f.who}%`} OR u."name" ILIKE ${`%${f.who}%`})`);
  if (f.action) parts.push(Prisma.sql`a."action" LIKE ${`${f.action}%`}`);
  if (f.entity) parts.push(Prisma.sql`a."entity" = ${f.entity}`);
  if (f.entityId) parts.push(Prisma.sql`a."entityId" = ${f.entityId}`);
  if (f.from) parts.push(Prisma.sql`a."createdAt" >= ${shanghaiDayStart(f.from)}`);
  if (f.to) parts.push(Prisma.sql`a."createdAt" <= ${shanghaiDayEnd(f.to)}`);
  return parts.length ? Prisma.sql`WHERE ${Prisma.join(parts, " AND ")}` : Prisma.empty;
}

export async function auditPage(db: Db, actor: Actor, f: AuditFilters) {
  const where = whereOf(actor, f);
  if (!where) return { rows: [] as AuditRow[], page: 1, pages: 1, total: 0 };
  const [count] = await db.$queryRaw<{ n: bigint }[]>`
    SELECT COUNT(*)::bigint AS n FROM "AuditLog" a LEFT JOIN "User" u ON u."id" = a."userId" ${where}`;
  const total = Number(count?.n ?? 0);
  const pages = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(f.page, pages);
  const rows = await db.$queryRaw<AuditRow[]>`
    SELECT a."id", a."createdAt", a."action", a."entity", a."entityId", a."detail", u."email" AS "userEmail", u."name" AS "userName"
    FROM "AuditLog" a LEFT JOIN "User" u ON u."id" = a."userId" ${where}
    ORDER BY a."createdAt" DESC, a."id" DESC
    LIMIT ${AUDIT_PAGE_SIZE} OFFSET ${(page - 1) * AUDIT_PAGE_SIZE}`;
  return { rows, page, pages, total };
}

export async function auditExportRows(db: Db, actor: Actor, f: AuditFilters): Promise<AuditRow[]> {
  const where = whereOf(actor, f);
  if (!where) return [];
  return db.$queryRaw<AuditRow[]>`
    SELECT a."id", a."createdAt", a."action", a."entity", a."entityId", a."detail", u."email" AS "userEmail", u."name" AS "userName"
    FROM "AuditLog" a LEFT JOIN "User" u ON u."id" = a."userId" ${where}
    ORDER BY a."createdAt" DESC, a."id" DESC
    LIMIT ${AUDIT_EXPORT_MAX}`;
}
