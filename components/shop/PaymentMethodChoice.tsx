"use client";
// The checkout's choice between paying online and 对公转账 (bank transfer), shown only to buyers who
// may pay by transfer (members of a buyer organisation: lib/payments/transfer.ts). Controlled by the
// checkout form, which sends the choice as `paymentMethod`.
import { useTranslations } from "next-intl";

export type PaymentMethod = "online" | "transfer";

export function PaymentMethodChoice({ value, onChange }: { value: PaymentMethod; onChange: (method: PaymentMethod) => void }) {
  const t = useTranslations("transfers.method");
  return (
    <fieldset className="space-y-2" data-testid="payment-method">
      <legend className="text-sm font-medium text-stone-800">{t("legend")}</legend>
      {(["online", "transfer"] as const).map((method) => (
        <label
          key={method}
          className={`flex cursor-pointer gap-3 rounded-lg p-3 ring-1 ${value === method ? "bg-brand-50 ring-brand-600" : "ring-stone-200"}`}
        >
          <input
            type="radio"
            name="paymentMethod"
            value={method}
            checked={value === method}
            onChange={() => onChange(method)}
            className="mt-1"
          />
          <span>
            <span className="block text-sm font-semibold">{t(method)}</span>
            <span className="block text-xs text-stone-600">{t(`${method}Hint`)}</span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
