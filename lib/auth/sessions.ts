// Revocable sessions on top of next-auth's JWTs. Each token carries `sv` (the user's
// sessionVersion when it was issued) and `sid` (a random id of this session). A request's actor
// is loaded with the user row anyway (load-actor.ts), so checking both costs no extra query:
// - bumping User.sessionVersion ends every session of the user (password change, "sign out
//   everywhere", "end all other sessions" re-issues the caller's own token, disabling an account);
// - signing out adds the session's sid to User.revokedSessions, so a copy of the cookie taken
//   before signing out stops working after it. Entries are "sid:expiresUnixSeconds", pruned as
//   the tokens they name expire.
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";

/** Session life: a token unused for this long is dead (it is renewed while the site is in use). */
export const SESSION_MAX_AGE = 60 * 60 * 12;

export interface SessionClaims {
  sv?: unknown;
  sid?: unknown;
  [claim: string]: unknown;
}

export interface SessionState {
  sessionVersion: number;
  revokedSessions: string[];
}

export const newSessionId = () => randomUUID();

/** Is a token with these claims still a live session of this user? (pure) */
export function sessionIsCurrent(user: SessionState, claims: SessionClaims): boolean {
  if (typeof claims.sv !== "number" || typeof claims.sid !== "string" || !claims.sid) return false;
  if (claims.sv !== user.sessionVersion) return false;
  return !user.revokedSessions.some((entry) => entry.slice(0, entry.lastIndexOf(":")) === claims.sid);
}

/** The list with `sid` added and expired entries dropped (pure). */
export function withRevoked(list: string[], sid: string, expiresAt: number, now = Date.now()): string[] {
  const live = list.filter((entry) => Number(entry.slice(entry.lastIndexOf(":") + 1)) * 1000 > now);
  return [...live.filter((e) => !e.startsWith(`${sid}:`)), `${sid}:${Math.floor(expiresAt)}`];
}

/** Ends one session (sign-out): the same token, wherever it was copied, no longer works. */
export async function revokeSession(db: Db, userId: string, sid: string, expiresAtSeconds: number): Promise<void> {
  await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ revokedSessions: string[] }[]>`SELECT "revokedSessions" FROM "User" WHERE id = ${userId} FOR UPDATE`;
    if (!rows[0]) return;
    await tx.user.update({
      where: { id: userId },
      data: { revokedSessions: withRevoked(rows[0].revokedSessions ?? [], sid, expiresAtSeconds) },
    });
  });
}

/** Ends every session of the user; returns the new version (to re-issue the caller's own token with). */
export async function endAllSessions(db: Pick<Db, "user">, userId: string): Promise<number> {
  const user = await db.user.update({
    where: { id: userId },
    data: { sessionVersion: { increment: 1 }, revokedSessions: [] },
    select: { sessionVersion: true },
  });
  return user.sessionVersion;
}
