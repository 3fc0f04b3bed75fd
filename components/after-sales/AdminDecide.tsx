"use client";
// The platform's decision on an escalated request: a refund (at most what was asked) or no refund
// with a reason.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { useActionForm } from "@/components/console/use-action-form";
import { Field, fieldErrors, FormMessage, SubmitButton, YuanInput } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";
import { decideAfterSaleAction } from "@/lib/after-sales/actions";
import { formatFen } from "@/lib/money";
import { fenToYuanInput } from "@/lib/products/price";

export function AdminDecide({ requestId, askedFen, offeredFen }: { requestId: string; askedFen: number; offeredFen: number | null }) {
  const t = useTranslations("afterSales.admin");
  const id = useId();
  const router = useRouter();
  const [decision, setDecision] = useState<"refund" | "refuse">("refund");
  const form = useActionForm(decideAfterSaleAction, { confirm: () => window.confirm(t("confirm")) });
  useEffect(() => {
    if (form.state?.ok) router.refresh();
  }, [form.state, router]);
  return (
    <form onSubmit={form.onSubmit} method="post" noValidate className="space-y-3" data-testid="after-sale-decide">
      <input type="hidden" name="requestId" value={requestId} />
      <fieldset className="flex flex-wrap gap-4 text-sm">
        <legend className="mb-1 font-medium text-stone-800">{t("decision")}</legend>
        {(["refund", "refuse"] as const).map((d) => (
          <label key={d} className="flex min-h-11 items-center gap-2">
            <input
              type="radio"
              name="decision"
              value={d}
              checked={decision === d}
              onChange={() => setDecision(d)}
              className="h-5 w-5 accent-brand-700"
            />
            {d === "refund" ? t("decideRefund") : t("decideRefuse")}
          </label>
        ))}
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-2">
        {decision === "refund" ? (
          <Field
            id={`${id}-amount`}
            label={t("amount")}
            hint={t("amountHint", { max: formatFen(askedFen) })}
            errors={fieldErrors(form.state, "amount")}
          >
            <YuanInput id={`${id}-amount`} name="amount" defaultValue={fenToYuanInput(offeredFen ?? askedFen)} />
          </Field>
        ) : null}
        <Field id={`${id}-note`} label={t("note")} errors={fieldErrors(form.state, "note")}>
          <input id={`${id}-note`} name="note" type="text" maxLength={200} className={inputClass} />
        </Field>
      </div>
      <SubmitButton disabled={form.pending}>{t("submit")}</SubmitButton>
      <FormMessage state={form.state} />
    </form>
  );
}
