// The replica client of this process (DATABASE_REPLICA_URL) and the read-your-writes cookie.
import "server-only";
import { cookies } from "next/headers";
import { createPrismaClient, type Db } from "./client";
import { env } from "@/lib/env/env";
import { db } from "./db.server";
import { chooseReadDb, isLsn, primaryPosition } from "./replica";

const COOKIE = "xk_seen";
const state = globalThis as unknown as { xiaokangReplica?: Db | null };

function replica(): Db | null {
  if (state.xiaokangReplica === undefined) {
    const url = env().DATABASE_REPLICA_URL;
    state.xiaokangReplica = url ? createPrismaClient(url, 10) : null;
  }
  return state.xiaokangReplica;
}

/** The client the office reports read: the replica when it has what this reader last wrote. */
export async function reportDb(): Promise<Db> {
  const r = replica();
  if (!r) return db;
  const seen = (await cookies()).get(COOKIE)?.value;
  return (await chooseReadDb(db, r, isLsn(seen) ? seen : null)).db;
}

/** After an office write (defineAction calls it for officers and admins): remember how far the primary is. */
export async function noteOfficeWrite(): Promise<void> {
  if (!replica()) return;
  const position = await primaryPosition(db);
  (await cookies()).set(COOKIE, position, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    maxAge: 60 * 60,
    secure: (env().NEXTAUTH_URL ?? "").startsWith("https:"),
  });
}
