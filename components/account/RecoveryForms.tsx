"use client";
// The forms of account recovery and address verification: forgot password, reset, verify,
// resend the verification mail. Each goes through its server action and shows the answer in place.
import { useLocale, useTranslations } from "next-intl";
import Link from "next/link";
import { useState } from "react";
import { TextInput } from "@/components/auth/fields";
import { thrownErrorKey, useSubmit } from "@/components/auth/use-submit";
import { Field, FormMessage, SubmitButton, fieldErrors } from "@/components/ui/form";
import type { ActionResult } from "@/lib/actions/define";
import { requestPasswordResetAction, resendVerificationAction, resetPasswordAction, verifyEmailAction } from "@/lib/accounts/actions";
import { localizedPath, type Locale } from "@/lib/i18n/locales";

const safely = async <T,>(fn: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> => {
  try {
    return await fn();
  } catch (error) {
    return { ok: false, error: thrownErrorKey(error) };
  }
};

export function ForgotPasswordForm() {
  const t = useTranslations("recovery.forgot");
  const locale = useLocale() as Locale;
  const [email, setEmail] = useState("");
  const { state, pending, onSubmit, ready } = useSubmit<ActionResult>(async (_p, form) => {
    form.set("locale", locale);
    setEmail(String(form.get("email") ?? "").trim());
    return safely(() => requestPasswordResetAction(form));
  });
  const errors = (name: string) => fieldErrors(state, name);
  return (
    <form onSubmit={onSubmit} method="post" noValidate className="space-y-4" aria-label={t("title")}>
      <Field id="forgot-email" label={t("email")} errors={errors("email")}>
        <TextInput
          id="forgot-email"
          name="email"
          type="email"
          inputMode="email"
          autoComplete="email"
          autoCapitalize="none"
          spellCheck={false}
          required
          maxLength={254}
          errors={errors("email")}
        />
      </Field>
      <FormMessage state={state} success={t("sent", { email })} />
      <SubmitButton disabled={!ready || pending} className="w-full py-2.5 text-base sm:text-sm">
        {pending ? t("submitting") : t("submit")}
      </SubmitButton>
    </form>
  );
}

export function ResetPasswordForm({ token }: { token: string }) {
  const t = useTranslations("recovery.reset");
  const locale = useLocale() as Locale;
  const { state, pending, onSubmit, ready } = useSubmit<ActionResult>(async (_p, form) => safely(() => resetPasswordAction(form)));
  const errors = (name: string) => fieldErrors(state, name);
  if (state?.ok) {
    return (
      <div className="space-y-4" role="status">
        <p className="rounded-lg bg-leaf-50 px-3 py-2 text-sm text-leaf-700">{t("done")}</p>
        <Link
          href={localizedPath(locale, "/signin")}
          className="block rounded-lg bg-brand-700 px-4 py-2.5 text-center font-semibold text-white hover:bg-brand-800"
        >
          {t("signIn")}
        </Link>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} method="post" noValidate className="space-y-4" aria-label={t("title")}>
      <input type="hidden" name="token" value={token} />
      <Field id="reset-password" label={t("newPassword")} hint={t("newPasswordHint")} errors={errors("newPassword")}>
        <TextInput
          id="reset-password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          errors={errors("newPassword")}
        />
      </Field>
      <Field id="reset-password-confirm" label={t("newPasswordConfirm")} errors={errors("newPasswordConfirm")}>
        <TextInput
          id="reset-password-confirm"
          name="newPasswordConfirm"
          type="password"
          autoComplete="new-password"
          required
          errors={errors("newPasswordConfirm")}
        />
      </Field>
      <FormMessage state={state} />
      {state && !state.ok && state.error === "resetLinkInvalid" ? (
        <Link href={localizedPath(locale, "/forgot-password")} className="block text-sm font-semibold text-brand-700 underline">
          {t("again")}
        </Link>
      ) : null}
      <SubmitButton disabled={!ready || pending} className="w-full py-2.5 text-base sm:text-sm">
        {pending ? t("submitting") : t("submit")}
      </SubmitButton>
    </form>
  );
}

export function VerifyEmailForm({ token }: { token: string }) {
  const t = useTranslations("recovery.verify");
  const locale = useLocale() as Locale;
  const { state, pending, onSubmit, ready } = useSubmit<ActionResult>(async (_p, form) => safely(() => verifyEmailAction(form)));
  if (state?.ok) {
    return (
      <div className="space-y-4" role="status">
        <p className="rounded-lg bg-leaf-50 px-3 py-2 text-sm text-leaf-700">{t("done")}</p>
        <Link href={localizedPath(locale, "/account")} className="block text-sm font-semibold text-brand-700 underline">
          {t("toAccount")}
        </Link>
      </div>
    );
  }
  return (
    <form onSubmit={onSubmit} method="post" className="space-y-4" aria-label={t("title")}>
      <input type="hidden" name="token" value={token} />
      <FormMessage state={state} />
      <SubmitButton disabled={!ready || pending} className="w-full py-2.5 text-base sm:text-sm">
        {pending ? t("submitting") : t("submit")}
      </SubmitButton>
    </form>
  );
}

export function ResendVerification({ email }: { email: string }) {
  const t = useTranslations("recovery.unverified");
  const { state, pending, onSubmit, ready } = useSubmit<ActionResult<{ sent: boolean }>>(async () =>
    safely(() => resendVerificationAction({})),
  );
  return (
    <form
      onSubmit={onSubmit}
      method="post"
      className="space-y-3 rounded-lg bg-amber-50 p-3 text-sm text-amber-900"
      data-testid="email-unverified"
    >
      <p>{t("note", { email })}</p>
      {state?.ok ? <p role="status">{state.data.sent ? t("resent") : t("notResent")}</p> : <FormMessage state={state} />}
      <button type="submit" disabled={!ready || pending} className="font-semibold underline disabled:opacity-60">
        {pending ? t("resending") : t("resend")}
      </button>
    </form>
  );
}
