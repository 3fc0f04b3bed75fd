// The signed-in user's address book: saved delivery addresses, one the default, chosen at checkout.
import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { AddressBook } from "@/components/account/AddressBook";
import { pickMessages } from "@/components/auth/messages";
import { addressBookOf } from "@/lib/addresses/addresses.server";
import { MAX_ADDRESSES } from "@/lib/addresses/schemas";
import { getActor } from "@/lib/auth/session.server";
import { isLocale, localizedPath } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "addresses" });
  return { title: t("title"), robots: { index: false } };
}

export default async function AddressBookPage({ params }: { params: Promise<{ locale: string }> }) {
  const locale = pageLocale((await params).locale);
  const actor = await getActor();
  if (!actor) {
    redirect(`${localizedPath(locale, "/signin")}?callbackUrl=${encodeURIComponent(localizedPath(locale, "/account/addresses"))}`);
  }
  const [t, messages, addresses] = await Promise.all([
    getTranslations({ locale, namespace: "addresses" }),
    getMessages({ locale }),
    addressBookOf(actor.userId),
  ]);
  return (
    <div className="mx-auto w-full max-w-2xl space-y-5">
      <header className="space-y-1.5">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-sm leading-relaxed text-stone-700">{t("intro")}</p>
      </header>
      <NextIntlClientProvider locale={locale} messages={pickMessages(messages, ["addresses", "checkout", "errors"])}>
        <section className="rounded-2xl bg-white p-5 shadow-sm ring-1 ring-stone-200 sm:p-6">
          <AddressBook locale={locale} addresses={addresses} max={MAX_ADDRESSES} />
        </section>
      </NextIntlClientProvider>
    </div>
  );
}
