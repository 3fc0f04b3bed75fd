"use client";
// Sign-in through next-auth's credentials provider. The server answers only "invalid" or
// "throttled" (never whether the account exists); both become a message under `errors.`.
import { signIn } from "next-auth/react";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Field, FormMessage, SubmitButton, fieldErrors } from "@/components/ui/form";
import { LocalLink } from "@/components/ui/LocalLink";
import type { ActionResult, FieldErrors } from "@/lib/actions/define";
import type { Locale } from "@/lib/i18n/locales";
import { refreshAccount, useAccount } from "./account-session";
import { destinationAfterSignIn, signInError } from "./sign-in";
import { solveChallengeInBrowser } from "./solve-challenge";
import { TextInput } from "./fields";
import { thrownErrorKey, useSubmit } from "./use-submit";

export function SignInForm() {
  const t = useTranslations("auth.signIn");
  const locale = useLocale() as Locale;
  const router = useRouter();
  const account = useAccount();
  const [checking, setChecking] = useState(false);

  const { state, pending, onSubmit, ready } = useSubmit<ActionResult>(async (_previous, form) => {
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    const missing: FieldErrors = {};
    if (!email) missing.email = ["required"];
    if (!password) missing.password = ["required"];
    if (Object.keys(missing).length) return { ok: false, error: "invalidInput", fieldErrors: missing };

    try {
      let result = await signIn("credentials", { email, password, redirect: false });
      // After many failed sign-ins on this account, the server asks for a solved challenge: the
      // browser works it out (about a second) and tries once more with the answer.
      const asked = signInError(result?.error);
      if (asked.challenge) {
        setChecking(true);
        const answer = await solveChallengeInBrowser(asked.challenge).finally(() => setChecking(false));
        if (!answer) return { ok: false, error: "signInChallengeFailed" };
        result = await signIn("credentials", { email, password, challenge: asked.challenge, answer, redirect: false });
      }
      if (!result?.ok || result.error) {
        const failed = signInError(result?.error);
        return { ok: false, error: failed.key, values: failed.values };
      }
      // The session cookie is set; read the role to pick the landing page (and make sure it took).
      // This also tells the header's account corner, which stays mounted across the navigation.
      const signedIn = await refreshAccount();
      if (signedIn.status !== "authenticated") return { ok: false, error: "unexpected" };
      const role = signedIn.user.role;
      const callback = new URLSearchParams(window.location.search).get("callbackUrl");
      router.replace(destinationAfterSignIn(callback, role, locale));
      return { ok: true, data: null };
    } catch (error) {
      return { ok: false, error: thrownErrorKey(error) };
    }
  });

  const name = account.status === "authenticated" ? account.user.name : null;
  return (
    <div className="space-y-4">
      {name && !state?.ok ? (
        <p className="rounded-lg bg-stone-100 px-3 py-2 text-sm text-stone-800" data-testid="already-signed-in">
          {t("alreadySignedIn", { name })}{" "}
          <LocalLink locale={locale} href="/account" className="font-semibold text-brand-700 underline">
            {t("goToAccount")}
          </LocalLink>
        </p>
      ) : null}
      <form onSubmit={onSubmit} method="post" noValidate className="space-y-4" aria-label={t("title")}>
        <Field id="signin-email" label={t("email")} errors={fieldErrors(state, "email")}>
          <TextInput
            id="signin-email"
            name="email"
            type="email"
            inputMode="email"
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            required
            maxLength={320}
            errors={fieldErrors(state, "email")}
          />
        </Field>
        <Field id="signin-password" label={t("password")} errors={fieldErrors(state, "password")}>
          <TextInput
            id="signin-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            maxLength={1024}
            errors={fieldErrors(state, "password")}
          />
        </Field>
        {checking ? (
          <p className="text-sm text-stone-700" role="status" data-testid="signin-checking">
            {t("checking")}
          </p>
        ) : null}
        <FormMessage state={state} success={t("success")} />
        <SubmitButton disabled={!ready || pending || state?.ok === true} className="w-full py-2.5 text-base sm:text-sm">
          {pending || state?.ok ? t("submitting") : t("submit")}
        </SubmitButton>
      </form>
    </div>
  );
}
