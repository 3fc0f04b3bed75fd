"use client";
// Refunding a line (an amount in yuan, all that is left by default, and optionally goods back in
// stock), or every line of the operator at once. The money goes back through the payment provider;
// a confirmation is asked first, since a refund cannot be undone.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { Field, fieldErrors, FormMessage, SubmitButton } from "@/components/ui/form";
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
}: {
  orderId: string;
  lineId: string;
  name: string;
  openFen: number;
  openQty: number;
  unit: string;
}) {
  const t = useTranslations("coop.order.refund");
  const id = useId();
  const amountRef = useRef<HTMLInputElement>(null);
  const [restock, setRestock] = useState(false);
  const refund = useActionForm(refundOrder, {
    confirm: () => {
      const typed = amountRef.current?.value.trim() ?? "";
      if (typed === "") return window.confirm(t("confirm", { amount: formatFen(openFen), name }));
      const parsed = parseYuanAmount(typed);
      // A typing mistake is not confirmed: the server answers with what is wrong.
      return parsed.ok ? window.confirm(t("confirm", { amount: formatFen(parsed.fen), name })) : true;
    },
  });
  const state = refund.state;
  useRefreshOnSuccess(state);
  const errors = (name: string) => fieldErrors(state, name);

  return (
    <div className="space-y-2">
      {/* A new form (fresh defaults) once the refundable amount has changed. */}
      <form key={openFen} onSubmit={refund.onSubmit} method="post" noValidate className="space-y-3" data-testid="refund-form">
        <input type="hidden" name="orderId" value={orderId} />
        <input type="hidden" name="orderLineId[]" value={lineId} />
        <div className="grid gap-3 sm:grid-cols-2">
          <Field id={`${id}-amount`} label={t("amount")} hint={t("amountHint", { max: formatFen(openFen) })} errors={errors("amount.0")}>
            <input
              ref={amountRef}
              id={`${id}-amount`}
              name="amount[]"
              type="text"
              inputMode="decimal"
              autoComplete="off"
              defaultValue={fenToYuanInput(openFen)}
              maxLength={20}
              aria-invalid={errors("amount.0") ? true : undefined}
              className={inputClass}
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

export function RefundAllForm({ orderId, lines, openFen }: { orderId: string; lines: { id: string; openQty: number }[]; openFen: number }) {
  const t = useTranslations("coop.order.refund");
  const id = useId();
  const refund = useActionForm(refundOrder, { confirm: () => window.confirm(t("allConfirm", { amount: formatFen(openFen) })) });
  const state = refund.state;
  useRefreshOnSuccess(state);
  const canRestock = lines.some((l) => l.openQty > 0);

  return (
    <div className="space-y-2 border-t border-stone-200 pt-3">
      <form key={openFen} onSubmit={refund.onSubmit} method="post" className="space-y-3" data-testid="refund-all-form">
        <h3 className="font-semibold">{t("all")}</h3>
        <p className="text-sm text-stone-700">{t("allIntro", { amount: formatFen(openFen) })}</p>
        <input type="hidden" name="orderId" value={orderId} />
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
