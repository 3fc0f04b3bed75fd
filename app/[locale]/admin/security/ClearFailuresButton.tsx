"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { FormMessage } from "@/components/ui/form";
import type { ServerAction } from "@/lib/actions/define.server";
import { useActionForm } from "@/components/console/use-action-form";

export function ClearFailuresButton({ action, userId }: { action: ServerAction<{ cleared: boolean }>; userId: string }) {
  const t = useTranslations("security.admin");
  const router = useRouter();
  const { state, pending, ready, onSubmit } = useActionForm(action);
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  return (
    <form onSubmit={onSubmit} className="space-y-1">
      <input type="hidden" name="userId" value={userId} />
      <button
        type="submit"
        disabled={!ready || pending}
        className="rounded-lg px-3 py-1.5 text-sm font-semibold text-brand-800 ring-1 ring-stone-300 hover:bg-brand-50 disabled:opacity-60"
      >
        {pending ? t("clearing") : t("clear")}
      </button>
      <FormMessage state={state} success={t("cleared")} />
    </form>
  );
}
