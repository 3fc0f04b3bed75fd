// The messages the after-sales forms need (the root layout sends none to the client).
import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";

export async function AfterSaleMessages({ locale, children }: { locale: string; children: ReactNode }) {
  const all = await getMessages({ locale });
  return (
    <NextIntlClientProvider locale={locale} messages={{ afterSales: all.afterSales, errors: all.errors }}>
      {children}
    </NextIntlClientProvider>
  );
}
