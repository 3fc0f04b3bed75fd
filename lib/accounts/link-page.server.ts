import "server-only";
// What the pages opened from a mailed one-time link share (/reset-password, /verify-email): the
// token from the URL, and metadata that keeps the page out of search engines and keeps its URL
// (which holds the token) out of the Referer of anything the page loads.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { isLocale } from "@/lib/i18n/locales";

type Params = { params: Promise<{ locale: string }> };

/** generateMetadata for a one-time-link page whose title is `<namespace>.title`. */
export function linkPageMetadata(namespace: "recovery.reset" | "recovery.verify") {
  return async ({ params }: Params): Promise<Metadata> => {
    const { locale } = await params;
    if (!isLocale(locale)) return {};
    const t = await getTranslations({ locale, namespace });
    return { title: t("title"), robots: { index: false }, referrer: "no-referrer" };
  };
}

/** The link's token (?token=), or "" when it is missing or repeated. */
export async function linkToken(searchParams: Promise<{ token?: string | string[] }>): Promise<string> {
  const raw = (await searchParams).token;
  return typeof raw === "string" ? raw : "";
}
