import { getRequestConfig } from "next-intl/server";
import { defaultLocale, isLocale, type Locale } from "@/lib/i18n/locales";

// Messages are split by area (messages/<locale>/<area>.json) so each area's texts live in one
// file; each file holds whole top-level namespaces, and they are merged here.
export const MESSAGE_FILES = [
  "storefront",
  "errors",
  "auth",
  "coop",
  "listings",
  "benefits",
  "office",
  "shop",
  "registry",
  "reports",
  "outage",
  "security",
  "accounts",
  "notifications",
  "aftersales",
  "admin",
  "search",
  "shipping-fees",
  "product-page",
  "live",
  "campaigns",
  "trace",
  "reviews",
  "organisations",
  "invoices",
  "addresses",
] as const;

export async function loadMessages(locale: Locale): Promise<Record<string, unknown>> {
  const parts = await Promise.all(MESSAGE_FILES.map((file) => import(`../messages/${locale}/${file}.json`)));
  return Object.assign({}, ...parts.map((p) => p.default));
}

export default getRequestConfig(async ({ requestLocale }) => {
  const requested = await requestLocale;
  const locale = isLocale(requested) ? requested : defaultLocale;
  return { locale, messages: await loadMessages(locale), timeZone: "Asia/Shanghai" };
});
