"use client";
// One-click steps of an after-sales request, each asking for confirmation first: the shopper takes
// an offer or escalates; the seller accepts and refunds. The outcome (or the refusal, in the user's
// language) shows beside the button, and the page is refreshed.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/define";

export function StepButton({
  label,
  confirm,
  done,
  run,
  tone = "primary",
  testId,
}: {
  label: string;
  confirm: string;
  done: string;
  run: () => Promise<ActionResult<unknown>>;
  tone?: "primary" | "secondary";
  testId?: string;
}) {
  const e = useTranslations("errors");
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <span className="inline-flex flex-col gap-1">
      <button
        type="button"
        disabled={pending}
        data-testid={testId}
        className={
          tone === "primary"
            ? "rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:opacity-60"
            : "rounded-lg bg-white px-4 py-2 text-sm font-semibold text-brand-800 ring-1 ring-stone-300 hover:bg-stone-50 disabled:opacity-60"
        }
        onClick={() => {
          if (!window.confirm(confirm)) return;
          startTransition(async () => {
            try {
              const result = await run();
              setMessage(
                result.ok
                  ? { ok: true, text: done }
                  : { ok: false, text: e.has(result.error) ? e(result.error, result.values ?? {}) : e("unexpected") },
              );
            } catch {
              setMessage({ ok: false, text: e("network") });
            }
            router.refresh();
          });
        }}
      >
        {label}
      </button>
      {message ? (
        <span className={`text-sm ${message.ok ? "text-leaf-700" : "text-red-700"}`} role={message.ok ? "status" : "alert"}>
          {message.text}
        </span>
      ) : null}
    </span>
  );
}
