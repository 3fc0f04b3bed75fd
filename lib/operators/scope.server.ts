// The cooperative console's scope check, for pages and for server actions: load the operator (by
// its slug or id) and make sure the actor may manage it. Anything else (unknown operator, signed
// out, another cooperative's console) is "not found", never "forbidden", so another cooperative's
// slug is not confirmed. Pages get the 404 page (requireConsoleOperator); actions get
// notFound() as their answer (managedOperator, or operatorScope as a defineAction scope).
import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { canManageOperator, type Actor } from "@/lib/auth/actor";
import { getActor } from "@/lib/auth/session.server";
import { db } from "@/lib/db/db.server";
import { notFound as notFoundError } from "@/lib/errors";

export interface ConsoleOperator {
  id: string;
  slug: string;
  nameZh: string;
  nameEn: string;
  kind: string;
  countyId: string;
  villageId: string | null;
}

export interface ConsoleScope {
  actor: Actor;
  operator: ConsoleOperator;
}

const SLUG = /^[A-Za-z0-9_-]{1,100}$/u;

/** The operator of /coop/<slug> and the actor managing it, or notFound() (the 404 page). */
export const requireConsoleOperator = cache(async (slug: string): Promise<ConsoleScope> => {
  const actor = await getActor();
  if (!actor || typeof slug !== "string" || !SLUG.test(slug)) notFound();
  const operator = await db.operator.findUnique({
    where: { slug },
    select: { id: true, slug: true, nameZh: true, nameEn: true, kind: true, countyId: true, villageId: true },
  });
  if (!operator || !canManageOperator(actor, operator.id)) notFound();
  return { actor, operator };
});

export interface ScopedOperator {
  id: string;
  slug: string;
  countyId: string;
}

/** The operator, if the actor may manage it; otherwise throws notFound() (the action's answer). */
export async function managedOperator(actor: Actor | null, where: { id: string } | { slug: string }): Promise<ScopedOperator> {
  const operator = await db.operator.findUnique({ where, select: { id: true, slug: true, countyId: true } });
  if (!operator || !canManageOperator(actor, operator.id)) throw notFoundError();
  return operator;
}

/**
 * The operator of /coop/<slug> for the console's metadata, or null when the actor may not manage
 * it. Never a 404: metadata is resolved apart from rendering, and the layout decides what shows.
 */
export async function consoleOperatorTitle(actor: Actor | null, slug: string) {
  if (!actor || typeof slug !== "string" || !SLUG.test(slug)) return null;
  const operator = await db.operator.findUnique({ where: { slug }, select: { id: true, nameZh: true, nameEn: true } });
  return operator && canManageOperator(actor, operator.id) ? operator : null;
}
