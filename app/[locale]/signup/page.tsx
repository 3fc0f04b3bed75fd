// Shopper sign-up. Like the sign-in page, the same for everyone, so cached.
import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/AuthCard";
import { KeepCallbackLink } from "@/components/auth/fields";
import { pickMessages } from "@/components/auth/messages";
import { SignUpForm } from "@/components/auth/SignUpForm";
import { isLocale, localizedPath } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "auth.signUp" });
  return { title: t("title"), robots: { index: false } };
}

export default async function SignUpPage({ params }: { params: Promise<{ locale: string }> }) {
  const { locale: raw } = await params;
  const locale = pageLocale(raw);
  const t = await getTranslations({ locale, namespace: "auth.signUp" });
  const messages = pickMessages(await getMessages({ locale }), ["auth", "errors"]);
  return (
    <AuthCard
      title={t("title")}
      intro={t("intro")}
      footer={
        <>
          <p>
            {t("haveAccount")}{" "}
            <KeepCallbackLink href={localizedPath(locale, "/signin")} className="font-semibold text-brand-700 underline">
              {t("signInLink")}
            </KeepCallbackLink>
          </p>
          <p className="text-xs text-stone-600">{t("staffNote")}</p>
        </>
      }
    >
      <NextIntlClientProvider locale={locale} messages={messages}>
        <SignUpForm />
      </NextIntlClientProvider>
    </AuthCard>
  );
}
