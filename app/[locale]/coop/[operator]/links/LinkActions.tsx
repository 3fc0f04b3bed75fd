"use client";
// End a link (from a chosen day, today by default) or, while nothing has been allocated by it,
// delete it. After a change the page is re-read from the server.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { Field, FormMessage, SubmitButton } from "@/components/ui/form";
import { deleteLink, endLink } from "@/lib/benefits/actions";
import { DangerButton } from "@/components/console/DangerButton";
import { inputClass } from "@/components/ui/styles";
import { useActionForm } from "@/components/console/use-action-form";

export function LinkActions({
  linkId,
  canEnd,
  canDelete,
  today,
  minEnd,
  maxEnd,
}: {
  linkId: string;
  canEnd: boolean;
  canDelete: boolean;
  today: string;
  minEnd: string;
  maxEnd?: string;
}) {
  const t = useTranslations("benefits.links");
  const router = useRouter();
  const id = useId();
  const [open, setOpen] = useState(false);
  const end = useActionForm(endLink);
  const remove = useActionForm(deleteLink, { confirm: () => window.confirm(t("deleteConfirm")) });
  const endState = end.state;
  const deleteState = remove.state;

  useEffect(() => {
    if (endState?.ok || deleteState?.ok) router.refresh();
  }, [endState, deleteState, router]);

  if (!canEnd && !canDelete) return null;
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} className="text-sm font-medium text-brand-700 underline" aria-expanded={false}>
        {t("change")}
      </button>
    );
  }
  return (
    <div className="space-y-3 rounded-lg bg-stone-50 p-3 ring-1 ring-stone-200">
      {canEnd ? (
        <form onSubmit={end.onSubmit} method="post" className="space-y-2">
          <input type="hidden" name="linkId" value={linkId} />
          <Field id={`${id}-end`} label={t("endOn")} hint={t("endHint")}>
            <input
              id={`${id}-end`}
              name="endOn"
              type="date"
              defaultValue={today < minEnd ? minEnd : today}
              min={minEnd}
              max={maxEnd}
              className={inputClass}
            />
          </Field>
          <SubmitButton disabled={end.pending}>{t("end")}</SubmitButton>
          <FormMessage state={endState} success={t("ended")} />
        </form>
      ) : null}
      {canDelete ? (
        <form onSubmit={remove.onSubmit} method="post" className="space-y-2 border-t border-stone-200 pt-3">
          <input type="hidden" name="linkId" value={linkId} />
          <p className="text-xs text-stone-600">{t("deleteHint")}</p>
          <DangerButton disabled={remove.pending}>{t("delete")}</DangerButton>
          <FormMessage state={deleteState} success={t("deleted")} />
        </form>
      ) : (
        <p className="text-xs text-stone-600">{t("cannotDelete")}</p>
      )}
      <button type="button" onClick={() => setOpen(false)} className="text-sm text-stone-700 underline">
        {t("close")}
      </button>
    </div>
  );
}
