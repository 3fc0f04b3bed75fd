// The admin's view of abuse and alerts (/admin/security): accounts whose sign-ins are being held
// back (delays, challenges) and the recent security alerts, and clearing an account's failures.
// Takes a `db` so tests call it directly.
import type { Db } from "@/lib/db/client";
import { writeAudit } from "@/lib/audit/audit";
import { ALERT_ACTIONS } from "@/lib/auth/alerts";
import { ACCOUNT_DELAY_AFTER, ACCOUNT_CHALLENGE_AFTER, WINDOW_MINUTES } from "@/lib/auth/throttle";

export interface HeldAccount {
  userId: string;
  email: string;
  name: string;
  failures: number;
  lastFailure: Date;
  challenged: boolean;
}

/** Existing accounts with enough failed sign-ins in the window (since any clearing or successful sign-in) to be held back. */
export async function heldAccounts(db: Db, now = new Date()): Promise<HeldAccount[]> {
  const since = new Date(now.getTime() - WINDOW_MINUTES * 60_000);
  const rows = await db.$queryRaw<{ userId: string; email: string; name: string; failures: bigint; lastFailure: Date }[]>`
    SELECT u.id AS "userId", u.email, u.name, count(*) AS failures, max(a."createdAt") AS "lastFailure"
    FROM "SignInAttempt" a JOIN "User" u ON u.email = a.email
    WHERE a.success = false AND a."createdAt" >= ${since} AND a."createdAt" >= coalesce(u."signInClearedAt", ${since})
      AND a."createdAt" >= coalesce(
        (SELECT max(s."createdAt") FROM "SignInAttempt" s WHERE s.email = u.email AND s.success AND s."createdAt" >= ${since}),
        ${since})
    GROUP BY u.id, u.email, u.name
    HAVING count(*) >= ${ACCOUNT_DELAY_AFTER}
    ORDER BY max(a."createdAt") DESC
    LIMIT 100`;
  return rows.map((r) => ({ ...r, failures: Number(r.failures), challenged: Number(r.failures) >= ACCOUNT_CHALLENGE_AFTER }));
}

export interface SecurityAlert {
  id: string;
  action: string;
  createdAt: Date;
  actorEmail: string | null;
  entity: string;
  entityId: string;
  detail: unknown;
}

export async function recentAlerts(db: Db, take = 50): Promise<SecurityAlert[]> {
  const rows = await db.auditLog.findMany({
    where: { action: { in: [...ALERT_ACTIONS] } },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, action: true, createdAt: true, entity: true, entityId: true, detail: true, user: { select: { email: true } } },
  });
  return rows.map(({ user, ...r }) => ({ ...r, actorEmail: user?.email ?? null }));
}

/** Clears an account's failed sign-ins (delays and challenge end at once); recorded as an alert row. */
export async function clearSignInFailures(db: Db, adminUserId: string, userId: string): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const updated = await tx.user.updateMany({ where: { id: userId }, data: { signInClearedAt: new Date() } });
    if (updated.count !== 1) return false;
    await writeAudit(tx, { userId: adminUserId, action: "security.signInCleared", entity: "User", entityId: userId, detail: {} });
    return true;
  });
}
