"use client";
// Recording a stock change: goods received (+), damaged or lost (−), or a count (the clerk types
// the figure counted; the server works out the difference from the figure at that moment).
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Field, fieldErrors, FormMessage, SubmitButton } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";
import { adjustProductStock } from "@/lib/products/actions";
import { useKeptAction } from "./kept";

const REASONS = ["RECEIVED", "DAMAGED", "CORRECTION"] as const;
type Reason = (typeof REASONS)[number];

export function StockPanel({ productId, unit }: { productId: string; unit: string }) {
  const t = useTranslations("listings.stock");
  const router = useRouter();
  const [state, submit] = useKeptAction<{ delta: number; stock: number }>(adjustProductStock);
  const result = state?.result;
  const kept = (name: string) => (result && !result.ok ? state?.values[name] : undefined);
  const [reason, setReason] = useState<Reason>("RECEIVED");

  useEffect(() => {
    if (result?.ok) router.refresh();
  }, [result, router]);

  const amountName = reason === "CORRECTION" ? "counted" : "quantity";
  const errors = (name: string) => fieldErrors(result, name);

  return (
    <form key={state?.round ?? 0} action={submit} className="space-y-3" noValidate data-testid="stock-form">
      <input type="hidden" name="productId" value={productId} />
      <fieldset>
        <legend className="mb-1.5 text-sm font-medium text-stone-800">{t("reason")}</legend>
        <div className="grid gap-2 sm:grid-cols-3">
          {REASONS.map((r) => (
            <label
              key={r}
              className="flex cursor-pointer items-start gap-2 rounded-lg bg-white px-3 py-2 text-sm ring-1 ring-stone-300 has-[:checked]:bg-brand-50 has-[:checked]:ring-2 has-[:checked]:ring-brand-700"
            >
              <input
                type="radio"
                name="reason"
                value={r}
                checked={reason === r}
                onChange={() => setReason(r)}
                className="mt-0.5 h-4 w-4 accent-brand-700"
              />
              <span>
                <span className="block font-medium text-stone-900">{t(`reasons.${r}`)}</span>
                <span className="block text-xs text-stone-600">{t(`reasonHints.${r}`)}</span>
              </span>
            </label>
          ))}
        </div>
        {errors("reason") ? (
          <p className="mt-1 text-sm text-red-700" role="alert">
            {t("reasonRequired")}
          </p>
        ) : null}
      </fieldset>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          id={`stock-${amountName}`}
          label={reason === "CORRECTION" ? t("counted", { unit }) : t("quantity", { unit })}
          hint={reason === "CORRECTION" ? t("countedHint") : undefined}
          errors={errors(amountName)}
        >
          <input
            key={amountName}
            id={`stock-${amountName}`}
            name={amountName}
            type="text"
            inputMode="numeric"
            defaultValue={kept(amountName) ?? ""}
            maxLength={12}
            aria-invalid={errors(amountName) ? true : undefined}
            className={inputClass}
            autoComplete="off"
          />
        </Field>
        <Field id="stock-note" label={reason === "RECEIVED" ? t("noteOptional") : t("noteRequired")} errors={errors("note")}>
          <input
            id="stock-note"
            name="note"
            type="text"
            defaultValue={kept("note") ?? ""}
            maxLength={200}
            placeholder={t(`notePlaceholders.${reason}`)}
            aria-invalid={errors("note") ? true : undefined}
            className={inputClass}
            autoComplete="off"
          />
        </Field>
      </div>
      <FormMessage
        state={result}
        success={
          result?.ok
            ? t("recorded", { delta: (result.data.delta > 0 ? "+" : "") + result.data.delta, stock: result.data.stock, unit })
            : undefined
        }
      />
      <SubmitButton className="w-full sm:w-auto">{t("record")}</SubmitButton>
    </form>
  );
}
