// A self-hosted proof-of-work challenge for sign-in (no external service): an account that has
// had many failed sign-ins lately asks every further attempt to come with the answer to a fresh
// challenge. The browser finds it in about a second (components/auth/solve-challenge.ts); a
// guessing script pays that second of CPU for every guess. Each challenge is signed (HMAC with
// the session secret), bound to the account's email, short-lived, and can be used once.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const CHALLENGE_TTL_SECONDS = 300;
/** Leading zero bits of sha256(challenge ":" answer): 2^16 tries on average. */
export const CHALLENGE_BITS = 16;

interface Claims {
  /** First 16 hex characters of sha256(email). */
  e: string;
  /** Random; recorded when used, so an answer cannot be replayed. */
  n: string;
  /** Difficulty in bits. */
  d: number;
  /** Expiry, Unix seconds. */
  x: number;
}

const b64url = (buf: Buffer) => buf.toString("base64url");
const emailTag = (email: string) => createHash("sha256").update(email).digest("hex").slice(0, 16);
const sign = (payload: string, secret: string) => b64url(createHmac("sha256", `signin-challenge:${secret}`).update(payload).digest());

export function issueChallenge(email: string, secret: string, now = Date.now(), bits = CHALLENGE_BITS): string {
  const claims: Claims = { e: emailTag(email), n: b64url(randomBytes(12)), d: bits, x: Math.floor(now / 1000) + CHALLENGE_TTL_SECONDS };
  const payload = b64url(Buffer.from(JSON.stringify(claims)));
  return `${payload}.${sign(payload, secret)}`;
}

/** Leading zero bits of a digest. */
export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

export function answerWorks(challenge: string, answer: string, bits: number): boolean {
  return leadingZeroBits(createHash("sha256").update(`${challenge}:${answer}`).digest()) >= bits;
}

export type ChallengeCheck = { ok: true; nonce: string } | { ok: false };

/** Checks signature, email, expiry and the work. Single use is the caller's part (record the nonce). */
export function checkChallenge(challenge: unknown, answer: unknown, email: string, secret: string, now = Date.now()): ChallengeCheck {
  if (typeof challenge !== "string" || typeof answer !== "string" || challenge.length > 400 || answer.length > 32) return { ok: false };
  const [payload, signature, extra] = challenge.split(".");
  if (!payload || !signature || extra !== undefined) return { ok: false };
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false };
  let claims: Claims;
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Claims;
  } catch {
    return { ok: false };
  }
  if (claims.e !== emailTag(email) || typeof claims.x !== "number" || claims.x * 1000 < now) return { ok: false };
  if (typeof claims.d !== "number" || claims.d < 1 || !answerWorks(challenge, answer, claims.d)) return { ok: false };
  return { ok: true, nonce: claims.n };
}

/** Finds an answer (tests; the browser has its own solver with WebCrypto). */
export function solveChallenge(challenge: string): string {
  const [payload] = challenge.split(".");
  const { d } = JSON.parse(Buffer.from(payload!, "base64url").toString("utf8")) as Claims;
  for (let i = 0; ; i++) if (answerWorks(challenge, i.toString(36), d)) return i.toString(36);
}
