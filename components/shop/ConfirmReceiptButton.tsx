"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { confirmReceiptAction } from "@/lib/orders/receipt-actions";

export function ConfirmReceiptButton({ number, token, shipmentId }: { number: string; token: string; shipmentId: string }) {
  const t = useTranslations("receipt");
  const e = useTranslations("errors");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <button
        type="button"
        disabled={pending}
        className="rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60"
        onClick={() =>
          startTransition(async () => {
            try {
              const result = await confirmReceiptAction({ number, token, shipmentId });
              if (!result.ok) setError(e.has(result.error) ? e(result.error) : e("unexpected"));
            } catch {
              setError(e("network"));
            }
            router.refresh();
          })
        }
      >
        {pending ? t("confirming") : t("confirm")}
      </button>
      {error ? (
        <span className="text-sm text-red-700" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
