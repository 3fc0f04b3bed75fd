// The sign-in and sign-up pages: a card with the form, a link to the other page (keeping the
// callback), and the note for staff. Nothing depends on who is asking (the forms read the session
// in the browser), so both pages are rendered once per language and cached like the storefront.
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import Link from "next/link";
import type { ReactNode } from "react";
import type { Locale } from "@/lib/i18n/locales";
import { localizedPath } from "@/lib/i18n/locales";
import { AuthCard } from "./AuthCard";
import { KeepCallbackLink } from "./fields";
import { pickMessages } from "./messages";

const PAGES = {
  signIn: { other: "/signup", question: "noAccount", link: "signUpLink" },
  signUp: { other: "/signin", question: "haveAccount", link: "signInLink" },
} as const;

export async function AuthPage({ locale, page, children }: { locale: Locale; page: keyof typeof PAGES; children: ReactNode }) {
  const t = await getTranslations({ locale, namespace: `auth.${page}` });
  const tr = await getTranslations({ locale, namespace: "recovery" });
  const messages = pickMessages(await getMessages({ locale }), ["auth", "errors"]);
  const { other, question, link } = PAGES[page];
  return (
    <AuthCard
      title={t("title")}
      intro={t("intro")}
      footer={
        <>
          <p>
            {t(question)}{" "}
            <KeepCallbackLink href={localizedPath(locale, other)} className="font-semibold text-brand-700 underline">
              {t(link)}
            </KeepCallbackLink>
          </p>
          {page === "signIn" ? (
            <p>
              <Link href={localizedPath(locale, "/forgot-password")} className="font-semibold text-brand-700 underline">
                {tr("forgotLink")}
              </Link>
            </p>
          ) : null}
          <p className="text-xs text-stone-600">{t("staffNote")}</p>
        </>
      }
    >
      <NextIntlClientProvider locale={locale} messages={messages}>
        {children}
      </NextIntlClientProvider>
    </AuthCard>
  );
}
