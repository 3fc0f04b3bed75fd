import "server-only";
import { getToken } from "next-auth/jwt";
import { cookies } from "next/headers";
import { cache } from "react";
import { db } from "@/lib/db/db.server";
import type { Actor } from "./actor";
import { env } from "@/lib/env/env";
import { loadActor } from "./load-actor";
import { sessionCookieName } from "./session-cookie.server";

/**
 * The signed-in user as the server sees it, reloaded from the database once per request; null
 * when the session cookie is missing, forged, expired, or names a session that has been ended
 * (load-actor.ts checks it in the same query).
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const jar = await cookies();
  const token = await getToken({
    req: { cookies: jar, headers: {} } as never,
    cookieName: sessionCookieName(),
    secret: env().AUTH_SECRET,
  });
  if (!token?.sub) return null;
  return loadActor(db, token.sub, token);
});
