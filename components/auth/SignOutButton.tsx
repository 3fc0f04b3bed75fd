"use client";
import { signOut } from "next-auth/react";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { localizedPath, type Locale } from "@/lib/i18n/locales";
import { thrownErrorKey } from "./use-submit";

export function SignOutButton() {
  const t = useTranslations("auth.account");
  const e = useTranslations("errors");
  const locale = useLocale() as Locale;
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const home = localizedPath(locale, "/");

  async function onClick() {
    setPending(true);
    setError(null);
    try {
      // redirect: false, then navigate here: next-auth would build the URL on its own idea of the
      // site's origin (NEXTAUTH_URL, else localhost:3000), which is wrong behind a proxy or on another port.
      await signOut({ redirect: false, callbackUrl: home });
    } catch (thrown) {
      setPending(false);
      setError(thrownErrorKey(thrown));
      return;
    }
    // A full page load, so nothing of the signed-in user stays in the browser's memory.
    window.location.assign(home);
  }

  return (
    <div className="space-y-2">
      <button
        type="button"
        onClick={onClick}
        disabled={pending}
        aria-disabled={pending}
        className="rounded-lg px-4 py-2 text-sm font-semibold text-red-800 ring-1 ring-red-300 hover:bg-red-50 disabled:cursor-wait disabled:opacity-60"
      >
        {pending ? t("signingOut") : t("signOut")}
      </button>
      {error ? (
        <p className="text-sm text-red-700" role="alert">
          {e(error)}
        </p>
      ) : null}
    </div>
  );
}
