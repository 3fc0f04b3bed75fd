// The cooperative console's scope check, shared by every page under /coop/<operatorSlug>/…:
// load the operator by its slug and make sure the signed-in actor may manage it. Anything else
// (unknown slug, signed out, another cooperative's console) answers 404, never 403, so a slug
// of another cooperative is not confirmed.
import "server-only";
import { notFound } from "next/navigation";
import { cache } from "react";
import { canManageOperator, type Actor } from "@/lib/auth/actor";
import { getActor } from "@/lib/auth/session.server";
import { db } from "@/lib/db.server";

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
