import "server-only";
import { db } from "@/lib/db/db.server";
import { notFound } from "@/lib/errors";
import { isOptional } from "./kinds";
import { optOut, preferencesOf } from "./preferences";
import { readUnsubscribeToken } from "./unsubscribe";

export const notificationPreferences = (email: string) => preferencesOf(db, email);

/** The signed link of a mail: turns its category off for its address; anything else is notFound(). */
export async function optOutByToken(token: string): Promise<{ category: string }> {
  const target = readUnsubscribeToken(token);
  if (!target || !isOptional(target.category)) throw notFound();
  await optOut(db, target.address, target.category);
  return { category: target.category };
}
