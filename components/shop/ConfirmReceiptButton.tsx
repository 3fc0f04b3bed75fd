"use client";
import { useTranslations } from "next-intl";
import { OrderActionButton } from "@/components/shop/OrderActionButton";
import { confirmReceiptAction } from "@/lib/orders/receipt-actions";

export function ConfirmReceiptButton({ number, token, shipmentId }: { number: string; token: string; shipmentId: string }) {
  const t = useTranslations("receipt");
  return (
    <OrderActionButton
      run={() => confirmReceiptAction({ number, token, shipmentId })}
      label={t("confirm")}
      pendingLabel={t("confirming")}
      align="items-end"
      className="rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60"
    />
  );
}
