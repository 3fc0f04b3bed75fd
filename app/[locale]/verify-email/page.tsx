// The link of the verification mail. Confirming takes a click (a POST), so a mail scanner that
// fetches the link does not spend it.
import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/AuthCard";
import { pickMessages } from "@/components/auth/messages";
import { VerifyEmailForm } from "@/components/account/RecoveryForms";
import { verifyLinkIsLive } from "@/lib/accounts/account.server";
import { isLocale } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "recovery.verify" });
  return { title: t("title"), robots: { index: false }, referrer: "no-referrer" };
}

export default async function VerifyEmailPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const locale = pageLocale((await params).locale);
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw : "";
  const t = await getTranslations({ locale, namespace: "recovery.verify" });
  if (!(await verifyLinkIsLive(token)))
    return (
      <AuthCard title={t("title")} intro={t("invalid")} footer={null}>
        {null}
      </AuthCard>
    );
  const messages = pickMessages(await getMessages({ locale }), ["recovery", "errors"]);
  return (
    <AuthCard title={t("title")} intro={t("intro")} footer={null}>
      <NextIntlClientProvider locale={locale} messages={messages}>
        <VerifyEmailForm token={token} />
      </NextIntlClientProvider>
    </AuthCard>
  );
}
