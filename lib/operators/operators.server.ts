import "server-only";
// What the cooperative console's pages read about an operator (the caller has passed
// requireConsoleOperator), the operator picker, and the invitation page.
import type { Actor } from "@/lib/auth/actor";
import { db, withDb } from "@/lib/db/db.server";
import type { Prisma } from "@/lib/generated/prisma/client";
import { getDashboard } from "./dashboard";
import { findInviteByToken, getTeam } from "./team";

export const operatorDashboard = withDb(getDashboard);
export const operatorTeam = withDb(getTeam);
export const inviteByToken = withDb(findInviteByToken);

export const OPERATOR_PICKER_SIZE = 50;

/** The operators an actor may open in the console (an admin: all, searchable by name or slug). */
export async function pickableOperators(actor: Actor, { q, locale }: { q: string; locale: string }) {
  const isAdmin = actor.role === "ADMIN";
  const where: Prisma.OperatorWhereInput = isAdmin ? {} : { id: { in: actor.operatorIds } };
  if (isAdmin && q) {
    where.OR = [
      { nameZh: { contains: q, mode: "insensitive" } },
      { nameEn: { contains: q, mode: "insensitive" } },
      { slug: { contains: q.toLowerCase() } },
    ];
  }
  const [operators, total] = await Promise.all([
    db.operator.findMany({
      where,
      orderBy: [{ countyId: "asc" }, locale === "en" ? { nameEn: "asc" } : { nameZh: "asc" }],
      take: OPERATOR_PICKER_SIZE,
      select: { id: true, slug: true, nameZh: true, nameEn: true, kind: true, county: { select: { nameZh: true, nameEn: true } } },
    }),
    db.operator.count({ where }),
  ]);
  return { operators, total };
}

/** The operators a user manages, oldest membership first (the account page). */
export function managedOperatorsOf(userId: string) {
  return db.membership.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { operator: { select: { slug: true, nameZh: true, nameEn: true } } },
  });
}
