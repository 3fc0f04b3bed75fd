// One-time links sent by mail (a password reset, an address verification). The link carries 32
// random bytes; only their SHA-256 is stored. A token is spent by one guarded update (usedAt from
// null, before it expires), so two clicks at once, or a replay, find it spent.
import { createHash, randomBytes } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { EmailTokenPurpose } from "@/lib/generated/prisma/enums";

type Tx = Prisma.TransactionClient;

export const RESET_TTL_MS = 60 * 60 * 1000; // 1 hour, as the mail says
export const VERIFY_TTL_MS = 24 * 60 * 60 * 1000; // 24 hours, as the mail says
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");
export const isTokenShape = (token: unknown): token is string => typeof token === "string" && TOKEN.test(token);

export async function issueToken(
  tx: Tx,
  input: { userId: string; purpose: EmailTokenPurpose; email: string; ttlMs: number; now?: Date },
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  const now = input.now ?? new Date();
  await tx.emailToken.create({
    data: {
      userId: input.userId,
      purpose: input.purpose,
      email: input.email,
      tokenHash: hashToken(token),
      expiresAt: new Date(now.getTime() + input.ttlMs),
      createdAt: now,
    },
  });
  return token;
}

/** Spends the token: its user and address, or null when unknown, spent, expired or of another purpose. */
export async function spendToken(
  tx: Tx,
  token: string,
  purpose: EmailTokenPurpose,
  now = new Date(),
): Promise<{ userId: string; email: string } | null> {
  if (!isTokenShape(token)) return null;
  const rows = await tx.$queryRaw<{ userId: string; email: string }[]>`
    UPDATE "EmailToken" SET "usedAt" = ${now}
     WHERE "tokenHash" = ${hashToken(token)} AND "purpose" = ${purpose}::"EmailTokenPurpose"
       AND "usedAt" IS NULL AND "expiresAt" > ${now}
    RETURNING "userId", "email"`;
  return rows[0] ?? null;
}

/** Is the token one that would still work (for the reset page, before the form is sent)? */
export async function tokenIsLive(tx: Tx | Pick<Tx, "emailToken">, token: string, purpose: EmailTokenPurpose, now = new Date()) {
  if (!isTokenShape(token)) return false;
  const row = await tx.emailToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { purpose: true, usedAt: true, expiresAt: true },
  });
  return Boolean(row && row.purpose === purpose && !row.usedAt && row.expiresAt > now);
}
