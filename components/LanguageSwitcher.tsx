import type { Locale } from "@/lib/i18n/locales";

/** Links to the same page in the other language, through /api/locale (which remembers the choice). */
export function LanguageSwitcher({ locale, label, title }: { locale: Locale; label: string; title: string }) {
  const other: Locale = locale === "en" ? "zh-CN" : "en";
  return (
    <a
      href={`/api/locale?to=${other}`}
      hrefLang={other}
      lang={other}
      title={title}
      aria-label={title}
      rel="nofollow"
      className="whitespace-nowrap rounded-md px-2 py-1 text-sm font-medium text-stone-700 ring-1 ring-stone-300 hover:bg-stone-100"
      data-testid="language-switch"
    >
      {label}
    </a>
  );
}
