"use client";
// The buyer's invoice request for one seller's part of an order (lib/invoices): 普票 or 专票, 抬头,
// 税号 (checked on the server as a credit code), the 专票's bank details, and an email. Refusals come
// back next to their field, in the buyer's language; what was typed stays.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { useActionForm } from "@/components/console/use-action-form";
import { Field, fieldErrors, FormMessage, SubmitButton } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";
import { requestInvoiceAction } from "@/lib/invoices/actions";

export interface InvoicePrefill {
  title: string;
  taxNo: string;
  email: string;
  personal: boolean;
}

export function InvoiceRequestForm(props: {
  number: string;
  token: string;
  operatorId: string;
  prefill: InvoicePrefill;
  fromOrganisation: boolean;
}) {
  const t = useTranslations("invoices.form");
  const k = useTranslations("invoices.kind");
  const id = useId();
  const router = useRouter();
  const [kind, setKind] = useState<"ORDINARY" | "SPECIAL">("ORDINARY");
  const [personal, setPersonal] = useState(props.prefill.personal);
  const form = useActionForm(requestInvoiceAction);
  const state = form.state;
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  const errors = (name: string) => fieldErrors(state, name);
  const special = kind === "SPECIAL";
  const input = (
    name: string,
    label: string,
    opts: { hint?: string; type?: string; defaultValue?: string; mono?: boolean; auto?: string } = {},
  ) => (
    <Field id={`${id}-${name}`} label={label} hint={opts.hint} errors={errors(name)}>
      <input
        id={`${id}-${name}`}
        name={name}
        type={opts.type ?? "text"}
        defaultValue={opts.defaultValue}
        autoComplete={opts.auto ?? "off"}
        aria-invalid={errors(name) ? true : undefined}
        className={`${inputClass} ${opts.mono ? "font-mono" : ""}`}
      />
    </Field>
  );

  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-3" data-testid="invoice-form">
      <input type="hidden" name="number" value={props.number} />
      <input type="hidden" name="token" value={props.token} />
      <input type="hidden" name="operatorId" value={props.operatorId} />
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-stone-800">{t("legend")}</legend>
        <div className="flex flex-wrap gap-x-5 gap-y-2">
          {(["ORDINARY", "SPECIAL"] as const).map((value) => (
            <label key={value} className="inline-flex items-center gap-2 text-sm">
              <input
                type="radio"
                name="kind"
                value={value}
                checked={kind === value}
                onChange={() => {
                  setKind(value);
                  if (value === "SPECIAL") setPersonal(false);
                }}
              />
              {k(value)}
            </label>
          ))}
        </div>
        {!special ? (
          <label className="inline-flex items-center gap-2 text-sm">
            <input type="checkbox" name="personal" checked={personal} onChange={(e) => setPersonal(e.target.checked)} />
            {t("personal")}
          </label>
        ) : null}
        {errors("personal") ? <FormMessage state={{ ok: false, error: errors("personal")![0]! }} /> : null}
      </fieldset>
      {props.fromOrganisation ? <p className="text-xs text-stone-600">{t("prefilled")}</p> : null}
      <div className="grid gap-3 sm:grid-cols-2">
        {input("title", t("title"), { hint: t("titleHint"), defaultValue: props.prefill.title, auto: "organization" })}
        {!personal || special ? input("taxNo", t("taxNo"), { hint: t("taxNoHint"), defaultValue: props.prefill.taxNo, mono: true }) : null}
      </div>
      {special ? (
        <div className="space-y-3 rounded-lg bg-stone-50 p-3">
          <p className="text-xs text-stone-700">{t("specialNote")}</p>
          <div className="grid gap-3 sm:grid-cols-2">
            {input("regAddress", t("regAddress"), { auto: "street-address" })}
            {input("regPhone", t("regPhone"), { type: "tel", auto: "tel" })}
            {input("bankName", t("bankName"))}
            {input("bankAccount", t("bankAccount"), { mono: true })}
          </div>
        </div>
      ) : null}
      {input("email", t("email"), { hint: t("emailHint"), type: "email", defaultValue: props.prefill.email, auto: "email" })}
      <SubmitButton disabled={form.pending}>{t("submit")}</SubmitButton>
      <FormMessage state={state} success={t("done")} />
    </form>
  );
}
