// Failed sign-ins are throttled per account and per address (OWASP ASVS 2.2.1: at most 100
// failures an hour per account). Attempts are recorded for any email, existing or not, so the
// answer never tells whether an account exists.
import type { Db } from "@/lib/db/client";

/** The database or a transaction of it: the throttle reads and writes sign-in attempts only. */
type Attempts = Pick<Db, "signInAttempt">;

export const WINDOW_MINUTES = 15;
/** Per account: 10 failures in 15 minutes, so at most 40 an hour. */
export const MAX_FAILURES_PER_ACCOUNT = 10;
/** Per address: generous, for offices and cooperatives behind one address. */
export const MAX_FAILURES_PER_ADDRESS = 100;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function isThrottled(db: Attempts, email: string, ip: string, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - WINDOW_MINUTES * 60_000);
  const [byAccount, byAddress] = await Promise.all([
    db.signInAttempt.count({ where: { email: normaliseEmail(email), success: false, createdAt: { gte: since } } }),
    db.signInAttempt.count({ where: { ip, success: false, createdAt: { gte: since } } }),
  ]);
  return byAccount >= MAX_FAILURES_PER_ACCOUNT || byAddress >= MAX_FAILURES_PER_ADDRESS;
}

export async function recordAttempt(db: Attempts, email: string, ip: string, success: boolean): Promise<void> {
  await db.signInAttempt.create({ data: { email: normaliseEmail(email).slice(0, 320), ip: ip.slice(0, 64), success } });
}
