// Sign-in throttling that can be neither walked around nor aimed at someone.
// - Per client address (the socket's, or a trusted proxy's word: lib/http/client-address.ts):
//   100 failures in 15 minutes, then that address waits. Only the address that failed waits.
// - Per account, no lock anyone can trigger: after a few failures in 15 minutes (since the
//   account's last successful sign-in) each further
//   attempt waits a little longer (2 s, 4 s, ... at most a minute after the last failure), and
//   after ACCOUNT_CHALLENGE_AFTER failures every attempt must also carry the answer to a fresh
//   proof-of-work challenge (./challenge.ts), which the owner's browser finds in about a second
//   and which costs a guessing script that second for every guess. At most 60 guesses an hour
//   reach an account (OWASP ASVS 2.2.1 allows 100), and its owner can always still sign in.
// - The owner is told when the challenge starts (notifyAccountUnderAttack: issue 12's mail), the
//   admin sees it on /admin/security and can clear an account's count (User.signInClearedAt).
// Attempts are recorded for any email, existing or not, so the answer never tells whether an account exists.
import type { Db } from "@/lib/db/client";

/** The database or a transaction of it. */
type Attempts = Pick<Db, "signInAttempt">;

export const WINDOW_MINUTES = 15;
/** Per address: generous, for offices and cooperatives behind one address. */
export const MAX_FAILURES_PER_ADDRESS = 100;
/** Per account: failures (since its last successful sign-in) before attempts are spaced out. */
export const ACCOUNT_DELAY_AFTER = 5;
/** Per account: failures before every attempt needs a challenge answer. */
export const ACCOUNT_CHALLENGE_AFTER = 10;
export const MAX_DELAY_SECONDS = 60;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Seconds an attempt must wait after the last failure, given the failures in the window. */
export function delayAfter(failures: number): number {
  if (failures < ACCOUNT_DELAY_AFTER) return 0;
  return Math.min(2 ** (failures - ACCOUNT_DELAY_AFTER + 1), MAX_DELAY_SECONDS);
}

export type Gate =
  | { kind: "open" }
  /** This address has failed too often: it waits (nobody else does). */
  | { kind: "addressLimited"; retryAfter: number }
  /** This account's next attempt may come in `retryAfter` seconds. */
  | { kind: "wait"; retryAfter: number }
  /** This account's attempts need a challenge answer. */
  | { kind: "challenge" };

export interface Counts {
  accountFailures: number;
  lastAccountFailure: Date | null;
  addressFailures: number;
  oldestAddressFailure: Date | null;
}

/** The decision (pure): may an attempt be checked now, and what must it carry? */
export function gateFor(counts: Counts, now: Date): Gate {
  if (counts.addressFailures >= MAX_FAILURES_PER_ADDRESS) {
    const frees = (counts.oldestAddressFailure?.getTime() ?? now.getTime()) + WINDOW_MINUTES * 60_000;
    return { kind: "addressLimited", retryAfter: Math.max(1, Math.ceil((frees - now.getTime()) / 1000)) };
  }
  const delay = delayAfter(counts.accountFailures);
  if (delay && counts.lastAccountFailure) {
    const wait = Math.ceil((counts.lastAccountFailure.getTime() + delay * 1000 - now.getTime()) / 1000);
    if (wait > 0) return { kind: "wait", retryAfter: wait };
  }
  return counts.accountFailures >= ACCOUNT_CHALLENGE_AFTER ? { kind: "challenge" } : { kind: "open" };
}

/**
 * Failures of the account since the latest of: the window's start, an admin's clearing, its last
 * successful sign-in (the owner signing in ends the run; a guesser who can do that has the
 * password already); and failures of the address in the window.
 */
export async function countFailures(
  db: Attempts,
  email: string,
  address: string,
  clearedAt: Date | null,
  now = new Date(),
): Promise<Counts> {
  const since = new Date(now.getTime() - WINDOW_MINUTES * 60_000);
  const lastSuccess = await db.signInAttempt.aggregate({
    where: { email: normaliseEmail(email), success: true, createdAt: { gte: since, lte: now } },
    _max: { createdAt: true },
  });
  const accountSince = [clearedAt, lastSuccess._max.createdAt].reduce<Date>((latest, d) => (d && d > latest ? d : latest), since);
  const [account, byAddress] = await Promise.all([
    db.signInAttempt.aggregate({
      where: { email: normaliseEmail(email), success: false, createdAt: { gte: accountSince } },
      _count: { _all: true },
      _max: { createdAt: true },
    }),
    db.signInAttempt.aggregate({
      where: { ip: address, success: false, createdAt: { gte: since } },
      _count: { _all: true },
      _min: { createdAt: true },
    }),
  ]);
  return {
    accountFailures: account._count._all,
    lastAccountFailure: account._max.createdAt,
    // "unknown" (no recorded peer: tests, scripts) is not an address anyone shares with a stranger.
    addressFailures: address === "unknown" ? 0 : byAddress._count._all,
    oldestAddressFailure: byAddress._min.createdAt,
  };
}

/** Whether the change-password form (which checks a password too) must refuse for now. */
export async function isThrottled(
  db: Attempts,
  email: string,
  address: string,
  clearedAt: Date | null = null,
  now = new Date(),
): Promise<boolean> {
  const gate = gateFor(await countFailures(db, email, address, clearedAt, now), now);
  return gate.kind === "addressLimited" || gate.kind === "wait";
}

export async function recordAttempt(db: Attempts, email: string, address: string, success: boolean, now = new Date()): Promise<void> {
  await db.signInAttempt.create({
    data: { email: normaliseEmail(email).slice(0, 320), ip: address.slice(0, 64), success, createdAt: now },
  });
}
