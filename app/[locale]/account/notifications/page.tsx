// The signed-in user's notification switches, and the address verification state.
import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { pickMessages } from "@/components/auth/messages";
import { ResendVerification } from "@/components/account/RecoveryForms";
import { PreferencesForm } from "@/components/notifications/NotificationForms";
import { isEmailVerified } from "@/lib/accounts/account.server";
import { getActor } from "@/lib/auth/session.server";
import { isLocale, localizedPath } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { notificationPreferences } from "@/lib/notifications/preferences.server";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "notifications" });
  return { title: t("title"), robots: { index: false } };
}

export default async function NotificationSettingsPage({ params }: { params: Promise<{ locale: string }> }) {
  const locale = pageLocale((await params).locale);
  const actor = await getActor();
  if (!actor) {
    redirect(`${localizedPath(locale, "/signin")}?callbackUrl=${encodeURIComponent(localizedPath(locale, "/account/notifications"))}`);
  }
  const [t, messages, prefs, verified] = await Promise.all([
    getTranslations({ locale, namespace: "notifications" }),
    getMessages({ locale }),
    notificationPreferences(actor.email),
    isEmailVerified(actor.userId),
  ]);
  const manages = actor.role === "MANAGER" || actor.role === "ADMIN";
  const shown = manages ? prefs : { orders: prefs.orders };
  return (
    <div className="mx-auto w-full max-w-2xl space-y-5">
      <header className="space-y-1.5">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-sm leading-relaxed text-stone-700">{t("intro")}</p>
      </header>
      <NextIntlClientProvider locale={locale} messages={pickMessages(messages, ["notifications", "recovery", "errors"])}>
        {verified ? null : <ResendVerification email={actor.email} />}
        <section className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-stone-200 sm:p-6">
          <PreferencesForm prefs={shown} />
        </section>
      </NextIntlClientProvider>
    </div>
  );
}
