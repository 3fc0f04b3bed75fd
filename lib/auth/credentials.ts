// Checks an email and password: the heart of sign-in, outside next-auth so it can be tested.
import type { Db } from "@/lib/db/client";
import { verifyPassword } from "./password";
import { isThrottled, normaliseEmail, recordAttempt } from "./throttle";

export type SignInResult = { ok: true; userId: string } | { ok: false; reason: "invalid" | "throttled" | "disabled" };

// Verified against when the account does not exist, so both answers take the same time.
const DUMMY_HASH =
  "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==";

export async function checkCredentials(db: Db, email: string, password: string, ip: string): Promise<SignInResult> {
  const normalised = normaliseEmail(email);
  // Attempts on one account run one at a time (a lock on the email, held while the password is
  // checked and the attempt recorded), so a burst of parallel guesses cannot all pass the count.
  return db.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${`signin:${normalised}`}))) l`;
      if (await isThrottled(tx, normalised, ip)) return { ok: false, reason: "throttled" } as const;
      const user = await tx.user.findUnique({ where: { email: normalised }, select: { id: true, passwordHash: true, disabledAt: true } });
      const valid = await verifyPassword(password, user?.passwordHash || DUMMY_HASH);
      await recordAttempt(tx, normalised, ip, Boolean(user && valid && !user.disabledAt));
      if (!user || !valid) return { ok: false, reason: "invalid" } as const;
      // A disabled account is told so only after its right password (so the answer reveals nothing new).
      if (user.disabledAt) return { ok: false, reason: "disabled" } as const;
      return { ok: true, userId: user.id } as const;
    },
    { timeout: 20_000, maxWait: 20_000 },
  );
}
