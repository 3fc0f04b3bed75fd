// Everything under /office: the county program office console (县级后台). Signed out → sign in
// and come back; signed in without an office role → the 404 page (the console is not advertised).
// An officer sees their own county; an admin sees every county.
import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { getActor } from "@/lib/auth/session.server";
import { regionNames } from "@/lib/regions/regions.server";
import { isLocale, localizedPath } from "@/lib/i18n/locales";
import { localName } from "@/lib/i18n/pick";
import { ConsoleTabs } from "@/components/console/ConsoleTabs";
import { redirectToSignIn } from "@/components/console/sign-in";
import { pageLocale } from "@/lib/i18n/page-locale.server";

// Per signed-in user, never cached: every page below reads the session (cookies).
export const dynamic = "force-dynamic";

const CLIENT_NAMESPACES = ["office", "errors", "apply", "admin"] as const;

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "office" });
  return { title: { default: t("title"), template: `%s · ${t("title")}` }, robots: { index: false } };
}

export default async function OfficeLayout({ children, params }: { children: ReactNode; params: Promise<{ locale: string }> }) {
  const { locale: raw } = await params;
  const locale = pageLocale(raw);
  const actor = await getActor();
  if (!actor) redirectToSignIn(locale, "/office");
  if (actor.role !== "OFFICER" && actor.role !== "ADMIN") notFound();
  const t = await getTranslations({ locale, namespace: "office" });
  const r = await getTranslations({ locale, namespace: "reports" });
  const a = await getTranslations({ locale, namespace: "apply" });
  const ad = await getTranslations({ locale, namespace: "admin" });
  const o = await getTranslations({ locale, namespace: "organisations.progress" });
  const county = actor.role === "OFFICER" && actor.countyId ? await regionNames(actor.countyId) : null;
  const base = localizedPath(locale, "/office");
  const tabs = [
    { href: `${base}/certification`, label: t("nav.certification") },
    { href: `${base}/households`, label: t("households.nav") },
    { href: `${base}/reports`, label: r("nav") },
    { href: `${base}/organisations`, label: o("nav") },
    { href: `${base}/applications`, label: a("queue.nav") },
    { href: `${base}/audit`, label: ad("audit.nav") },
  ];
  const all = await getMessages({ locale });
  const messages = Object.fromEntries(CLIENT_NAMESPACES.filter((ns) => ns in all).map((ns) => [ns, all[ns]]));

  return (
    <NextIntlClientProvider locale={locale} messages={messages}>
      <div className="space-y-5">
        <div className="space-y-2 print:hidden">
          <p className="text-xs font-medium uppercase tracking-wide text-stone-600">{t("title")}</p>
          <p className="text-xl font-bold leading-tight text-stone-900" data-testid="office-county">
            {county ? localName(locale, county) : t("allCounties")}
          </p>
          <ConsoleTabs tabs={tabs} label={t("nav.label")} />
        </div>
        {children}
      </div>
    </NextIntlClientProvider>
  );
}
