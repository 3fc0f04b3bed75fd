// Which notifications an address receives: every optional category is on unless turned off
// (NotificationOptOut rows, per channel). Security mails cannot be turned off.
import type { Db } from "@/lib/db/client";
import type { NotificationChannel } from "@/lib/generated/prisma/enums";
import { normaliseEmail } from "@/lib/auth/throttle";
import { OPTIONAL_CATEGORIES, type OptionalCategory } from "./kinds";

export type Preferences = Record<OptionalCategory, Record<NotificationChannel, boolean>>;

export async function preferencesOf(db: Db, email: string): Promise<Preferences> {
  const off = await db.notificationOptOut.findMany({
    where: { address: normaliseEmail(email) },
    select: { category: true, channel: true },
  });
  const out = {} as Preferences;
  for (const c of OPTIONAL_CATEGORIES) {
    out[c] = {
      EMAIL: !off.some((o) => o.category === c && o.channel === "EMAIL"),
      SMS: !off.some((o) => o.category === c && o.channel === "SMS"),
    };
  }
  return out;
}

/** Sets the address's preferences of the given categories; the others stay as they are. */
export async function setPreferences(db: Db, email: string, prefs: Partial<Preferences>): Promise<void> {
  const address = normaliseEmail(email);
  const categories = OPTIONAL_CATEGORIES.filter((c) => prefs[c]);
  await db.$transaction(async (tx) => {
    await tx.notificationOptOut.deleteMany({ where: { address, category: { in: categories } } });
    const rows = categories.flatMap((category) =>
      (["EMAIL", "SMS"] as const).filter((channel) => !prefs[category]![channel]).map((channel) => ({ address, category, channel })),
    );
    if (rows.length) await tx.notificationOptOut.createMany({ data: rows, skipDuplicates: true });
  });
}

/** Turns one category off for an address by email (the link in a mail). Idempotent. */
export async function optOut(db: Db, address: string, category: OptionalCategory, channel: NotificationChannel = "EMAIL"): Promise<void> {
  await db.notificationOptOut.createMany({ data: [{ address: normaliseEmail(address), category, channel }], skipDuplicates: true });
}
