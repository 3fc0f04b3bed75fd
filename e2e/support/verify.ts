// The verification link a new account would get by mail, made with the same domain function (a
// fresh one-time token for the account's address), so specs without an SMTP server can follow it.
import { issueToken, VERIFY_TTL_MS } from "../../lib/accounts/email-tokens";
import { e2eDb } from "./db";

export async function verificationLinkFor(email: string): Promise<string> {
  const db = e2eDb();
  const user = await db.user.findUniqueOrThrow({ where: { email: email.toLowerCase() }, select: { id: true, email: true } });
  const token = await db.$transaction((tx) =>
    issueToken(tx, { userId: user.id, purpose: "VERIFY_EMAIL", email: user.email, ttlMs: VERIFY_TTL_MS }),
  );
  return `/verify-email?token=${token}`;
}
