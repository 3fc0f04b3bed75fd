// Everything under /coop: the cooperative console. Signed in without a console role → the 404
// page (the console's existence is not advertised). Signed out → the page or operator layout
// below sends the visitor to sign in and back (they know the address; this layout does not).
// Client parts below get the coop, benefits, listings and errors messages.
import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { getActor } from "@/lib/auth/session.server";
import { isLocale } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";

// Per signed-in user, never cached: every page below reads the session (cookies).
export const dynamic = "force-dynamic";

const CLIENT_NAMESPACES = ["coop", "benefits", "listings", "errors", "productPage", "campaigns"] as const;

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "coop" });
  return { title: { default: t("title"), template: `%s · ${t("title")}` }, robots: { index: false } };
}

export default async function CoopLayout({ children, params }: { children: ReactNode; params: Promise<{ locale: string }> }) {
  const { locale: raw } = await params;
  const locale = pageLocale(raw);
  const actor = await getActor();
  if (actor && actor.role !== "MANAGER" && actor.role !== "ADMIN") notFound();
  const all = await getMessages({ locale });
  const messages = Object.fromEntries(CLIENT_NAMESPACES.filter((ns) => ns in all).map((ns) => [ns, all[ns]]));
  return (
    <NextIntlClientProvider locale={locale} messages={messages}>
      {children}
    </NextIntlClientProvider>
  );
}
