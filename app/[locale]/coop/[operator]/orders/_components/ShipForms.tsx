"use client";
// Shipping the operator's part of an order (carrier from the list, or another one by name, and the
// tracking number), then marking it delivered. After a change the page is re-read from the server.
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { Field, fieldErrors, FormMessage, SubmitButton } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";
import { deliverOrder, shipOrder } from "@/lib/orders/seller-actions";
import { CARRIER_NAME_MAX, CARRIERS } from "@/lib/orders/carriers";
import { useActionForm } from "@/components/console/use-action-form";

export function ShipForm({ shipmentId }: { shipmentId: string }) {
  const t = useTranslations("coop.order.shipping");
  const locale = useLocale();
  const router = useRouter();
  const id = useId();
  const [carrier, setCarrier] = useState("");
  const ship = useActionForm(shipOrder);
  const state = ship.state;
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  const errors = (name: string) => fieldErrors(state, name);

  return (
    <form onSubmit={ship.onSubmit} method="post" noValidate className="space-y-3" data-testid="ship-form">
      <input type="hidden" name="shipmentId" value={shipmentId} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={`${id}-carrier`} label={t("carrier")} errors={errors("carrier")}>
          <select
            id={`${id}-carrier`}
            name="carrier"
            value={carrier}
            onChange={(e) => setCarrier(e.target.value)}
            aria-invalid={errors("carrier") ? true : undefined}
            className={inputClass}
          >
            <option value="">{t("carrierChoose")}</option>
            {CARRIERS.map((c) => (
              <option key={c.code} value={c.code}>
                {locale === "en" ? `${c.en} (${c.zh})` : c.zh}
              </option>
            ))}
            <option value="OTHER">{t("carrierOther")}</option>
          </select>
        </Field>
        {carrier === "OTHER" ? (
          <Field id={`${id}-other`} label={t("carrierOtherName")} errors={errors("carrierOther")}>
            <input
              id={`${id}-other`}
              name="carrierOther"
              type="text"
              maxLength={CARRIER_NAME_MAX}
              autoComplete="off"
              aria-invalid={errors("carrierOther") ? true : undefined}
              className={inputClass}
            />
          </Field>
        ) : null}
        <Field id={`${id}-tracking`} label={t("trackingNo")} hint={t("trackingHint")} errors={errors("trackingNo")}>
          <input
            id={`${id}-tracking`}
            name="trackingNo"
            type="text"
            inputMode="text"
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            maxLength={60}
            aria-invalid={errors("trackingNo") ? true : undefined}
            className={`${inputClass} font-mono`}
          />
        </Field>
        <Field id={`${id}-batch`} label={t("batchDate")} hint={t("batchHint")} errors={errors("batchDate")}>
          <input
            id={`${id}-batch`}
            name="batchDate"
            type="date"
            aria-invalid={errors("batchDate") ? true : undefined}
            className={inputClass}
          />
        </Field>
      </div>
      <SubmitButton disabled={ship.pending}>{t("submit")}</SubmitButton>
      <FormMessage state={state} success={t("done")} />
    </form>
  );
}

export function DeliverForm({ shipmentId }: { shipmentId: string }) {
  const t = useTranslations("coop.order.shipping");
  const router = useRouter();
  const deliver = useActionForm(deliverOrder, { confirm: () => window.confirm(t("deliverConfirm")) });
  const state = deliver.state;
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  return (
    <form onSubmit={deliver.onSubmit} method="post" className="space-y-2" data-testid="deliver-form">
      <input type="hidden" name="shipmentId" value={shipmentId} />
      <p className="text-xs text-stone-600">{t("deliverHint")}</p>
      <SubmitButton disabled={deliver.pending}>{t("deliver")}</SubmitButton>
      <FormMessage state={state} success={t("done")} />
    </form>
  );
}
