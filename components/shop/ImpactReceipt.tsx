// "¥23.40 of your ¥128.00 reached 4 households in 大庄村 and 大都麻村": read from the allocation
// ledger of this order, never estimated, never a name.
import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/locales";
import { localName } from "@/lib/i18n/pick";
import { formatFen } from "@/lib/money";
import type { ImpactReceipt as Receipt } from "@/lib/orders/queries";

const MAX_VILLAGES = 6;

export async function ImpactReceipt({ locale, receipt }: { locale: Locale; receipt: Receipt }) {
  const t = await getTranslations({ locale, namespace: "orders.receipt" });
  // A long list of villages is cut after the first few: "…and 14 more villages".
  const names = receipt.villages.map((v) => localName(locale, v));
  const shown =
    names.length > MAX_VILLAGES
      ? [...names.slice(0, MAX_VILLAGES - 1), t("moreVillages", { count: names.length - MAX_VILLAGES + 1 })]
      : names;
  const villages = new Intl.ListFormat(locale, { style: "long", type: "conjunction" }).format(shown);
  return (
    <section aria-labelledby="receipt-title" className="rounded-xl bg-leaf-50 p-4 ring-1 ring-leaf-600/20" data-testid="impact-receipt">
      <h2 id="receipt-title" className="mb-1 font-semibold text-leaf-700">
        {t("title")}
      </h2>
      {receipt.households > 0 ? (
        <p className="text-stone-800">
          {t("reached", {
            reached: formatFen(receipt.reachedFen),
            paid: formatFen(receipt.paidFen),
            households: receipt.households,
            villages,
          })}
        </p>
      ) : (
        <p className="text-stone-700">{t("none")}</p>
      )}
      <p className="mt-1 text-xs text-stone-600">{t("note")}</p>
    </section>
  );
}
