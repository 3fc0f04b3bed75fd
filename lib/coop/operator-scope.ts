// The cooperative console's scope check for server actions: the operator, found by id or slug,
// if the caller may manage it; otherwise notFound() (the same answer as for an unknown one).
// Pages use requireConsoleOperator (./scope.server.ts), which answers with the 404 page instead.
import { notFound } from "@/lib/auth/action-core";
import { canManageOperator, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db.server";

export async function managedOperator(actor: Actor | null, where: { id: string } | { slug: string }) {
  const operator = await db.operator.findUnique({ where, select: { id: true, slug: true, countyId: true } });
  if (!operator || !canManageOperator(actor, operator.id)) throw notFound();
  return operator;
}
