"use client";
// A one-click action on the order page (confirm receipt, cancel an unpaid order, withdraw an invoice
// request): runs the server action, shows its refusal in the user's language, and refreshes the page.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/define";

export function OrderActionButton({
  run,
  label,
  pendingLabel = label,
  className,
  align = "items-start",
}: {
  run: () => Promise<ActionResult>;
  label: string;
  pendingLabel?: string;
  className: string;
  align?: "items-start" | "items-end";
}) {
  const e = useTranslations("errors");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <span className={`inline-flex flex-col gap-1 ${align}`}>
      <button
        type="button"
        disabled={pending}
        className={className}
        onClick={() =>
          startTransition(async () => {
            try {
              const result = await run();
              if (!result.ok) setError(e.has(result.error) ? e(result.error) : e("unexpected"));
            } catch {
              setError(e("network"));
            }
            router.refresh();
          })
        }
      >
        {pending ? pendingLabel : label}
      </button>
      {error ? (
        <span className="text-sm text-red-700" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
