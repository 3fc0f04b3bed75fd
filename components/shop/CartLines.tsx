"use client";
// The cart's lines, grouped by seller: change a quantity, remove a line. Each change is a server
// action; the page is then re-read from the server, so what is shown is what is stored.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { LocalLink } from "@/components/ui/LocalLink";
import { inputClass } from "@/components/ui/styles";
import { removeFromCart, setCartQuantity } from "@/lib/cart/actions";
import type { CartGroup } from "@/lib/cart/cart";
import type { Locale } from "@/lib/i18n/locales";
import { localName, localText } from "@/lib/i18n/pick";
import { formatFen } from "@/lib/money";
import { announceCartCount } from "./cart-events";

export function CartLines({ locale, groups }: { locale: Locale; groups: CartGroup[] }) {
  const t = useTranslations("cart");
  const e = useTranslations("errors");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<{ productId: string; text: string } | null>(null);

  const change = (productId: string, call: () => ReturnType<typeof removeFromCart>) =>
    startTransition(async () => {
      try {
        const result = await call();
        if (result.ok) {
          setError(null);
          announceCartCount((result.data as { units: number }).units);
        } else {
          // A refused field says why (e.g. the quantity's range), not just "check the marked fields".
          const key = Object.values(result.fieldErrors ?? {})[0]?.[0] ?? result.error;
          setError({ productId, text: e.has(key) ? e(key, result.values ?? {}) : e("unexpected") });
        }
      } catch {
        setError({ productId, text: e("network") });
      }
      router.refresh();
    });

  return (
    <div className="space-y-4" aria-busy={pending}>
      {groups.map((group) => (
        <section
          key={group.operator.id}
          className="rounded-xl bg-white shadow-sm ring-1 ring-stone-200"
          aria-label={localName(locale, group.operator)}
        >
          <h2 className="border-b border-stone-100 px-4 py-2.5 text-sm font-semibold text-stone-700">
            {t("soldBy")}{" "}
            <LocalLink locale={locale} href={`/operators/${group.operator.slug}`} className="text-brand-700 underline">
              {localName(locale, group.operator)}
            </LocalLink>
          </h2>
          <ul className="divide-y divide-stone-100">
            {group.lines.map((line) => {
              const unit = localText(locale, line.unitZh, line.unitEn);
              return (
                <li
                  key={line.productId}
                  className={`flex flex-wrap items-start gap-3 px-4 py-3 ${error?.productId === line.productId || (line.available && line.quantity > line.stock) ? "bg-red-50" : ""}`}
                  data-testid="cart-line"
                  data-problem={error?.productId === line.productId || (line.available && line.quantity > line.stock) ? "" : undefined}
                >
                  <div className="min-w-0 flex-1 basis-48">
                    <LocalLink locale={locale} href={`/products/${line.slug}`} className="font-medium text-stone-900 hover:underline">
                      {localName(locale, line)}
                    </LocalLink>
                    <p className="text-sm text-stone-600">{localText(locale, line.specZh, line.specEn)}</p>
                    <p className="text-sm">
                      <span className="font-semibold text-brand-700">{formatFen(line.priceFen)}</span>
                      <span className="text-stone-600"> / {unit}</span>
                    </p>
                    {!line.available ? (
                      <p className="mt-1 text-sm font-medium text-red-700" role="alert">
                        {t("unavailable")}
                      </p>
                    ) : line.priceFen !== line.seenPriceFen ? (
                      <p className="mt-1 text-sm font-medium text-amber-800" role="status">
                        {t("priceChanged", { before: formatFen(line.seenPriceFen), after: formatFen(line.priceFen) })}
                      </p>
                    ) : line.quantity > line.stock ? (
                      <p className="mt-1 text-sm font-medium text-red-700" role="alert">
                        {t("onlyLeft", { stock: line.stock })}
                      </p>
                    ) : null}
                    {error?.productId === line.productId ? (
                      <p id={`qty-${line.productId}-error`} className="mt-1 text-sm text-red-700" role="alert">
                        {error.text}
                      </p>
                    ) : null}
                  </div>
                  <div className="flex items-center gap-2">
                    <label className="sr-only" htmlFor={`qty-${line.productId}`}>
                      {t("quantityOf", { name: localName(locale, line) })}
                    </label>
                    <input
                      id={`qty-${line.productId}`}
                      className={`${inputClass} w-20`}
                      type="number"
                      inputMode="numeric"
                      min={1}
                      max={999}
                      defaultValue={line.quantity}
                      disabled={!line.available}
                      aria-invalid={
                        error?.productId === line.productId || (line.available && line.quantity > line.stock) ? true : undefined
                      }
                      aria-describedby={error?.productId === line.productId ? `qty-${line.productId}-error` : undefined}
                      onBlur={(ev) => {
                        const quantity = ev.currentTarget.value;
                        if (quantity !== String(line.quantity))
                          change(line.productId, () => setCartQuantity({ productId: line.productId, quantity }));
                      }}
                      onKeyDown={(ev) => {
                        if (ev.key === "Enter") ev.currentTarget.blur();
                      }}
                    />
                    <button
                      type="button"
                      onClick={() => change(line.productId, () => removeFromCart({ productId: line.productId }))}
                      className="whitespace-nowrap rounded-md px-2 py-2 text-sm text-stone-600 underline hover:text-red-700"
                    >
                      {t("remove")}
                    </button>
                  </div>
                  <p className="w-full text-right text-sm text-stone-700 sm:w-28">
                    {line.available ? formatFen(line.priceFen * Math.min(line.quantity, line.stock)) : "—"}
                  </p>
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}
