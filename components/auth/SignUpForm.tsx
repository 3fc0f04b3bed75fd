"use client";
// Shopper sign-up: the server action creates the account, then the browser signs in with
// next-auth using the password just typed (it never leaves this page otherwise).
import { signIn } from "next-auth/react";
import { refreshAccount } from "./account-session";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { Field, FormMessage, SubmitButton, fieldErrors } from "@/components/ui/form";
import type { ActionResult } from "@/lib/actions/define";
import { signUp } from "@/lib/accounts/actions";
import { localizedPath, type Locale } from "@/lib/i18n/locales";
import { destinationAfterSignIn } from "./sign-in";
import { KeepCallbackLink, TextInput } from "./fields";
import { thrownErrorKey, useSubmit } from "./use-submit";

type SignUpState = ActionResult<"signedIn" | "created">;

export function SignUpForm() {
  const t = useTranslations("auth.signUp");
  const locale = useLocale() as Locale;
  const router = useRouter();

  const { state, pending, onSubmit, ready } = useSubmit<SignUpState>(async (_previous, form) => {
    form.set("locale", locale);
    let created: Awaited<ReturnType<typeof signUp>>;
    try {
      created = await signUp(form);
    } catch (error) {
      return { ok: false, error: thrownErrorKey(error) };
    }
    if (!created.ok) return created;
    try {
      const result = await signIn("credentials", { email: created.data.email, password: String(form.get("password")), redirect: false });
      if (!result?.ok || result.error) return { ok: true, data: "created" };
    } catch {
      return { ok: true, data: "created" };
    }
    // The header's account corner stays mounted across the navigation: tell it.
    await refreshAccount();
    const callback = new URLSearchParams(window.location.search).get("callbackUrl");
    router.replace(destinationAfterSignIn(callback, "SHOPPER", locale));
    return { ok: true, data: "signedIn" };
  });

  const errors = (name: string) => fieldErrors(state, name);
  const done = state?.ok === true;
  return (
    <form onSubmit={onSubmit} method="post" noValidate className="space-y-4" aria-label={t("title")}>
      <Field id="signup-name" label={t("name")} hint={t("nameHint")} errors={errors("name")}>
        <TextInput id="signup-name" name="name" autoComplete="nickname" required maxLength={60} errors={errors("name")} />
      </Field>
      <Field id="signup-email" label={t("email")} hint={t("emailHint")} errors={errors("email")}>
        <TextInput
          id="signup-email"
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
      <Field id="signup-password" label={t("password")} hint={t("passwordHint")} errors={errors("password")}>
        <TextInput id="signup-password" name="password" type="password" autoComplete="new-password" required errors={errors("password")} />
      </Field>
      <Field id="signup-password-confirm" label={t("passwordConfirm")} errors={errors("passwordConfirm")}>
        <TextInput
          id="signup-password-confirm"
          name="passwordConfirm"
          type="password"
          autoComplete="new-password"
          required
          errors={errors("passwordConfirm")}
        />
      </Field>
      {state?.ok && state.data === "created" ? (
        <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900" role="alert">
          {t("createdSignInFailed")}{" "}
          <KeepCallbackLink href={localizedPath(locale, "/signin")} className="font-semibold underline">
            {t("signInLink")}
          </KeepCallbackLink>
        </p>
      ) : (
        <FormMessage state={state} success={t("success")} />
      )}
      <SubmitButton disabled={!ready || pending || done} className="w-full py-2.5 text-base sm:text-sm">
        {pending || (done && state.data === "signedIn") ? t("submitting") : t("submit")}
      </SubmitButton>
    </form>
  );
}
