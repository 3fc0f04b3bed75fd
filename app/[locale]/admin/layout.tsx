// Everything under /admin: the platform's console (平台管理). Signed out → sign in and come back;
// signed in without the admin role → the 404 page (the console is not advertised).
import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { getActor } from "@/lib/auth/session.server";
import { isLocale, localizedPath } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { ConsoleTabs } from "@/components/console/ConsoleTabs";
import { redirectToSignIn } from "@/components/console/sign-in";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "admin" });
  return { title: { default: t("title"), template: `%s · ${t("title")}` }, robots: { index: false } };
}

export default async function AdminLayout({ children, params }: { children: ReactNode; params: Promise<{ locale: string }> }) {
  const locale = pageLocale((await params).locale);
  const actor = await getActor();
  if (!actor) redirectToSignIn(locale, "/admin");
  if (actor.role !== "ADMIN") notFound();
  const t = await getTranslations({ locale, namespace: "admin" });
  const o = await getTranslations({ locale, namespace: "organisations.admin" });
  const base = localizedPath(locale, "/admin");
  const tabs = [
    { href: base, label: t("nav.home"), exact: true },
    { href: `${base}/applications`, label: t("nav.applications") },
    { href: `${base}/accounts`, label: t("nav.accounts") },
    { href: `${base}/operators`, label: t("nav.operators") },
    { href: `${base}/organisations`, label: o("nav") },
    { href: `${base}/campaigns`, label: (await getTranslations({ locale, namespace: "campaigns.admin" }))("nav") },
    { href: `${base}/payouts`, label: t("nav.payouts") },
    { href: `${base}/after-sales`, label: (await getTranslations({ locale, namespace: "afterSales.admin" }))("nav") },
    { href: `${base}/transfers`, label: (await getTranslations({ locale, namespace: "transfers.admin" }))("nav") },
    { href: `${base}/regions`, label: t("nav.regions") },
    { href: `${base}/gi-marks`, label: t("nav.giMarks") },
    { href: `${base}/audit`, label: t("nav.audit") },
    { href: `${base}/reviews`, label: (await getTranslations({ locale, namespace: "reviews.admin" }))("title") },
  ];
  const all = await getMessages({ locale });
  const messages = { admin: all.admin, apply: all.apply, errors: all.errors, organisations: all.organisations, campaigns: all.campaigns };
  return (
    <NextIntlClientProvider locale={locale} messages={messages}>
      <div className="space-y-5">
        <div className="space-y-2">
          <p className="text-xs font-medium uppercase tracking-wide text-stone-600">{t("title")}</p>
          <ConsoleTabs tabs={tabs} label={t("nav.label")} />
        </div>
        {children}
      </div>
    </NextIntlClientProvider>
  );
}
