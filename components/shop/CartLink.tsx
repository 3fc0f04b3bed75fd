"use client";
// The cart in the header, with the number of units in it (read in the browser, so the cached
// storefront pages stay the same for everyone).
import { useEffect, useState } from "react";
import { LocalLink } from "@/components/ui/LocalLink";
import type { Locale } from "@/lib/i18n/locales";
import { CART_EVENT, cartCountFromCookie } from "./cart-events";

export function CartLink({ locale, label, countLabel }: { locale: Locale; label: string; countLabel: string }) {
  const [units, setUnits] = useState(0);
  useEffect(() => {
    setUnits(cartCountFromCookie());
    const onChange = (event: Event) => setUnits((event as CustomEvent<number>).detail);
    window.addEventListener(CART_EVENT, onChange);
    return () => window.removeEventListener(CART_EVENT, onChange);
  }, []);
  return (
    <LocalLink
      locale={locale}
      href="/cart"
      className="relative rounded-md px-2 py-1 font-medium text-stone-800 hover:bg-stone-100"
      data-testid="cart-link"
    >
      {label}
      {units > 0 ? (
        <span
          className="ml-1 inline-grid min-w-5 place-items-center rounded-full bg-brand-700 px-1.5 text-xs font-semibold text-white"
          aria-label={countLabel.replace("#", String(units))}
          data-testid="cart-count"
        >
          {units}
        </span>
      ) : null}
    </LocalLink>
  );
}
