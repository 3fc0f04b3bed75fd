import type { Locale } from "./locales";

/** The name of a bilingual row in the reader's language (rows carry nameZh / nameEn). */
export function localName(locale: Locale, row: { nameZh: string; nameEn: string }): string {
  return locale === "en" ? row.nameEn || row.nameZh : row.nameZh;
}

/** Any bilingual pair of fields, e.g. localText(locale, p.specZh, p.specEn). */
export function localText(locale: Locale, zh: string, en: string): string {
  return locale === "en" ? en || zh : zh;
}

/** The colon after a label: full-width in Chinese. */
export function colon(locale: Locale): string {
  return locale === "en" ? ": " : "：";
}
