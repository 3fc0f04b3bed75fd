// The link of the reset mail: a new password, once, within the hour. The token stays out of the
// Referer of anything this page loads (referrer: no-referrer).
import { NextIntlClientProvider } from "next-intl";
import { linkPageMetadata, linkToken } from "@/lib/accounts/link-page.server";
import { getMessages, getTranslations } from "next-intl/server";
import Link from "next/link";
import { AuthCard } from "@/components/auth/AuthCard";
import { pickMessages } from "@/components/auth/messages";
import { ResetPasswordForm } from "@/components/account/RecoveryForms";
import { resetLinkIsLive } from "@/lib/accounts/account.server";
import { localizedPath } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";

export const dynamic = "force-dynamic";

export const generateMetadata = linkPageMetadata("recovery.reset");

export default async function ResetPasswordPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const locale = pageLocale((await params).locale);
  const token = await linkToken(searchParams);
  const t = await getTranslations({ locale, namespace: "recovery.reset" });
  if (!(await resetLinkIsLive(token))) {
    return (
      <AuthCard title={t("invalidTitle")} intro={t("invalid")} footer={null}>
        <Link
          href={localizedPath(locale, "/forgot-password")}
          className="block rounded-lg bg-brand-700 px-4 py-2.5 text-center font-semibold text-white hover:bg-brand-800"
        >
          {t("again")}
        </Link>
      </AuthCard>
    );
  }
  const messages = pickMessages(await getMessages({ locale }), ["recovery", "errors"]);
  return (
    <AuthCard title={t("title")} intro={t("intro")} footer={null}>
      <NextIntlClientProvider locale={locale} messages={messages}>
        <ResetPasswordForm token={token} />
      </NextIntlClientProvider>
    </AuthCard>
  );
}
