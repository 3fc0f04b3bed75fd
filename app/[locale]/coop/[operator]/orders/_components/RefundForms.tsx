"use client";
// Refunding a line (an amount in yuan, all that is left by default, optionally goods back in stock
// and some of the seller's shipping fee), or every line of the operator at once (shipping included
// unless unticked). The money goes back through the payment provider;
// a confirmation is asked first, since a refund cannot be undone.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { Field, fieldErrors, FormMessage, SubmitButton, YuanInput } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";
import { parseYuanAmount } from "@/lib/benefits/amounts";
import { fenToYuanInput } from "@/lib/products/price";
import { refundOrder } from "@/lib/orders/seller-actions";
import { formatFen } from "@/lib/money";
import { useActionForm } from "@/components/console/use-action-form";

function useRefreshOnSuccess(state: { ok: boolean } | undefined) {
  const router = useRouter();
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
}

function successText(t: ReturnType<typeof useTranslations>, state: { ok: true; data: unknown } | { ok: false } | undefined) {
  if (!state?.ok) return undefined;
  return (state.data as { status?: string } | undefined)?.status === "PENDING" ? t("pending") : t("done");
}

export function RefundLineForm({
  orderId,
  lineId,
  name,
  openFen,
  openQty,
  unit,
  shippingOpenFen,
}: {
  orderId: string;
  lineId: string;
  name: string;
  openFen: number;
  openQty: number;
  unit: string;
  /** The seller's shipping fee that may still be given back (0: none, and no field). */
  shippingOpenFen: number;
}) {
  const t = useTranslations("coop.order.refund");
  const id = useId();
  const amountRef = useRef<HTMLInputElement>(null);
  const shippingRef = useRef<HTMLInputElement>(null);
  const [restock, setRestock] = useState(false);
  const refund = useActionForm(refundOrder, {
    confirm: () => {
      const typed = amountRef.current?.value.trim() ?? "";
      const shipping = shippingRef.current?.value.trim() ?? "";
      const goods = typed === "" ? { ok: true as const, fen: openFen } : parseYuanAmount(typed);
      const freight = shipping === "" ? { ok: true as const, fen: 0 } : parseYuanAmount(shipping);
      // A typing mistake is not confirmed: the server answers with what is wrong.
      if (!goods.ok || !freight.ok) return true;
      return window.confirm(t("confirm", { amount: formatFen(goods.fen + freight.fen), name }));
    },
  });
  const state = refund.state;
  useRefreshOnSuccess(state);
  const errors = (name: string) => fieldErrors(state, name);

  return (
    <div className="space-y-2">
      {/* A new form (fresh defaults) once the refundable amount has changed. */}
      <form
        key={`${openFen}:${shippingOpenFen}`}
        onSubmit={refund.onSubmit}
        method="post"
        noValidate
        className="space-y-3"
        data-testid="refund-form"
      >
        <input type="hidden" name="orderId" value={orderId} />
        <input type="hidden" name="orderLineId[]" value={lineId} />
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id={`${id}-amount`} label={t("amount")} hint={t("amountHint", { max: formatFen(openFen) })} errors={errors("amount.0")}>
            <YuanInput
              ref={amountRef}
              id={`${id}-amount`}
              name="amount[]"
              defaultValue={fenToYuanInput(openFen)}
              aria-invalid={errors("amount.0") ? true : undefined}
            />
          </Field>
          <Field id={`${id}-reason`} label={t("reason")} errors={errors("reason")}>
            <input
              id={`${id}-reason`}
              name="reason"
              type="text"
              maxLength={200}
              placeholder={t("reasonPlaceholder")}
              aria-invalid={errors("reason") ? true : undefined}
              className={inputClass}
            />
          </Field>
          {shippingOpenFen > 0 ? (
            <Field
              id={`${id}-shipping`}
              label={t("shipping")}
              hint={t("shippingHint", { max: formatFen(shippingOpenFen) })}
              errors={errors("shipping")}
            >
              <YuanInput id={`${id}-shipping`} ref={shippingRef} name="shipping" aria-invalid={errors("shipping") ? true : undefined} />
            </Field>
          ) : null}
        </div>
        {openQty > 0 ? (
          <div className="flex flex-wrap items-end gap-x-4 gap-y-2">
            <label className="flex min-h-11 items-center gap-2 text-sm text-stone-800">
              <input
                type="checkbox"
                name="restock"
                checked={restock}
                onChange={(e) => setRestock(e.target.checked)}
                className="h-5 w-5 accent-brand-700"
              />
              {t("restock")}
            </label>
            {restock ? (
              <div className="w-40">
                <Field
                  id={`${id}-qty`}
                  label={t("restockQty", { unit })}
                  hint={t("restockHint", { max: openQty, unit })}
                  errors={errors("restockQty.0")}
                >
                  <input
                    id={`${id}-qty`}
                    name="restockQty[]"
                    type="text"
                    inputMode="numeric"
                    autoComplete="off"
                    defaultValue={String(openQty)}
                    maxLength={4}
                    aria-invalid={errors("restockQty.0") ? true : undefined}
                    className={inputClass}
                  />
                </Field>
              </div>
            ) : null}
          </div>
        ) : null}
        <SubmitButton disabled={refund.pending} aria-label={t("submitNamed", { name })}>
          {t("submit")}
        </SubmitButton>
      </form>
      <FormMessage state={state} success={successText(t, state)} />
    </div>
  );
}

