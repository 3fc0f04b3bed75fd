// Sign-up limits: per client address and overall, so neither one address nor many parallel
// loops can create accounts without end (each sign-up also costs a scrypt hash, which runs in its
// own small lane: lib/auth/scrypt-gate.ts). Counted in RateEvent; the attempt is recorded before
// it is counted, so parallel attempts count each other.
import type { Db } from "@/lib/db/client";

export const SIGNUPS_PER_ADDRESS_PER_HOUR = 10;
export const SIGNUPS_OVERALL_PER_MINUTE = 60;

export type Admission = { ok: true } | { ok: false; retryAfterMinutes: number };

export async function admitSignUp(db: Pick<Db, "rateEvent">, address: string, now = new Date()): Promise<Admission> {
  const hourAgo = new Date(now.getTime() - 60 * 60_000);
  const minuteAgo = new Date(now.getTime() - 60_000);
  const perAddress = address !== "unknown";
  await db.rateEvent.createMany({
    data: [
      { kind: "signup", key: "*", createdAt: now },
      ...(perAddress ? [{ kind: "signup", key: address.slice(0, 64), createdAt: now }] : []),
    ],
  });
  const [overall, byAddress] = await Promise.all([
    db.rateEvent.count({ where: { kind: "signup", key: "*", createdAt: { gt: minuteAgo, lte: now } } }),
    perAddress ? db.rateEvent.count({ where: { kind: "signup", key: address.slice(0, 64), createdAt: { gt: hourAgo, lte: now } } }) : 0,
  ]);
  if (byAddress > SIGNUPS_PER_ADDRESS_PER_HOUR) return { ok: false, retryAfterMinutes: 60 };
  if (overall > SIGNUPS_OVERALL_PER_MINUTE) return { ok: false, retryAfterMinutes: 1 };
  return { ok: true };
}
