"use client";
// Withdrawing an invoice request the seller has not issued yet.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { cancelInvoiceAction } from "@/lib/invoices/actions";

export function CancelInvoiceButton({ number, token, invoiceId }: { number: string; token: string; invoiceId: string }) {
  const t = useTranslations("invoices");
  const e = useTranslations("errors");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <button
        type="button"
        disabled={pending}
        className="rounded-lg px-3 py-1.5 text-sm font-medium text-red-800 ring-1 ring-red-300 hover:bg-red-50 disabled:opacity-60"
        onClick={() =>
          startTransition(async () => {
            try {
              const result = await cancelInvoiceAction({ number, token, invoiceId });
              if (!result.ok) setError(e.has(result.error) ? e(result.error) : e("unexpected"));
            } catch {
              setError(e("network"));
            }
            router.refresh();
          })
        }
      >
        {pending ? t("cancelling") : t("cancel")}
      </button>
      {error ? (
        <span className="text-sm text-red-700" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
