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
    // The count lives in a cookie only the browser reads, so cached pages stay shared: read it after hydration.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setUnits(cartCountFromCookie());
    const onChange = (event: Event) => setUnits((event as CustomEvent<number>).detail);
    window.addEventListener(CART_EVENT, onChange);
    return () => window.removeEventListener(CART_EVENT, onChange);
  }, []);
  return (
    <LocalLink
      locale={locale}
      href="/cart"
      className="relative inline-flex shrink-0 items-center rounded-md px-1.5 py-1 font-medium text-stone-800 hover:bg-stone-100 sm:px-2"
      data-testid="cart-link"
    >
      {/* A cart icon on phones (the header is narrow), the word from sm up. */}
      <svg
        aria-hidden
        viewBox="0 0 24 24"
        className="h-5 w-5 sm:hidden"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <circle cx="9" cy="20" r="1.5" />
        <circle cx="18" cy="20" r="1.5" />
        <path d="M2 3h3l2.7 12.4a2 2 0 0 0 2 1.6h7.8a2 2 0 0 0 2-1.6L21 7H6" />
      </svg>
      <span className="sr-only sm:not-sr-only">{label}</span>
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
