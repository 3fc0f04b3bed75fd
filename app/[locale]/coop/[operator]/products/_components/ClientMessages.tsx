import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";

/** The messages the console's client parts need (the root layout sends none to the browser). */
export async function ClientMessages({ locale, children }: { locale: string; children: ReactNode }) {
  const all = await getMessages({ locale });
  return (
    <NextIntlClientProvider locale={locale} messages={{ listings: all.listings, errors: all.errors }}>
      {children}
    </NextIntlClientProvider>
  );
}
