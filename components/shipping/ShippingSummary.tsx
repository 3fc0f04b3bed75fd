"use client";
// Checkout's shipping lines, one per seller, quoted in the browser from the sellers' rules and the
// province chosen (the same arithmetic the server charges: lib/shipping-fees/fees.ts).
import { shippingFor, type ShippingRuleData } from "@/lib/shipping-fees/fees";
import type { Locale } from "@/lib/i18n/locales";
import { formatFen } from "@/lib/money";
import { provinceName } from "@/lib/regions/province-names";

export interface SellerShipping {
  operatorId: string;
  nameZh: string;
  nameEn: string;
  goodsFen: number;
  coldChain: boolean;
  rule: ShippingRuleData | null;
}

export interface ShippingSummaryLabels {
  shipping: string;
  free: string;
  pickProvince: string;
  notDelivered: string;
  coldChain: string;
}

export function quoteSellers(sellers: SellerShipping[], province: string) {
  return sellers.map((s) => ({ seller: s, quote: shippingFor(s.rule, { goodsFen: s.goodsFen, coldChain: s.coldChain, province }) }));
}

/** Shipping of all sellers for this province (0 while none is chosen or a seller does not deliver there). */
export function shippingTotal(sellers: SellerShipping[], province: string): number {
  if (!province) return 0;
  return quoteSellers(sellers, province).reduce((sum, { quote }) => sum + (quote.ok ? quote.feeFen : 0), 0);
}

export function ShippingSummary({
  locale,
  sellers,
  province,
  labels,
}: {
  locale: Locale;
  sellers: SellerShipping[];
  province: string;
  labels: ShippingSummaryLabels;
}) {
  if (!sellers.some((s) => s.rule)) return null; // nobody charges shipping: nothing to say
  return (
    <ul className="space-y-1 border-t border-stone-100 pt-2 text-sm" data-testid="checkout-shipping">
      {quoteSellers(sellers, province).map(({ seller, quote }) => {
        const name = locale === "en" ? seller.nameEn : seller.nameZh;
        return (
          <li key={seller.operatorId} className="flex justify-between gap-3" data-testid="checkout-shipping-line">
            <span className="min-w-0 text-stone-700">
              {labels.shipping} · {name}
              {seller.coldChain && seller.rule?.coldChainFen ? (
                <span className="ml-1 text-xs text-sky-800">({labels.coldChain})</span>
              ) : null}
            </span>
            <span className="shrink-0">
              {!province ? (
                <span className="text-xs text-stone-600">{labels.pickProvince}</span>
              ) : quote.ok ? (
                quote.feeFen > 0 ? (
                  formatFen(quote.feeFen)
                ) : (
                  labels.free
                )
              ) : (
                <span className="text-red-700">
                  {labels.notDelivered.replace("{seller}", name).replace("{province}", provinceName(locale, quote.notDelivered))}
                </span>
              )}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
