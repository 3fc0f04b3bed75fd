import "server-only";
import { setRequestLocale } from "next-intl/server";
import { notFound } from "next/navigation";
import { isLocale, type Locale } from "./locales";

/**
 * The language of a page from its [locale] segment: an unknown one is the 404 page. Also tells
 * next-intl the language, so the page can be rendered statically (cached).
 */
export function pageLocale(segment: string): Locale {
  if (!isLocale(segment)) notFound();
  setRequestLocale(segment);
  return segment;
}
