// 食品信息: shelf life, storage, ingredients, net content and the SC licence, each when present.
import { localText } from "@/lib/i18n/pick";
import type { Locale } from "@/lib/i18n/locales";

export interface FoodInfoData {
  shelfLifeZh: string;
  shelfLifeEn: string;
  storageZh: string;
  storageEn: string;
  ingredientsZh: string;
  ingredientsEn: string;
  netContentZh: string;
  netContentEn: string;
  scLicence: string;
}

export function FoodInfo({
  locale,
  food,
  labels,
}: {
  locale: Locale;
  food: FoodInfoData;
  labels: { title: string; shelfLife: string; storage: string; ingredients: string; netContent: string; scLicence: string };
}) {
  const rows = [
    [labels.netContent, localText(locale, food.netContentZh, food.netContentEn)],
    [labels.shelfLife, localText(locale, food.shelfLifeZh, food.shelfLifeEn)],
    [labels.storage, localText(locale, food.storageZh, food.storageEn)],
    [labels.ingredients, localText(locale, food.ingredientsZh, food.ingredientsEn)],
    [labels.scLicence, food.scLicence],
  ].filter(([, value]) => value);
  if (!rows.length) return null;
  return (
    <section aria-labelledby="food-title" className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200" data-testid="food-info">
      <h2 id="food-title" className="mb-2 font-semibold">
        {labels.title}
      </h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-stone-600">{label}</dt>
            <dd className="whitespace-pre-line">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
