"use server";
// Notification settings: the signed-in user's own switches, and the "stop these mails" link.
import { z } from "zod";
import { defineAction } from "@/lib/actions/define.server";
import { db } from "@/lib/db/db.server";
import { ActionError } from "@/lib/errors";
import { isOptional, OPTIONAL_CATEGORIES } from "./kinds";
import { setPreferences, type Preferences } from "./preferences";
import { optOutByToken } from "./preferences.server";
import { readUnsubscribeToken } from "./unsubscribe";

// A checkbox sends "on" when ticked and nothing when not.
const box = z
  .union([z.literal("on"), z.literal("true"), z.literal(true)])
  .optional()
  .transform((v) => v !== undefined);
const prefsInput = z.object({
  "orders.EMAIL": box,
  "orders.SMS": box,
  "sales.EMAIL": box,
  "sales.SMS": box,
  "products.EMAIL": box,
  "products.SMS": box,
  // The categories the form showed: only these change (a shopper's form has no seller categories).
  categories: z
    .union([z.enum(OPTIONAL_CATEGORIES), z.array(z.enum(OPTIONAL_CATEGORIES)).max(OPTIONAL_CATEGORIES.length)])
    .transform((v) => (Array.isArray(v) ? v : [v])),
});

/** The signed-in user's switches, for their own address only. */
export const updateNotificationPreferences = defineAction({
  name: "notifications.updatePreferences",
  input: prefsInput,
  allow: "signedIn",
  async run({ actor }, input) {
    const prefs = Object.fromEntries(
      input.categories.map((c) => [c, { EMAIL: input[`${c}.EMAIL`], SMS: input[`${c}.SMS`] }]),
    ) as Partial<Preferences>;
    await setPreferences(db, actor.email, prefs);
    return { saved: true };
  },
});

/** The link in a mail: stops that category of mail to that address. No sign-in; the signed token is the proof. */
export const unsubscribeAction = defineAction({
  name: "notifications.unsubscribe",
  input: z.object({ token: z.string({ error: "required" }).min(1, { error: "required" }).max(800, { error: "unsubscribeLinkInvalid" }) }),
  allow: "anyone",
  async run(_ctx, input) {
    const target = readUnsubscribeToken(input.token);
    if (!target || !isOptional(target.category)) throw new ActionError("unsubscribeLinkInvalid");
    return optOutByToken(input.token);
  },
});
