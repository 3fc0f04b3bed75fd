"use client";
// The shopper's 售后 request, on the order page: which goods (a line, or the seller's whole part),
// the reason (only those the product takes), the amount (at most what is refundable; the server
// checks again), a description, photos (checked by their bytes on the server) and whether the goods
// go back. Folded away until asked for, so the order page stays short on a phone.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { useActionForm } from "@/components/console/use-action-form";
import { Field, fieldErrors, FormMessage, SubmitButton, YuanInput } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";
import { openAfterSaleAction } from "@/lib/after-sales/actions";
import { formatFen } from "@/lib/money";
import { fenToYuanInput } from "@/lib/products/price";

export interface Target {
  value: string;
  label: string;
  maxFen: number;
}

export function OpenAfterSaleForm({
  number,
  token,
  targets,
  reasons,
}: {
  number: string;
  token: string;
  targets: Target[];
  reasons: readonly string[];
}) {
  const t = useTranslations("afterSales");
  const id = useId();
  const router = useRouter();
  const [target, setTarget] = useState(targets[0]!.value);
  const max = targets.find((x) => x.value === target)?.maxFen ?? 0;
  const form = useActionForm(openAfterSaleAction);
  const state = form.state;
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  const errors = (name: string) => fieldErrors(state, name);

  if (state?.ok) return <FormMessage state={state} success={t("submitted")} />;
  return (
    <details className="group rounded-lg ring-1 ring-stone-200" data-testid="after-sale-open">
      <summary className="cursor-pointer list-none px-3 py-2 text-sm font-semibold text-brand-800 hover:bg-stone-50">
        {t("openToggle")} <span className="text-stone-500 group-open:hidden">›</span>
      </summary>
      <form
        onSubmit={form.onSubmit}
        method="post"
        encType="multipart/form-data"
        noValidate
        className="space-y-3 border-t border-stone-100 p-3"
      >
        <input type="hidden" name="number" value={number} />
        <input type="hidden" name="token" value={token} />
        <Field id={`${id}-target`} label={t("target")} errors={errors("target")}>
          <select id={`${id}-target`} name="target" value={target} onChange={(e) => setTarget(e.target.value)} className={inputClass}>
            {targets.map((x) => (
              <option key={x.value} value={x.value}>
                {x.label}
              </option>
            ))}
          </select>
        </Field>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id={`${id}-reason`} label={t("reason")} errors={errors("reason")}>
            <select
              id={`${id}-reason`}
              name="reason"
              defaultValue=""
              className={inputClass}
              aria-invalid={errors("reason") ? true : undefined}
            >
              <option value="" disabled>
                {t("reasonPick")}
              </option>
              {reasons.map((r) => (
                <option key={r} value={r}>
                  {t(`reasons.${r}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field id={`${id}-amount`} label={t("amount")} hint={t("amountHint", { max: formatFen(max) })} errors={errors("amount")}>
            <YuanInput
              key={target}
              id={`${id}-amount`}
              name="amount"
              defaultValue={fenToYuanInput(max)}
              aria-invalid={errors("amount") ? true : undefined}
            />
          </Field>
        </div>
        <Field id={`${id}-detail`} label={t("detail")} errors={errors("detail")}>
          <textarea
            id={`${id}-detail`}
            name="detail"
            rows={3}
            maxLength={500}
            placeholder={t("detailPlaceholder")}
            className={inputClass}
          />
        </Field>
        <Field id={`${id}-photos`} label={t("photos")} hint={t("photosHint")} errors={errors("photos")}>
          <input
            id={`${id}-photos`}
            name="photos"
            type="file"
            multiple
            accept="image/jpeg,image/png,image/webp"
            className="block w-full text-sm file:mr-3 file:rounded-lg file:border-0 file:bg-stone-100 file:px-3 file:py-2 file:text-sm file:font-medium"
          />
        </Field>
        <label className="flex min-h-11 items-center gap-2 text-sm text-stone-800">
          <input type="checkbox" name="returnGoods" className="h-5 w-5 accent-brand-700" />
          {t("returnGoods")}
        </label>
        <SubmitButton disabled={form.pending}>{t("submit")}</SubmitButton>
        <FormMessage state={state} />
      </form>
    </details>
  );
}
