import { getLocale, getTranslations } from "next-intl/server";
import { LocalLink } from "@/components/ui/LocalLink";
import { defaultLocale, isLocale } from "@/lib/i18n/locales";

export default async function NotFound() {
  const current = await getLocale().catch(() => defaultLocale);
  const locale = isLocale(current) ? current : defaultLocale;
  const t = await getTranslations({ locale, namespace: "notFound" });
  return (
    <div className="mx-auto max-w-lg space-y-4 py-12 text-center" data-testid="not-found">
      <p aria-hidden className="text-5xl font-bold text-brand-700">
        404
      </p>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="text-stone-700">{t("body")}</p>
      <p className="flex justify-center gap-4">
        <LocalLink locale={locale} href="/" className="font-semibold text-brand-700 underline">
          {t("home")}
        </LocalLink>
        <LocalLink locale={locale} href="/products" className="font-semibold text-brand-700 underline">
          {t("products")}
        </LocalLink>
      </p>
    </div>
  );
}
