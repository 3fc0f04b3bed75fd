"use client";
// The terms of a new link: which product (or all), mechanism, rule and amount, validity.
// A refusal (e.g. it would promise more than 100% of a sale) is explained with its figures.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Field, FormMessage, SubmitButton, fieldErrors } from "@/components/ui/form";
import { createLink } from "@/lib/benefits/actions";
import { inputClass } from "@/components/ui/styles";
import { useActionForm } from "@/components/console/use-action-form";

export interface ProductOption {
  id: string;
  label: string;
}

const MECHANISMS = ["PURCHASE", "DIVIDEND", "WAGE", "LAND_RENT"] as const;

export function LinkForm({
  operatorId,
  householdId,
  products,
  today,
  doneHref,
  initialProductId,
}: {
  operatorId: string;
  householdId: string;
  products: ProductOption[];
  today: string;
  doneHref: string;
  initialProductId?: string;
}) {
  const t = useTranslations("benefits.linkForm");
  const b = useTranslations("benefits");
  const router = useRouter();
  const [rule, setRule] = useState<"PERCENT_OF_SALES" | "FIXED_PER_UNIT">("PERCENT_OF_SALES");
  const { state, pending, onSubmit } = useActionForm(createLink);
  const errors = (name: string) => fieldErrors(state, name);

  useEffect(() => {
    if (state?.ok) router.push(doneHref);
  }, [state, router, doneHref]);

  return (
    <form onSubmit={onSubmit} method="post" className="space-y-4" aria-label={t("title")} noValidate>
      <input type="hidden" name="operatorId" value={operatorId} />
      <input type="hidden" name="householdId" value={householdId} />

      <Field id="link-product" label={t("product")} hint={t("productHint")} errors={errors("productId")}>
        <select id="link-product" name="productId" defaultValue={initialProductId ?? ""} className={inputClass}>
          <option value="">{t("allProducts")}</option>
          {products.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </Field>

      <Field id="link-mechanism" label={t("mechanism")} errors={errors("mechanism")}>
        <select id="link-mechanism" name="mechanism" defaultValue="PURCHASE" className={inputClass}>
          {MECHANISMS.map((m) => (
            <option key={m} value={m}>
              {b(`mechanism.${m}`)}
            </option>
          ))}
        </select>
      </Field>

      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-stone-800">{t("rule")}</legend>
        <div className="grid gap-2 sm:grid-cols-2">
          {(["PERCENT_OF_SALES", "FIXED_PER_UNIT"] as const).map((r) => (
            <label
              key={r}
              className={`flex cursor-pointer items-start gap-2 rounded-lg p-3 text-sm ring-1 ${rule === r ? "bg-brand-50 ring-brand-600" : "bg-white ring-stone-300"}`}
            >
              <input type="radio" name="rule" value={r} checked={rule === r} onChange={() => setRule(r)} className="mt-0.5" />
              <span>
                <span className="block font-medium">{b(`rule.${r}`)}</span>
                <span className="block text-xs text-stone-600">{t(`ruleHint.${r}`)}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      {rule === "PERCENT_OF_SALES" ? (
        <Field id="link-percent" label={t("percent")} hint={t("percentHint")} errors={errors("percent")}>
          <div className="flex items-center gap-2">
            <input
              id="link-percent"
              name="percent"
              inputMode="decimal"
              autoComplete="off"
              placeholder="5"
              aria-invalid={errors("percent") ? true : undefined}
              aria-describedby={errors("percent") ? "link-percent-error" : undefined}
              className={`${inputClass} max-w-40`}
            />
            <span className="text-sm text-stone-700">%</span>
          </div>
        </Field>
      ) : (
        <Field id="link-yuan" label={t("yuanPerUnit")} hint={t("yuanPerUnitHint")} errors={errors("yuanPerUnit")}>
          <div className="flex items-center gap-2">
            <span className="text-sm text-stone-700">¥</span>
            <input
              id="link-yuan"
              name="yuanPerUnit"
              inputMode="decimal"
              autoComplete="off"
              placeholder="1.50"
              aria-invalid={errors("yuanPerUnit") ? true : undefined}
              aria-describedby={errors("yuanPerUnit") ? "link-yuan-error" : undefined}
              className={`${inputClass} max-w-40`}
            />
            <span className="text-sm text-stone-700">{t("perUnit")}</span>
          </div>
        </Field>
      )}

      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="link-from" label={t("validFrom")} errors={errors("validFrom")}>
          <input
            id="link-from"
            name="validFrom"
            type="date"
            defaultValue={today}
            required
            className={inputClass}
            aria-invalid={errors("validFrom") ? true : undefined}
          />
        </Field>
        <Field id="link-to" label={t("validTo")} hint={t("validToHint")} errors={errors("validTo")}>
          <input
            id="link-to"
            name="validTo"
            type="date"
            min={today}
            className={inputClass}
            aria-invalid={errors("validTo") ? true : undefined}
          />
        </Field>
      </div>

      <FormMessage state={state} success={t("saved")} />
      <SubmitButton className="w-full py-3 sm:w-auto" disabled={pending}>
        {pending ? t("submitting") : t("submit")}
      </SubmitButton>
    </form>
  );
}
