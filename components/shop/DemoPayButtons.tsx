"use client";
// The demo payment page's two buttons. Paying runs the same fulfilment as a Stripe payment.
import { useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import { cancelUnpaidOrder, confirmDemoPayment } from "@/lib/orders/actions";

export function DemoPayButtons({ number, token, orderPath, amount }: { number: string; token: string; orderPath: string; amount: string }) {
  const t = useTranslations("checkout.demo");
  const e = useTranslations("errors");
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const hydrated = useHydrated();
  const run = (call: typeof confirmDemoPayment) =>
    startTransition(async () => {
      try {
        const result = await call({ number, token });
        if (result.ok) {
          window.location.assign(orderPath);
          return;
        }
        setError(e.has(result.error) ? e(result.error, result.values ?? {}) : e("unexpected"));
      } catch {
        setError(e("network"));
      }
    });
  return (
    <div className="space-y-3">
      {error ? (
        <p className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800" role="alert">
          {error}
        </p>
      ) : null}
      <button
        type="button"
        disabled={pending || !hydrated}
        onClick={() => run(confirmDemoPayment)}
        className="w-full rounded-lg bg-leaf-700 px-4 py-3 text-base font-semibold text-white hover:bg-leaf-600 disabled:cursor-wait disabled:opacity-60"
      >
        {t("pay", { amount })}
      </button>
      <button
        type="button"
        disabled={pending || !hydrated}
        onClick={() => run(cancelUnpaidOrder)}
        className="w-full rounded-lg px-4 py-2 text-sm text-stone-700 underline hover:text-red-700 disabled:opacity-60"
      >
        {t("cancel")}
      </button>
    </div>
  );
}
