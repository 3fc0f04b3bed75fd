// Checks an email and password: the heart of sign-in, outside next-auth so it can be tested.
import type { Db } from "@/lib/db/client";
import { verifyPassword } from "./password";
import { isThrottled, normaliseEmail, recordAttempt } from "./throttle";

export type SignInResult = { ok: true; userId: string } | { ok: false; reason: "invalid" | "throttled" };

// Verified against when the account does not exist, so both answers take the same time.
const DUMMY_HASH =
  "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==";

export async function checkCredentials(db: Db, email: string, password: string, ip: string): Promise<SignInResult> {
  const normalised = normaliseEmail(email);
  if (await isThrottled(db, normalised, ip)) return { ok: false, reason: "throttled" };
  const user = await db.user.findUnique({ where: { email: normalised }, select: { id: true, passwordHash: true } });
  const valid = await verifyPassword(password, user?.passwordHash || DUMMY_HASH);
  await recordAttempt(db, normalised, ip, Boolean(user && valid));
  return user && valid ? { ok: true, userId: user.id } : { ok: false, reason: "invalid" };
}
