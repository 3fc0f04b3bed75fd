// A new listing: saved as a draft, then photos, stock and submission on its own page.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Breadcrumb } from "@/components/ui/Breadcrumb";
import { LocalLink } from "@/components/ui/LocalLink";
import { CATEGORIES } from "@/lib/catalog/filters";
import { giMarksOfOperator } from "@/lib/products/console.server";
import { villagesOfCounty } from "@/lib/regions/regions.server";
import { requireConsoleOperator } from "@/lib/operators/scope.server";
import { isLocale } from "@/lib/i18n/locales";
import { localName } from "@/lib/i18n/pick";
import { ClientMessages } from "../_components/ClientMessages";
import { ProductForm } from "../_components/ProductForm";
import { pageLocale } from "@/lib/i18n/page-locale.server";

type Props = { params: Promise<{ locale: string; operator: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "listings.new" });
  return { title: t("title"), robots: { index: false } };
}

export default async function NewProductPage({ params }: Props) {
  const { locale: raw, operator: slug } = await params;
  const locale = pageLocale(raw);
  const { operator } = await requireConsoleOperator(slug);
  const [townships, giMarks] = await Promise.all([villagesOfCounty(operator.countyId), giMarksOfOperator(operator.id)]);
  const t = await getTranslations({ locale, namespace: "listings" });
  const e = await getTranslations({ locale, namespace: "enums" });
  const base = `/coop/${operator.slug}/products`;

  return (
    <ClientMessages locale={locale}>
      <div className="mx-auto max-w-3xl space-y-4">
        <Breadcrumb
          label={t("breadcrumb")}
          items={[
            {
              key: "list",
              node: (
                <LocalLink locale={locale} href={base} className="text-brand-700 underline">
                  {t("list.title")}
                </LocalLink>
              ),
            },
            { key: "new", node: <span aria-current="page">{t("new.title")}</span> },
          ]}
        />
        <div>
          <h1 className="text-2xl font-bold">{t("new.title")}</h1>
          <p className="mt-1 text-sm text-stone-700">{t("new.intro")}</p>
        </div>
        <div className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200 sm:p-6">
          <ProductForm
            mode="create"
            operator={operator.slug}
            initial={{
              nameZh: "",
              nameEn: "",
              descriptionZh: "",
              descriptionEn: "",
              category: "",
              unitZh: "",
              unitEn: "",
              specZh: "",
              specEn: "",
              price: "",
              villageId: townships.length === 1 && townships[0]!.villages.length === 1 ? townships[0]!.villages[0]!.id : "",
              giMarkId: "",
              stock: "0",
            }}
            categories={CATEGORIES.map((c) => ({ value: c, label: e(`category.${c}`) }))}
            townships={townships.map((tw) => ({
              label: localName(locale, tw),
              villages: tw.villages.map((v) => ({ value: v.id, label: localName(locale, v) })),
            }))}
            giMarks={giMarks.map((g) => ({ value: g.id, label: localName(locale, g) }))}
          />
        </div>
      </div>
    </ClientMessages>
  );
}
