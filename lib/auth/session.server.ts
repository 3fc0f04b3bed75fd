import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { db } from "@/lib/db.server";
import type { Actor } from "./actor";
import { authOptions } from "./options.server";

/** The signed-in user as the server sees it, reloaded from the database once per request. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  const user = await db.user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, countyId: true, memberships: { select: { operatorId: true } } },
  });
  if (!user) return null;
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    countyId: user.countyId,
    operatorIds: user.memberships.map((m) => m.operatorId),
  };
});
