"use client";
// The officer's decisions on one product: certify (with the end of validity), reject or revoke
// (with a reason the cooperative sees). After a decision the page reloads with the new status.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { Field, fieldErrors, FormMessage, SubmitButton } from "@/components/ui/form";
import type { ServerAction } from "@/lib/actions/define.server";
import { inputClass } from "@/components/ui/styles";
import { useActionForm } from "@/components/console/use-action-form";

function useRefreshOnSuccess(ok: boolean | undefined) {
  const router = useRouter();
  useEffect(() => {
    if (ok) router.refresh();
  }, [ok, router]);
}

export function CertifyForm({
  action,
  productId,
  defaultUntil,
  min,
  max,
}: {
  action: ServerAction<unknown>;
  productId: string;
  defaultUntil: string;
  min: string;
  max: string;
}) {
  const t = useTranslations("office.review");
  const { state, pending, onSubmit } = useActionForm(action);
  useRefreshOnSuccess(state?.ok);
  const errors = fieldErrors(state, "until");
  return (
    <form onSubmit={onSubmit} className="space-y-3" data-testid="certify-form" aria-busy={pending}>
      <input type="hidden" name="productId" value={productId} />
      <Field id="certify-until" label={t("until")} hint={t("untilHint")} errors={errors}>
        <input
          id="certify-until"
          name="until"
          type="date"
          required
          defaultValue={defaultUntil}
          min={min}
          max={max}
          aria-invalid={errors ? true : undefined}
          aria-describedby={errors ? "certify-until-error" : undefined}
          className={inputClass}
        />
      </Field>
      <FormMessage state={state && !state.ok && state.error !== "invalidInput" ? state : undefined} />
      <SubmitButton disabled={pending}>{t("certify")}</SubmitButton>
    </form>
  );
}

export function ReasonForm({ action, productId, mode }: { action: ServerAction<unknown>; productId: string; mode: "reject" | "revoke" }) {
  const t = useTranslations("office.review");
  const { state, pending, onSubmit } = useActionForm(action, {
    confirm: mode === "revoke" ? () => window.confirm(t("revokeConfirm")) : undefined,
  });
  useRefreshOnSuccess(state?.ok);
  const errors = fieldErrors(state, "reason");
  const id = `${mode}-reason`;
  return (
    <form onSubmit={onSubmit} className="space-y-3" data-testid={`${mode}-form`} aria-busy={pending}>
      <input type="hidden" name="productId" value={productId} />
      <Field id={id} label={t(`${mode}Reason`)} hint={t("reasonHint")} errors={errors}>
        <textarea
          id={id}
          name="reason"
          rows={3}
          maxLength={500}
          aria-invalid={errors ? true : undefined}
          aria-describedby={errors ? `${id}-error` : undefined}
          className={inputClass}
        />
      </Field>
      <FormMessage state={state && !state.ok && state.error !== "invalidInput" ? state : undefined} />
      <SubmitButton disabled={pending} className="bg-white! text-red-800! ring-1 ring-inset ring-red-700/40 hover:bg-red-50!">
        {t(mode)}
      </SubmitButton>
    </form>
  );
}
