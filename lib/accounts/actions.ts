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
import { resendVerification, requestPasswordReset, resetPassword, sendVerification, signUpAttemptOnTaken, verifyEmail } from "./recovery";

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
 * A new shopper account. The answer is the same whether or not the address already has an
 * account: a new account gets a mail to verify its address, an existing one's owner gets a mail
 * saying someone tried (with the way to reset a forgotten password). The password is hashed in
 * both cases, so the two answers also take the same time.
 */
export const signUp = defineAction({
  name: "auth.signUp",
  input: signUpInput,
  allow: "anyone",
  async run(_ctx, input) {
    const passwordHash = await hashPassword(input.password);
    try {
      await db.$transaction(async (tx) => {
        const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
        if (existing) return signUpAttemptOnTaken(tx, input.email);
        const user = await tx.user.create({
          data: { email: input.email, name: input.name, passwordHash, role: "SHOPPER", locale: input.locale },
          select: { id: true, email: true, locale: true },
        });
        await sendVerification(tx, user);
      });
    } catch (error) {
      // Two sign-ups with the same email at once: the unique index decides; the loser's answer is the same.
      if (!isUniqueViolation(error)) throw error;
      await db.$transaction((tx) => signUpAttemptOnTaken(tx, input.email));
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

const forgotInput = z.object({ email, locale: z.enum(locales).catch(defaultLocale) });

/** Forgot password: always the same answer; a reset link goes out only if the address has an account. */
export const requestPasswordResetAction = defineAction({
  name: "auth.requestPasswordReset",
  input: forgotInput,
  allow: "anyone",
  async run(_ctx, input) {
    return requestPasswordReset(db, input.email);
  },
});

const token = z.string({ error: "required" }).trim().min(1, { error: "required" }).max(100, { error: "resetLinkInvalid" });

const resetInput = z
  .object({ token, newPassword, newPasswordConfirm: z.string({ error: "required" }) })
  .refine((v) => v.newPassword === v.newPasswordConfirm, { path: ["newPasswordConfirm"], error: "passwordMismatch" });

/** Sets a new password from the emailed link; every session of the account ends. */
export const resetPasswordAction = defineAction({
  name: "auth.resetPassword",
  input: resetInput,
  allow: "anyone",
  async run(_ctx, input) {
    await resetPassword(db, input.token, input.newPassword);
    return { reset: true };
  },
});

/** The link of the verification mail. */
export const verifyEmailAction = defineAction({
  name: "auth.verifyEmail",
  input: z.object({ token }),
  allow: "anyone",
  async run(_ctx, input) {
    await verifyEmail(db, input.token);
    return { verified: true };
  },
});

/** Another verification mail for the signed-in user (at most 3 an hour). */
export const resendVerificationAction = defineAction({
  name: "auth.resendVerification",
  input: z.object({}),
  allow: "signedIn",
  async run({ actor }) {
    return resendVerification(db, actor.userId);
  },
});
