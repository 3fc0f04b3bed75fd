"use client";
// Gives up an unpaid order: its stock goes back on the shelf at once.
import { useTranslations } from "next-intl";
import { OrderActionButton } from "@/components/shop/OrderActionButton";
import { cancelUnpaidOrder } from "@/lib/orders/actions";

export function CancelOrderButton({ number, token }: { number: string; token: string }) {
  const t = useTranslations("orders");
  return (
    <OrderActionButton
      run={() => cancelUnpaidOrder({ number, token })}
      label={t("cancel")}
      className="rounded-lg px-3 py-2 text-sm text-stone-700 underline hover:text-red-700 disabled:opacity-60"
    />
  );
}
