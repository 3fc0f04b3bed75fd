// Sign-in for every role. Nothing here depends on who is asking (the form reads the session in
// the browser), so the page is rendered once per language and cached like the storefront.
import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/AuthCard";
import { KeepCallbackLink } from "@/components/auth/fields";
import { pickMessages } from "@/components/auth/messages";
import { SignInForm } from "@/components/auth/SignInForm";
import { isLocale, localizedPath } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "auth.signIn" });
  return { title: t("title"), robots: { index: false } };
}

export default async function SignInPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale: raw } = await params;
  const locale = pageLocale(raw);
  const t = await getTranslations({ locale, namespace: "auth.signIn" });
  const messages = pickMessages(await getMessages({ locale }), ["auth", "errors"]);
  return (
    <AuthCard
      title={t("title")}
      intro={t("intro")}
      footer={
        <>
          <p>
            {t("noAccount")}{" "}
            <KeepCallbackLink href={localizedPath(locale, "/signup")} className="font-semibold text-brand-700 underline">
              {t("signUpLink")}
            </KeepCallbackLink>
          </p>
          <p className="text-xs text-stone-600">{t("staffNote")}</p>
        </>
      }
    >
      <NextIntlClientProvider locale={locale} messages={messages}>
        <SignInForm />
      </NextIntlClientProvider>
    </AuthCard>
  );
}
