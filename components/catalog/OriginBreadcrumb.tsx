import { Breadcrumb } from "@/components/ui/Breadcrumb";
import { LocalLink } from "@/components/ui/LocalLink";
import type { RegionCrumb } from "@/lib/catalog/catalog.server";
import type { Locale } from "@/lib/i18n/locales";
import { localName } from "@/lib/i18n/pick";

/** 甘肃省 › 天水市 › 甘谷县 › 大庄镇 › 大庄村, with the county and township linked to what they sell. */
export function OriginBreadcrumb({ locale, path, label }: { locale: Locale; path: RegionCrumb[]; label: string }) {
  return (
    <Breadcrumb
      label={label}
      items={path.map((r) => ({
        key: r.id,
        node:
          r.level === "COUNTY" ? (
            <LocalLink locale={locale} href={`/counties/${r.id}`} className="text-brand-700 underline">
              {localName(locale, r)}
            </LocalLink>
          ) : r.level === "TOWNSHIP" ? (
            <LocalLink locale={locale} href={`/products?county=${r.id.slice(0, 6)}&township=${r.id}`} className="text-brand-700 underline">
              {localName(locale, r)}
            </LocalLink>
          ) : (
            <span>{localName(locale, r)}</span>
          ),
      }))}
    />
  );
}
