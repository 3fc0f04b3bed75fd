"use client";
// The seller's shipping rule: fee per order, free from an amount, cold-chain fee, dispatch time,
// ship-from place, after-sales terms; per province a surcharge or "not delivered".
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { Field, FormMessage, SubmitButton, fieldErrors } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";
import { saveShippingRule } from "@/lib/shipping-fees/actions";
import { useActionForm } from "@/components/console/use-action-form";

export interface ShippingFormLabels {
  flat: string;
  flatHint: string;
  freeAbove: string;
  freeAboveHint: string;
  coldChain: string;
  coldChainHint: string;
  dispatchDays: string;
  shipFromZh: string;
  shipFromEn: string;
  afterSalesZh: string;
  afterSalesEn: string;
  provinces: string;
  provincesHint: string;
  province: string;
  surcharge: string;
  notDelivered: string;
  save: string;
  saved: string;
}

export interface ShippingFormValues {
  flat: string;
  freeAbove: string;
  coldChain: string;
  dispatchDays: string;
  shipFromZh: string;
  shipFromEn: string;
  afterSalesZh: string;
  afterSalesEn: string;
  surcharges: Record<string, string>;
  notDelivered: string[];
}

export function ShippingRuleForm({
  operator,
  provinces,
  values,
  labels,
}: {
  operator: string;
  /** value: the Chinese name the rule stores; label: its name in the page's language. */
  provinces: { value: string; label: string }[];
  values: ShippingFormValues;
  labels: ShippingFormLabels;
}) {
  const router = useRouter();
  const { state, onSubmit } = useActionForm(saveShippingRule);
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  const text = (name: keyof ShippingFormValues & string, label: string, hint?: string, inputMode?: "decimal" | "numeric") => (
    <Field id={`ship-${name}`} label={label} hint={hint} errors={fieldErrors(state, name)}>
      <input id={`ship-${name}`} name={name} defaultValue={values[name] as string} inputMode={inputMode} className={inputClass} />
    </Field>
  );
  return (
    <form onSubmit={onSubmit} className="space-y-4" data-testid="shipping-rule-form">
      <input type="hidden" name="operator" value={operator} />
      <div className="grid gap-4 sm:grid-cols-3">
        {text("flat", labels.flat, labels.flatHint, "decimal")}
        {text("freeAbove", labels.freeAbove, labels.freeAboveHint, "decimal")}
        {text("coldChain", labels.coldChain, labels.coldChainHint, "decimal")}
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        {text("dispatchDays", labels.dispatchDays, undefined, "numeric")}
        {text("shipFromZh", labels.shipFromZh)}
        {text("shipFromEn", labels.shipFromEn)}
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="ship-afterSalesZh" label={labels.afterSalesZh} errors={fieldErrors(state, "afterSalesZh")}>
          <textarea id="ship-afterSalesZh" name="afterSalesZh" rows={3} defaultValue={values.afterSalesZh} className={inputClass} />
        </Field>
        <Field id="ship-afterSalesEn" label={labels.afterSalesEn} errors={fieldErrors(state, "afterSalesEn")}>
          <textarea id="ship-afterSalesEn" name="afterSalesEn" rows={3} defaultValue={values.afterSalesEn} className={inputClass} />
        </Field>
      </div>
      <details
        className="rounded-xl bg-stone-50 p-3 ring-1 ring-stone-200"
        open={values.notDelivered.length > 0 || Object.keys(values.surcharges).length > 0}
      >
        <summary className="cursor-pointer text-sm font-semibold">{labels.provinces}</summary>
        <p className="mt-1 text-xs text-stone-600">{labels.provincesHint}</p>
        <table className="mt-2 w-full text-sm">
          <thead>
            <tr className="text-left text-xs text-stone-600">
              <th className="py-1 font-medium">{labels.province}</th>
              <th className="py-1 font-medium">{labels.surcharge}</th>
              <th className="py-1 font-medium">{labels.notDelivered}</th>
            </tr>
          </thead>
          <tbody>
            {provinces.map(({ value: p, label }, i) => (
              <tr key={p} className="border-t border-stone-200">
                <td className="py-1 pr-2">
                  {label}
                  <input type="hidden" name="province" value={p} />
                </td>
                <td className="py-1 pr-2">
                  <input
                    name="surcharge"
                    aria-label={`${label} ${labels.surcharge}`}
                    defaultValue={values.surcharges[p] ?? ""}
                    inputMode="decimal"
                    className={`${inputClass} w-24`}
                    {...(fieldErrors(state, `surcharge.${i}`) ? { "aria-invalid": true } : {})}
                  />
                </td>
                <td className="py-1">
                  <input
                    type="checkbox"
                    name="notDelivered"
                    value={p}
                    aria-label={`${label} ${labels.notDelivered}`}
                    defaultChecked={values.notDelivered.includes(p)}
                    className="h-4 w-4 accent-brand-700"
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
      <FormMessage state={state} success={labels.saved} />
      <SubmitButton>{labels.save}</SubmitButton>
    </form>
  );
}
