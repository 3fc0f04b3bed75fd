// Checks an email and password: the heart of sign-in, outside next-auth so it can be tested.
// The throttle (./throttle.ts) decides first whether this attempt may be checked at all: an
// address that failed too often waits, an account with failures waits a little between attempts,
// and after many failures each attempt must carry a solved challenge (./challenge.ts).
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env/env";
import { CHALLENGE_BITS, checkChallenge, issueChallenge } from "./challenge";
import { notifyAccountUnderAttack } from "./alerts";
import { verifyPassword } from "./password";
import { withScrypt } from "./scrypt-gate";
import { ACCOUNT_CHALLENGE_AFTER, countFailures, gateFor, normaliseEmail, recordAttempt } from "./throttle";

export type SignInResult =
  | { ok: true; userId: string; sessionVersion: number }
  | { ok: false; reason: "invalid" }
  /** The right password for an account an admin disabled (said only after the right password). */
  | { ok: false; reason: "disabled" }
  /** The client's address has failed too often; it may try again in retryAfter seconds. */
  | { ok: false; reason: "throttled"; retryAfter: number }
  /** This account's next attempt may come in retryAfter seconds. */
  | { ok: false; reason: "wait"; retryAfter: number }
  /** Solve `challenge` and send the answer with the next attempt. */
  | { ok: false; reason: "challenge"; challenge: string };

export interface SignInOptions {
  /** A challenge this client was given, and its answer. */
  challenge?: unknown;
  answer?: unknown;
  now?: Date;
  /** Signs challenges; defaults to AUTH_SECRET. */
  secret?: string;
  /** Challenge difficulty in bits (tests use a small one). */
  challengeBits?: number;
}

// Verified against when the account does not exist, so both answers take the same time.
const DUMMY_HASH =
  "scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==";

function secretOf(options: SignInOptions): string {
  const secret = options.secret ?? env().AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set");
  return secret;
}

export async function checkCredentials(
  db: Db,
  email: string,
  password: string,
  ip: string,
  options: SignInOptions = {},
): Promise<SignInResult> {
  const normalised = normaliseEmail(email);
  const secret = secretOf(options);
  // Attempts on one account run one at a time (a lock on the email, held while the password is
  // checked and the attempt recorded), so a burst of parallel guesses cannot all pass the count.
  const result = await db.$transaction(
    async (tx): Promise<SignInResult & { alert?: boolean }> => {
      const now = options.now ?? new Date();
      await tx.$queryRaw`SELECT 1 AS locked FROM (SELECT pg_advisory_xact_lock(hashtext(${`signin:${normalised}`}))) l`;
      const user = await tx.user.findUnique({
        where: { email: normalised },
        select: { id: true, passwordHash: true, sessionVersion: true, signInClearedAt: true, disabledAt: true },
      });
      const counts = await countFailures(tx, normalised, ip, user?.signInClearedAt ?? null, now);
      const gate = gateFor(counts, now);
      if (gate.kind === "addressLimited") return { ok: false, reason: "throttled", retryAfter: gate.retryAfter };
      if (gate.kind === "wait") return { ok: false, reason: "wait", retryAfter: gate.retryAfter };
      if (gate.kind === "challenge") {
        const checked = checkChallenge(options.challenge, options.answer, normalised, secret, now.getTime());
        const fresh = () =>
          ({
            ok: false,
            reason: "challenge",
            challenge: issueChallenge(normalised, secret, now.getTime(), options.challengeBits ?? CHALLENGE_BITS),
          }) as const;
        if (!checked.ok) return fresh();
        // Each answer once: a replayed one gets a fresh challenge.
        const used = await tx.usedSignInChallenge.createMany({ data: [{ nonce: checked.nonce }], skipDuplicates: true });
        if (used.count !== 1) return fresh();
      }
      const valid = await withScrypt("signIn", () => verifyPassword(password, user?.passwordHash || DUMMY_HASH));
      await recordAttempt(tx, normalised, ip, Boolean(user && valid && !user.disabledAt), now);
      // A disabled account is told so only after its right password (so the answer reveals nothing new).
      if (user && valid && user.disabledAt) return { ok: false, reason: "disabled" };
      if (user && valid) return { ok: true, userId: user.id, sessionVersion: user.sessionVersion };
      // The failure that starts the challenge: the owner (if there is one) is told, once per run.
      return { ok: false, reason: "invalid", alert: Boolean(user) && counts.accountFailures + 1 === ACCOUNT_CHALLENGE_AFTER };
    },
    { timeout: 20_000, maxWait: 20_000 },
  );
  if ("alert" in result) {
    const { alert, ...answer } = result;
    if (alert) await notifyAccountUnderAttack(db, normalised).catch(() => {});
    return answer as SignInResult;
  }
  return result;
}
