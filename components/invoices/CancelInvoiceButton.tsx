"use client";
// Withdrawing an invoice request the seller has not issued yet.
import { useTranslations } from "next-intl";
import { OrderActionButton } from "@/components/shop/OrderActionButton";
import { cancelInvoiceAction } from "@/lib/invoices/actions";

export function CancelInvoiceButton({ number, token, invoiceId }: { number: string; token: string; invoiceId: string }) {
  const t = useTranslations("invoices");
  return (
    <OrderActionButton
      run={() => cancelInvoiceAction({ number, token, invoiceId })}
      label={t("cancel")}
      pendingLabel={t("cancelling")}
      className="rounded-lg px-3 py-1.5 text-sm font-medium text-red-800 ring-1 ring-red-300 hover:bg-red-50 disabled:opacity-60"
    />
  );
}
