import type { Metadata, Viewport } from "next";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { LanguageSwitcher } from "@/components/LanguageSwitcher";
import { AccountMenu } from "@/components/auth/AccountMenu";
import { CartLink } from "@/components/shop/CartLink";
import { HeaderSearch } from "@/components/search/HeaderSearch";
import { LocalLink } from "@/components/ui/LocalLink";
import { isLocale } from "@/lib/i18n/locales";
import "../globals.css";
import { pageLocale } from "@/lib/i18n/page-locale.server";

// No page is rendered at build time (the build needs no database); each is rendered on its
// first visit and then served from the cache until catalogue data changes (revalidateTag).
export async function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "meta" });
  return { title: { default: t("title"), template: `%s · ${t("title")}` }, description: t("description") };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#9a3412" };

export default async function LocaleLayout({ children, params }: { children: ReactNode; params: Promise<{ locale: string }> }) {
  const { locale: raw } = await params;
  const locale = pageLocale(raw);
  const t = await getTranslations({ locale, namespace: "nav" });
  const f = await getTranslations({ locale, namespace: "footer" });
  const a = await getTranslations({ locale, namespace: "auth.menu" });
  const s = await getTranslations({ locale, namespace: "search" });
  const searchLabels = {
    label: s("label"),
    placeholder: s("placeholder"),
    submit: s("submit"),
    recent: s("recent"),
    clearRecent: s("clearRecent"),
    suggestions: s("suggestions"),
  };
  // Passed as props: the widget is a client component, but its texts need no client messages.
  const accountLabels = {
    signIn: a("signIn"),
    accountOf: a.raw("accountOf") as string,
    coop: a("coop"),
    admin: (await getTranslations({ locale, namespace: "admin" }))("title"),
    office: a("office"),
    organisation: (await getTranslations({ locale, namespace: "organisations.page" }))("mine"),
  };

  return (
    <html lang={locale}>
      <body className="flex min-h-screen flex-col">
        {/* No client-wide providers: storefront pages hydrate only their islands. The header's account
            corner asks /api/auth/session itself (components/auth/account-session.ts), so this layout
            stays the same for everyone; pages whose client parts need messages wrap them in their own
            NextIntlClientProvider with only the namespaces they use (ShopMessages, AuthPage, …). */}
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:p-2"
        >
          {t("skip")}
        </a>
        <header className="sticky top-0 z-40 border-b border-stone-200 bg-white/95 backdrop-blur print:hidden">
          <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-3 gap-y-2 px-4 py-2.5 md:flex-nowrap">
            <LocalLink locale={locale} href="/" className="flex items-center gap-2">
              <span aria-hidden className="grid h-9 w-9 place-items-center rounded-lg bg-brand-700 text-lg font-bold text-white">
                康
              </span>
              <span className="flex flex-col leading-tight">
                {/* Wraps ("Xiaokang / Market") on the narrowest phones, so the account link fits beside it. */}
                <span className="break-keep text-sm font-bold text-brand-800 sm:whitespace-nowrap sm:text-base">{t("brand")}</span>
                <span className="hidden text-xs text-stone-600 sm:block">{t("tagline")}</span>
              </span>
            </LocalLink>
            {/* Its own row under the brand on phones; between the brand and the links from md up. */}
            <div className="order-last w-full md:order-none md:ml-4 md:max-w-sm md:flex-1">
              <HeaderSearch locale={locale} labels={searchLabels} />
            </div>
            <nav aria-label={t("mainNav")} className="ml-auto flex items-center gap-1 whitespace-nowrap text-sm sm:gap-3">
              <LocalLink locale={locale} href="/products" className="rounded-md px-2 py-1 font-medium text-stone-800 hover:bg-stone-100">
                {t("products")}
              </LocalLink>
              <LocalLink
                locale={locale}
                href="/counties"
                className="hidden rounded-md px-2 py-1 font-medium text-stone-800 hover:bg-stone-100 sm:inline"
              >
                {t("counties")}
              </LocalLink>
              <LocalLink
                locale={locale}
                href="/about"
                className="hidden rounded-md px-2 py-1 font-medium text-stone-800 hover:bg-stone-100 md:inline"
              >
                {t("about")}
              </LocalLink>
              <CartLink locale={locale} label={t("cart")} countLabel={t("cartCount")} />
              <LanguageSwitcher locale={locale} label={t("language")} title={t("languageLabel")} />
              <AccountMenu locale={locale} labels={accountLabels} />
            </nav>
          </div>
        </header>
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 print:p-0">
          {children}
        </main>
        <footer className="border-t border-stone-200 bg-white print:hidden">
          <div className="mx-auto max-w-6xl space-y-2 px-4 py-6 text-xs text-stone-600">
            <p>{f("about")}</p>
            <p>{f("demo")}</p>
            <p className="flex gap-3">
              <LocalLink locale={locale} href="/counties" className="underline">
                {t("counties")}
              </LocalLink>
              <LocalLink locale={locale} href="/about" className="underline">
                {t("about")}
              </LocalLink>
              <LocalLink locale={locale} href="/apply" className="underline">
                {(await getTranslations({ locale, namespace: "apply" }))("title")}
              </LocalLink>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