export function RefundAllForm({
  orderId,
  lines,
  openFen,
  shippingOpenFen,
}: {
  orderId: string;
  lines: { id: string; openQty: number }[];
  openFen: number;
  shippingOpenFen: number;
}) {
  const t = useTranslations("coop.order.refund");
  const id = useId();
  // Refunding everything gives the shipping back too, unless the clerk unticks it.
  const [withShipping, setWithShipping] = useState(true);
  const totalFen = openFen + (withShipping ? shippingOpenFen : 0);
  const refund = useActionForm(refundOrder, { confirm: () => window.confirm(t("allConfirm", { amount: formatFen(totalFen) })) });
  const state = refund.state;
  useRefreshOnSuccess(state);
  const canRestock = lines.some((l) => l.openQty > 0);

  return (
    <div className="space-y-2 border-t border-stone-200 pt-3">
      <form
        key={`${openFen}:${shippingOpenFen}`}
        onSubmit={refund.onSubmit}
        method="post"
        className="space-y-3"
        data-testid="refund-all-form"
      >
        <h3 className="font-semibold">{t("all")}</h3>
        <p className="text-sm text-stone-700">{t("allIntro", { amount: formatFen(totalFen) })}</p>
        <input type="hidden" name="orderId" value={orderId} />
        {withShipping && shippingOpenFen > 0 ? <input type="hidden" name="shipping" value={fenToYuanInput(shippingOpenFen)} /> : null}
        {lines.map((l) => (
          <span key={l.id} hidden>
            <input type="hidden" name="orderLineId[]" value={l.id} />
            <input type="hidden" name="amount[]" value="" />
            <input type="hidden" name="restockQty[]" value={String(l.openQty)} />
          </span>
        ))}
        <Field id={`${id}-reason`} label={t("reason")} errors={fieldErrors(state, "reason")}>
          <input
            id={`${id}-reason`}
            name="reason"
            type="text"
            maxLength={200}
            placeholder={t("reasonPlaceholder")}
            className={inputClass}
          />
        </Field>
        {shippingOpenFen > 0 ? (
          <label className="flex min-h-11 items-center gap-2 text-sm text-stone-800">
            <input
              type="checkbox"
              checked={withShipping}
              onChange={(e) => setWithShipping(e.target.checked)}
              className="h-5 w-5 accent-brand-700"
            />
            {t("allShipping", { amount: formatFen(shippingOpenFen) })}
          </label>
        ) : null}
        {canRestock ? (
          <label className="flex min-h-11 items-center gap-2 text-sm text-stone-800">
            <input type="checkbox" name="restock" className="h-5 w-5 accent-brand-700" />
            {t("restockAll")}
          </label>
        ) : null}
        <SubmitButton disabled={refund.pending}>{t("allSubmit")}</SubmitButton>
      </form>
      <FormMessage state={state} success={successText(t, state)} />
    </div>
  );
}
