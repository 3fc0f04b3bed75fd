// 确认收货 on the order page: one button per seller's part that has been shipped.
import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import type { ReactNode } from "react";
import { ConfirmReceiptButton } from "./ConfirmReceiptButton";

export { ConfirmReceiptButton };

export async function ReceiptMessages({ locale, children }: { locale: string; children: ReactNode }) {
  const all = await getMessages({ locale });
  return (
    <NextIntlClientProvider locale={locale} messages={{ receipt: all.receipt, errors: all.errors }}>
      {children}
    </NextIntlClientProvider>
  );
}
