import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";

/** The messages the cart, checkout and order pages' client parts need (the root layout sends none). */
export async function ShopMessages({ locale, children }: { locale: string; children: ReactNode }) {
  const all = await getMessages({ locale });
  return (
    <NextIntlClientProvider
      locale={locale}
      messages={{
        cart: all.cart,
        checkout: all.checkout,
        orders: all.orders,
        errors: all.errors,
        transfers: all.transfers,
        addresses: all.addresses,
      }}
    >
      {children}
    </NextIntlClientProvider>
  );
}
