"use server";
// Account actions: sign-up for shoppers and password change. Sign-in and sign-out are next-auth's
// own routes (app/api/auth/[...nextauth]); the sign-up form signs in with next-auth right after.
import { headers } from "next/headers";
import { z } from "zod";
import { Prisma } from "@/lib/db/client";
import { db } from "@/lib/db/db.server";
import { defaultLocale, locales } from "@/lib/i18n/locales";
import { ActionError, signInRequired } from "@/lib/errors";
import { defineAction } from "@/lib/actions/define.server";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { isThrottled, normaliseEmail, recordAttempt } from "@/lib/auth/throttle";

// Limits. The sign-in route cuts passwords at 1024 characters, so 200 is always checked whole.
const NAME_MAX = 60;
const EMAIL_MAX = 254;
const PASSWORD_MIN = 10;
const PASSWORD_MAX = 200;

// Every message is a key under `errors.` (messages/*/errors.json).
const email = z
  .string({ error: "required" })
  .trim()
  .min(1, { error: "required", abort: true })
  .max(EMAIL_MAX, { error: "emailTooLong", abort: true })
  .email({ error: "invalidEmail" })
  .transform(normaliseEmail);

const newPassword = z
  .string({ error: "required" })
  .min(1, { error: "required", abort: true })
  .min(PASSWORD_MIN, { error: "passwordTooShort" })
  .max(PASSWORD_MAX, { error: "passwordTooLong" });

const signUpInput = z
  .object({
    name: z.string({ error: "required" }).trim().min(1, { error: "required", abort: true }).max(NAME_MAX, { error: "nameTooLong" }),
    email,
    password: newPassword,
    passwordConfirm: z.string({ error: "required" }),
    // The language of the page the shopper signed up on; anything else falls back to Chinese.
    locale: z.enum(locales).catch(defaultLocale),
  })
  .refine((v) => v.password === v.passwordConfirm, { path: ["passwordConfirm"], error: "passwordMismatch" });

const changePasswordInput = z
  .object({
    currentPassword: z.string({ error: "required" }).min(1, { error: "required" }).max(1024, { error: "wrongPassword" }),
    newPassword,
    newPasswordConfirm: z.string({ error: "required" }),
  })
  .refine((v) => v.newPassword === v.newPasswordConfirm, { path: ["newPasswordConfirm"], error: "passwordMismatch" });

/** The caller's address as the sign-in route sees it ("unknown" outside a request, e.g. in tests). */
async function callerAddress(): Promise<string> {
  try {
    const h = await headers();
    const forwarded = h.get("x-forwarded-for")?.split(",")[0]?.trim();
    return forwarded || h.get("x-real-ip") || "unknown";
  } catch {
    return "unknown";
  }
}

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

/**
 * A new shopper account. An email that is already registered is refused with a neutral message
 * (errors.emailTaken) that names no one; sign-up cannot avoid saying that much.
 */
export const signUp = defineAction({
  name: "auth.signUp",
  input: signUpInput,
  allow: "anyone",
  async run(_ctx, input) {
    const existing = await db.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (existing) throw new ActionError("emailTaken");
    const passwordHash = await hashPassword(input.password);
    try {
      await db.user.create({
        data: { email: input.email, name: input.name, passwordHash, role: "SHOPPER", locale: input.locale },
        select: { id: true },
      });
    } catch (error) {
      // Two sign-ups with the same email at once: the unique index decides, the loser gets the same answer.
      if (isUniqueViolation(error)) throw new ActionError("emailTaken");
      throw error;
    }
    return { email: input.email };
  },
});

/**
 * Changes the signed-in user's password. A wrong current password counts as a failed sign-in for
 * the throttle (lib/auth/throttle.ts), so this form cannot be used to guess passwords faster.
 * Sessions elsewhere stay valid until they expire (JWT sessions; see options.server.ts).
 */
export const changePassword = defineAction({
  name: "auth.changePassword",
  input: changePasswordInput,
  allow: "signedIn",
  async run({ actor }, input) {
    const ip = await callerAddress();
    if (await isThrottled(db, actor.email, ip)) throw new ActionError("signInThrottled");
    const user = await db.user.findUnique({ where: { id: actor.userId }, select: { id: true, email: true, passwordHash: true } });
    if (!user) throw signInRequired();
    const valid = await verifyPassword(input.currentPassword, user.passwordHash);
    if (!valid) {
      await recordAttempt(db, user.email, ip, false);
      throw new ActionError("wrongPassword");
    }
    if (input.newPassword === input.currentPassword) throw new ActionError("passwordUnchanged");
    await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(input.newPassword) } });
    return { changed: true };
  },
});
