// "← 上一页 · 第 2 / 5 页 · 下一页 →" under a paged list. A server component: `href` gives the
// (locale-free) path of a page number, and the texts come from the shared `pager` messages.
import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/locales";
import { LocalLink } from "./LocalLink";

const linkClass = "rounded-lg bg-white px-4 py-2 ring-1 ring-stone-300 hover:bg-stone-100";

export async function Pager({
  locale,
  page,
  pages,
  href,
}: {
  locale: Locale;
  page: number;
  pages: number;
  href: (page: number) => string;
}) {
  if (pages <= 1) return null;
  const t = await getTranslations({ locale, namespace: "pager" });
  return (
    <nav aria-label={t("label")} className="flex items-center justify-between gap-3 pt-2 text-sm">
      {page > 1 ? (
        <LocalLink locale={locale} href={href(page - 1)} rel="prev" className={linkClass}>
          ← {t("previous")}
        </LocalLink>
      ) : (
        <span />
      )}
      <span className="text-stone-700">{t("pageOf", { page, pages })}</span>
      {page < pages ? (
        <LocalLink locale={locale} href={href(page + 1)} rel="next" className={linkClass}>
          {t("next")} →
        </LocalLink>
      ) : (
        <span />
      )}
    </nav>
  );
}
