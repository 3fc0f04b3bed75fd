// The "stop these mails" link of every optional mail: says what stops for which address, and
// stops it on a click (a POST; mail apps' one-click unsubscribe posts to /api/notifications/unsubscribe).
import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/AuthCard";
import { pickMessages } from "@/components/auth/messages";
import { UnsubscribeForm } from "@/components/notifications/NotificationForms";
import { isLocale } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { isOptional } from "@/lib/notifications/kinds";
import { readUnsubscribeToken } from "@/lib/notifications/unsubscribe";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "notifications.unsubscribe" });
  return { title: t("title"), robots: { index: false }, referrer: "no-referrer" };
}

export default async function UnsubscribePage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<{ token?: string | string[] }>;
}) {
  const locale = pageLocale((await params).locale);
  const raw = (await searchParams).token;
  const token = typeof raw === "string" ? raw : "";
  const t = await getTranslations({ locale, namespace: "notifications" });
  const target = readUnsubscribeToken(token);
  if (!target || !isOptional(target.category)) {
    return (
      <AuthCard title={t("unsubscribe.title")} intro={t("unsubscribe.invalid")} footer={null}>
        {null}
      </AuthCard>
    );
  }
  const messages = pickMessages(await getMessages({ locale }), ["notifications", "errors"]);
  return (
    <AuthCard
      title={t("unsubscribe.title")}
      intro={t("unsubscribe.intro", { address: target.address, category: t(`category.${target.category}`) })}
      footer={null}
    >
      <NextIntlClientProvider locale={locale} messages={messages}>
        <UnsubscribeForm token={token} />
      </NextIntlClientProvider>
    </AuthCard>
  );
}
