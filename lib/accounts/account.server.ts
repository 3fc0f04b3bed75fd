// What the account pages read about the signed-in user's address and one-time links.
import "server-only";
import { db } from "@/lib/db/db.server";
import { tokenIsLive } from "./email-tokens";

export async function isEmailVerified(userId: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { emailVerifiedAt: true } });
  return Boolean(user?.emailVerifiedAt);
}

/** Would this reset link still work? (The page says so before the person types a new password.) */
export const resetLinkIsLive = (token: string) => tokenIsLive(db, token, "PASSWORD_RESET");
export const verifyLinkIsLive = (token: string) => tokenIsLive(db, token, "VERIFY_EMAIL");
