// What the office's household registry pages (建档立卡户) read: the list of the counties the actor
// serves (filters from the URL, 50 per page), and one household's page: facts, benefit links,
// payouts, allocations summed by month, and its history (status changes and ID reveals, both
// AuditLog rows). Never the plain ID number: only Household.idNumberMasked leaves this module.
import "server-only";
import { z } from "zod";
import { canOfficeCounty, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/db.server";
import type { Prisma } from "@/lib/generated/prisma/client";

export const HOUSEHOLD_PAGE_SIZE = 50;
export const HOUSEHOLD_STATUSES = ["NOT_LIFTED", "LIFTED", "MONITORED"] as const;
export type HouseholdStatusValue = (typeof HOUSEHOLD_STATUSES)[number];

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .catch(undefined)
    .transform((v) => (v ? v : undefined));

/** URL search params → filters; anything malformed is dropped, never an error. */
export const householdFiltersSchema = z.object({
  code: text(40),
  name: text(40),
  village: text(20),
  township: text(20),
  county: text(20),
  status: z.enum(HOUSEHOLD_STATUSES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});
export type HouseholdFilters = z.output<typeof householdFiltersSchema>;

export function parseHouseholdFilters(query: Record<string, string | string[] | undefined>): HouseholdFilters {
  const flat = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return householdFiltersSchema.parse(flat);
}

/** The county ids the list covers: the officer's own; for an admin, the chosen one or all. */
function countyScope(actor: Actor, county: string | undefined): Prisma.HouseholdWhereInput {
  if (actor.role === "ADMIN") return county ? { countyId: county } : {};
  return { countyId: actor.countyId ?? "-" };
}

/** The households the list (and its export) covers: the actor's counties, narrowed by the filters. */
export function householdWhere(actor: Actor, f: HouseholdFilters): Prisma.HouseholdWhereInput {
  return {
    ...countyScope(actor, f.county),
    ...(f.code ? { registryCode: { startsWith: f.code } } : {}),
    ...(f.name ? { headName: { contains: f.name, mode: "insensitive" } } : {}),
    ...(f.village ? { villageId: f.village } : {}),
    ...(f.township ? { townshipId: f.township } : {}),
    ...(f.status ? { status: f.status } : {}),
  };
}

export async function householdList(actor: Actor, f: HouseholdFilters) {
  const where = householdWhere(actor, f);
  const page = f.page ?? 1;
  const [total, items] = await Promise.all([
    db.household.count({ where }),
    db.household.findMany({
      where,
      orderBy: { registryCode: "asc" },
      skip: (page - 1) * HOUSEHOLD_PAGE_SIZE,
      take: HOUSEHOLD_PAGE_SIZE,
      select: {
        id: true,
        registryCode: true,
        headName: true,
        members: true,
        status: true,
        idNumberMasked: true,
        yearIdentified: true,
        village: { select: { nameZh: true, nameEn: true } },
        township: { select: { nameZh: true, nameEn: true } },
        county: { select: { nameZh: true, nameEn: true } },
      },
    }),
  ]);
  return { total, items, page, pages: Math.max(1, Math.ceil(total / HOUSEHOLD_PAGE_SIZE)) };
}

/** Townships and villages to filter by, within the counties in scope. */
export async function householdPlaces(actor: Actor, county: string | undefined, township: string | undefined) {
  const countyIds =
    actor.role === "ADMIN"
      ? county
        ? [county]
        : (await db.region.findMany({ where: { level: "COUNTY" }, select: { id: true } })).map((r) => r.id)
      : [actor.countyId ?? "-"];
  const townships = await db.region.findMany({
    where: { level: "TOWNSHIP", parentId: { in: countyIds } },
    orderBy: { id: "asc" },
    select: { id: true, nameZh: true, nameEn: true },
  });
  const villages = await db.region.findMany({
    where: {
      level: "VILLAGE",
      parentId: township && townships.some((t) => t.id === township) ? township : { in: townships.map((t) => t.id) },
    },
    orderBy: { id: "asc" },
    select: { id: true, nameZh: true, nameEn: true },
  });
  return { townships, villages };
}

/** One household with everything its page shows, or null when it is outside the actor's scope. */
export async function householdPage(actor: Actor, id: string) {
  const household = await db.household.findUnique({
    where: { id },
    select: {
      id: true,
      registryCode: true,
      headName: true,
      idNumberMasked: true,
      members: true,
      status: true,
      yearIdentified: true,
      countyId: true,
      village: { select: { nameZh: true, nameEn: true } },
      township: { select: { nameZh: true, nameEn: true } },
      county: { select: { nameZh: true, nameEn: true } },
    },
  });
  if (!household || !canOfficeCounty(actor, household.countyId)) return null;
  const [links, payouts, months, history] = await Promise.all([
    db.benefitLink.findMany({
      where: { householdId: id },
      orderBy: [{ validFrom: "desc" }, { id: "asc" }],
      select: {
        id: true,
        mechanism: true,
        rule: true,
        bps: true,
        fenPerUnit: true,
        validFrom: true,
        validTo: true,
        operator: { select: { nameZh: true, nameEn: true } },
        product: { select: { nameZh: true, nameEn: true } },
      },
    }),
    db.payout.findMany({
      where: { householdId: id },
      orderBy: [{ paidOn: "desc" }, { id: "asc" }],
      take: 200,
      select: {
        id: true,
        mechanism: true,
        amountFen: true,
        paidOn: true,
        note: true,
        operator: { select: { nameZh: true, nameEn: true } },
      },
    }),
    db.$queryRaw<{ month: string; fen: bigint }[]>`
      SELECT to_char(date_trunc('month', "createdAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM') AS month,
             SUM("amountFen")::bigint AS fen
      FROM "Allocation" WHERE "householdId" = ${id}
      GROUP BY 1 ORDER BY 1 DESC LIMIT 36`,
    db.auditLog.findMany({
      where: { entity: "Household", entityId: id, action: { in: ["household.reveal", "household.status"] } },
      orderBy: { createdAt: "desc" },
      take: 200,
      select: { id: true, action: true, detail: true, createdAt: true, user: { select: { name: true, email: true } } },
    }),
  ]);
  return {
    household,
    links,
    payouts,
    months: months.map((m) => ({ month: m.month, fen: Number(m.fen) })),
    reveals: history.filter((h) => h.action === "household.reveal"),
    statusChanges: history.filter((h) => h.action === "household.status"),
  };
}
