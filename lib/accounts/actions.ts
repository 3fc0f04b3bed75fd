"use server";
// Account actions: sign-up for shoppers and password change. Sign-in and sign-out are next-auth's
// own routes (app/api/auth/[...nextauth]); the sign-up form signs in with next-auth right after.
import { headers } from "next/headers";
import { z } from "zod";
import { Prisma } from "@/lib/db/client";
import { db } from "@/lib/db/db.server";
import { defaultLocale, locales } from "@/lib/i18n/locales";
import { ActionError, signInRequired } from "@/lib/errors";
import { notifySessionsEnded } from "@/lib/auth/alerts";
import { defineAction } from "@/lib/actions/define.server";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { ScryptBusy, withScrypt } from "@/lib/auth/scrypt-gate";
import { reissueSessionCookie } from "@/lib/auth/session-cookie.server";
import { endAllSessions } from "@/lib/auth/sessions";
import { isThrottled, normaliseEmail, recordAttempt } from "@/lib/auth/throttle";
import { addressKey, clientAddress } from "@/lib/http/client-address";
import { admitSignUp } from "./signup-limits";
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

/** The caller's address as the sign-in route sees it (lib/http/client-address.ts; "unknown" outside a request, e.g. in tests). */
async function callerAddress(): Promise<string> {
  try {
    return addressKey(clientAddress(await headers()));
  } catch {
    return "unknown";
  }
}

/** Password work in its lane; a full lane is "busy, try again" rather than a pile-up. */
async function hashing<T>(lane: "signIn" | "signUp", work: () => Promise<T>): Promise<T> {
  try {
    return await withScrypt(lane, work);
  } catch (error) {
    if (error instanceof ScryptBusy) throw new ActionError("serviceBusy");
    throw error;
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
    const admitted = await admitSignUp(db, await callerAddress());
    if (!admitted.ok) throw new ActionError("signUpLimited", { minutes: admitted.retryAfterMinutes });
    const passwordHash = await hashing("signUp", () => hashPassword(input.password));
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
 * Every other session of the user ends (lib/auth/sessions.ts); this one carries on.
 */
export const changePassword = defineAction({
  name: "auth.changePassword",
  input: changePasswordInput,
  allow: "signedIn",
  async run({ actor }, input) {
    const ip = await callerAddress();
    const user = await db.user.findUnique({
      where: { id: actor.userId },
      select: { id: true, email: true, passwordHash: true, signInClearedAt: true },
    });
    if (!user) throw signInRequired();
    if (await isThrottled(db, user.email, ip, user.signInClearedAt)) throw new ActionError("signInThrottled");
    const valid = await hashing("signIn", () => verifyPassword(input.currentPassword, user.passwordHash));
    if (!valid) {
      await recordAttempt(db, user.email, ip, false);
      throw new ActionError("wrongPassword");
    }
    if (input.newPassword === input.currentPassword) throw new ActionError("passwordUnchanged");
    const passwordHash = await hashing("signIn", () => hashPassword(input.newPassword));
    const version = await db.$transaction(async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
      return endAllSessions(tx, user.id);
    });
    await reissueSessionCookie(version).catch(() => false);
    return { changed: true };
  },
});

/** "End all other sessions" on the account page: every other device is signed out at its next request. */
export const endOtherSessions = defineAction({
  name: "auth.endOtherSessions",
  input: z.object({}),
  allow: "signedIn",
  async run({ actor }) {
    const version = await endAllSessions(db, actor.userId);
    await reissueSessionCookie(version).catch(() => false);
    // A security mail: if it was not the owner, they learn that someone ended their sessions.
    await notifySessionsEnded(db, actor.email, version).catch((error) => console.error("[security] sessions-ended mail:", error));
    return { ended: true };
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
