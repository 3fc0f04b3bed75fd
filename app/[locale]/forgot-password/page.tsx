// Forgot password: the address in, the same answer out whether or not it has an account.
import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import Link from "next/link";
import { AuthCard } from "@/components/auth/AuthCard";
import { pickMessages } from "@/components/auth/messages";
import { ForgotPasswordForm } from "@/components/account/RecoveryForms";
import { isLocale, localizedPath } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "recovery.forgot" });
  return { title: t("title"), robots: { index: false } };
}

export default async function ForgotPasswordPage({ params }: { params: Promise<{ locale: string }> }) {
  const locale = pageLocale((await params).locale);
  const t = await getTranslations({ locale, namespace: "recovery.forgot" });
  const messages = pickMessages(await getMessages({ locale }), ["recovery", "errors"]);
  return (
    <AuthCard
      title={t("title")}
      intro={t("intro")}
      footer={
        <Link href={localizedPath(locale, "/signin")} className="font-semibold text-brand-700 underline">
          {t("back")}
        </Link>
      }
    >
      <NextIntlClientProvider locale={locale} messages={messages}>
        <ForgotPasswordForm />
      </NextIntlClientProvider>
    </AuthCard>
  );
}
