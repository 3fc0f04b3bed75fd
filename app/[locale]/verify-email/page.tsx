// The link of the verification mail. Confirming takes a click (a POST), so a mail scanner that
// fetches the link does not spend it.
import { NextIntlClientProvider } from "next-intl";
import { linkPageMetadata, linkToken } from "@/lib/accounts/link-page.server";
import { getMessages, getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/AuthCard";
import { pickMessages } from "@/components/auth/messages";
import { VerifyEmailForm } from "@/components/account/RecoveryForms";
import { verifyLinkIsLive } from "@/lib/accounts/account.server";

import { pageLocale } from "@/lib/i18n/page-locale.server";

export const dynamic = "force-dynamic";

export const generateMetadata = linkPageMetadata("recovery.verify");

export default async function VerifyEmailPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const locale = pageLocale((await params).locale);
  const token = await linkToken(searchParams);
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
