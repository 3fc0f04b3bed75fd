import "server-only";
import { getServerSession } from "next-auth";
import { cache } from "react";
import { db } from "@/lib/db/db.server";
import type { Actor } from "./actor";
import { loadActor } from "./load-actor";
import { authOptions } from "./options.server";

/** The signed-in user as the server sees it, reloaded from the database once per request. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await getServerSession(authOptions);
  const user = session?.user as { id?: string; sessionVersion?: number } | undefined;
  // A session from before sessions carried a version counts as version 0.
  return user?.id ? loadActor(db, user.id, user.sessionVersion ?? 0) : null;
});
