"use client";
// The seller's answer to an open request: accept and refund what was asked, offer part of it, or
// refuse with a reason the buyer reads.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useId } from "react";
import { useActionForm } from "@/components/console/use-action-form";
import { Field, fieldErrors, FormMessage, SubmitButton, YuanInput } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";
import { acceptAfterSaleAction, proposeAfterSaleAction, refuseAfterSaleAction } from "@/lib/after-sales/actions";
import { formatFen } from "@/lib/money";
import { StepButton } from "./RequestButtons";

function useRefresh(state: { ok: boolean } | undefined) {
  const router = useRouter();
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
}

export function SellerAnswer({ requestId, askedFen }: { requestId: string; askedFen: number }) {
  const t = useTranslations("afterSales.console");
  const id = useId();
  const propose = useActionForm(proposeAfterSaleAction);
  const refuse = useActionForm(refuseAfterSaleAction, { confirm: () => window.confirm(t("refuseConfirm")) });
  useRefresh(propose.state);
  useRefresh(refuse.state);
  return (
    <div className="space-y-3">
      <StepButton
        testId="after-sale-accept"
        label={t("accept", { amount: formatFen(askedFen) })}
        confirm={t("acceptConfirm", { amount: formatFen(askedFen) })}
        done={t("saved")}
        run={() => acceptAfterSaleAction({ requestId })}
      />
      <details className="rounded-lg ring-1 ring-stone-200">
        <summary className="cursor-pointer px-3 py-2 text-sm font-semibold text-brand-800">{t("propose")}</summary>
        <form
          onSubmit={propose.onSubmit}
          method="post"
          noValidate
          className="space-y-3 border-t border-stone-100 p-3"
          data-testid="after-sale-propose"
        >
          <input type="hidden" name="requestId" value={requestId} />
          <div className="grid gap-3 sm:grid-cols-2">
            <Field
              id={`${id}-amount`}
              label={t("proposeAmount")}
              hint={t("proposeHint", { max: formatFen(askedFen) })}
              errors={fieldErrors(propose.state, "amount")}
            >
              <YuanInput id={`${id}-amount`} name="amount" />
            </Field>
            <Field id={`${id}-note`} label={t("note")} errors={fieldErrors(propose.state, "note")}>
              <input id={`${id}-note`} name="note" type="text" maxLength={200} placeholder={t("notePlaceholder")} className={inputClass} />
            </Field>
          </div>
          <SubmitButton disabled={propose.pending}>{t("proposeSubmit")}</SubmitButton>
          <FormMessage state={propose.state} success={t("saved")} />
        </form>
      </details>
      <details className="rounded-lg ring-1 ring-stone-200">
        <summary className="cursor-pointer px-3 py-2 text-sm font-semibold text-red-800">{t("refuse")}</summary>
        <form
          onSubmit={refuse.onSubmit}
          method="post"
          noValidate
          className="space-y-3 border-t border-stone-100 p-3"
          data-testid="after-sale-refuse"
        >
          <input type="hidden" name="requestId" value={requestId} />
          <Field id={`${id}-refuse`} label={t("refuseNote")} errors={fieldErrors(refuse.state, "note")}>
            <input id={`${id}-refuse`} name="note" type="text" maxLength={200} className={inputClass} />
          </Field>
          <SubmitButton disabled={refuse.pending} className="bg-red-700 hover:bg-red-800">
            {t("refuseSubmit")}
          </SubmitButton>
          <FormMessage state={refuse.state} success={t("saved")} />
        </form>
      </details>
    </div>
  );
}
