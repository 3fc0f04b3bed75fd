// 配送与售后 on the product page, from the seller's shipping rule: the fee (or 包邮), free-shipping
// threshold, remote-province surcharges, provinces not served, cold chain, ship-from, dispatch time
// and after-sales terms (whether 七天无理由 applies, then the seller's own terms).
import { localText } from "@/lib/i18n/pick";
import type { Locale } from "@/lib/i18n/locales";
import { formatFen } from "@/lib/money";
import type { ShippingInfo as Rule } from "@/lib/shipping-fees/queries";
import { provinceName } from "@/lib/regions/province-names";

export type ShippingInfoLabels = Record<
  | "title"
  | "fee"
  | "flat"
  | "freeAbove"
  | "noFee"
  | "surcharge"
  | "notDelivered"
  | "coldChain"
  | "coldChainFree"
  | "shipFrom"
  | "dispatch"
  | "dispatchDays"
  | "afterSales"
  | "afterSalesDefault"
  | "noReasonYes"
  | "noReasonFresh"
  | "noReasonNo",
  string
>;

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ""));
const sep = (locale: Locale) => (locale === "en" ? ", " : "、");

export function ShippingInfo({
  locale,
  rule,
  coldChain,
  noReasonReturn,
  labels,
}: {
  locale: Locale;
  rule: Rule | null;
  coldChain: boolean;
  /** 七天无理由 (lib/after-sales/rules.ts allowsNoReason); "fresh": never for fresh produce. */
  noReasonReturn: "yes" | "fresh" | "no";
  labels: ShippingInfoLabels;
}) {
  const fee: string[] = [];
  if (!rule || (rule.flatFen === 0 && !rule.provinces.some((p) => "surchargeFen" in p))) fee.push(labels.noFee);
  else {
    if (rule.flatFen > 0) fee.push(fill(labels.flat, { amount: formatFen(rule.flatFen) }));
    if (rule.freeAboveFen !== null && rule.flatFen > 0) fee.push(fill(labels.freeAbove, { amount: formatFen(rule.freeAboveFen) }));
  }
  const surcharges = new Map<number, string[]>();
  for (const p of rule?.provinces ?? [])
    if ("surchargeFen" in p) surcharges.set(p.surchargeFen, [...(surcharges.get(p.surchargeFen) ?? []), provinceName(locale, p.province)]);
  const notServed = (rule?.provinces ?? []).filter((p) => "notDelivered" in p).map((p) => provinceName(locale, p.province));
  const shipFrom = rule ? localText(locale, rule.shipFromZh, rule.shipFromEn) : "";
  const afterSales = (rule && localText(locale, rule.afterSalesZh, rule.afterSalesEn)) || labels.afterSalesDefault;
  return (
    <section
      aria-labelledby="shipping-title"
      className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200"
      data-testid="shipping-info"
    >
      <h2 id="shipping-title" className="mb-2 font-semibold">
        {labels.title}
      </h2>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
        <dt className="text-stone-600">{labels.fee}</dt>
        <dd>
          {fee.join(locale === "en" ? "; " : "，")}
          {[...surcharges].map(([fen, provinces]) => (
            <span key={fen} className="block text-stone-700">
              {fill(labels.surcharge, { provinces: provinces.join(sep(locale)), amount: formatFen(fen) })}
            </span>
          ))}
          {notServed.length ? (
            <span className="block text-red-800">{fill(labels.notDelivered, { provinces: notServed.join(sep(locale)) })}</span>
          ) : null}
          {coldChain ? (
            <span className="block text-sky-900">
              {rule?.coldChainFen ? fill(labels.coldChain, { amount: formatFen(rule.coldChainFen) }) : labels.coldChainFree}
            </span>
          ) : null}
        </dd>
        {shipFrom ? (
          <>
            <dt className="text-stone-600">{labels.shipFrom}</dt>
            <dd>{shipFrom}</dd>
          </>
        ) : null}
        <dt className="text-stone-600">{labels.dispatch}</dt>
        <dd>{fill(labels.dispatchDays, { days: rule?.dispatchDays ?? 2 })}</dd>
        <dt className="text-stone-600">{labels.afterSales}</dt>
        <dd>
          <span className="block font-medium" data-testid="no-reason-return">
            {noReasonReturn === "yes" ? labels.noReasonYes : noReasonReturn === "fresh" ? labels.noReasonFresh : labels.noReasonNo}
          </span>
          <span className="block whitespace-pre-line">{afterSales}</span>
        </dd>
      </dl>
    </section>
  );
}
