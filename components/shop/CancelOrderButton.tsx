"use client";
// Gives up an unpaid order: its stock goes back on the shelf at once.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { cancelUnpaidOrder } from "@/lib/orders/actions";

export function CancelOrderButton({ number, token }: { number: string; token: string }) {
  const t = useTranslations("orders");
  const e = useTranslations("errors");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className="inline-flex flex-col gap-1">
      <button
        type="button"
        disabled={pending}
        className="rounded-lg px-3 py-2 text-sm text-stone-700 underline hover:text-red-700 disabled:opacity-60"
        onClick={() =>
          startTransition(async () => {
            try {
              const result = await cancelUnpaidOrder({ number, token });
              if (!result.ok) setError(e.has(result.error) ? e(result.error) : e("unexpected"));
            } catch {
              setError(e("network"));
            }
            router.refresh();
          })
        }
      >
        {t("cancel")}
      </button>
      {error ? (
        <span className="text-sm text-red-700" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
