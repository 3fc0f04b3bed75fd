// The report's texts outside a Next request (tests): next-intl's own translator over the message files.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { createTranslator } from "next-intl";
import type { Locale } from "@/lib/i18n/locales";
import type { TableText } from "@/lib/reports/tables";

export function messagesOf(locale: Locale): Record<string, unknown> {
  const dir = path.join(__dirname, "../../messages", locale);
  return Object.assign({}, ...readdirSync(dir).map((f) => JSON.parse(readFileSync(path.join(dir, f), "utf8"))));
}

/** A translator for one namespace, shaped like getTranslations({ locale, namespace }). */
export function translator(locale: Locale, namespace: string) {
  const t = createTranslator({ locale, messages: messagesOf(locale) as never, namespace: namespace as never });
  return (key: string, values?: Record<string, string | number>) => (t as unknown as (k: string, v?: unknown) => string)(key, values);
}

export function reportTextOf(locale: Locale): TableText {
  const t = translator(locale, "reports");
  const e = translator(locale, "enums");
  return { locale, t, category: (name) => e(`category.${name}`) };
}
