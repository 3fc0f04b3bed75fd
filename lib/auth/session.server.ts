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
  const id = (session?.user as { id?: string } | undefined)?.id;
  return id ? loadActor(db, id) : null;
});
