"use client";
// The seller's two invoice steps: issue (the PDF, or the e-invoice number and its https link) and
// mark a flagged invoice reversed (红冲), optionally opening a new request for what is left.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useId } from "react";
import { useActionForm } from "@/components/console/use-action-form";
import { Field, fieldErrors, FormMessage, SubmitButton } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";
import { issueInvoiceAction, reverseInvoiceAction } from "@/lib/invoices/actions";

function useRefreshOnSuccess(ok: boolean | undefined) {
  const router = useRouter();
  useEffect(() => {
    if (ok) router.refresh();
  }, [ok, router]);
}

export function IssueInvoiceForm({ invoiceId }: { invoiceId: string }) {
  const t = useTranslations("invoices.console.issue");
  const id = useId();
  const form = useActionForm(issueInvoiceAction);
  const state = form.state;
  useRefreshOnSuccess(state?.ok);
  const errors = (name: string) => fieldErrors(state, name);
  return (
    <form onSubmit={form.onSubmit} noValidate encType="multipart/form-data" className="space-y-3" data-testid="issue-form">
      <input type="hidden" name="invoiceId" value={invoiceId} />
      <Field id={`${id}-file`} label={t("file")} hint={t("fileHint")} errors={errors("file")}>
        <input
          id={`${id}-file`}
          name="file"
          type="file"
          accept="application/pdf,.pdf"
          aria-invalid={errors("file") ? true : undefined}
          className="block w-full min-w-0 text-sm file:mr-3 file:rounded-md file:border-0 file:bg-stone-100 file:px-3 file:py-2 file:text-sm file:font-medium"
        />
      </Field>
      <p className="text-xs font-medium text-stone-700">{t("or")}</p>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={`${id}-no`} label={t("invoiceNo")} hint={t("invoiceNoHint")} errors={errors("invoiceNo")}>
          <input
            id={`${id}-no`}
            name="invoiceNo"
            inputMode="numeric"
            autoComplete="off"
            maxLength={20}
            aria-invalid={errors("invoiceNo") ? true : undefined}
            className={`${inputClass} font-mono`}
          />
        </Field>
        <Field id={`${id}-url`} label={t("downloadUrl")} hint={t("downloadUrlHint")} errors={errors("downloadUrl")}>
          <input
            id={`${id}-url`}
            name="downloadUrl"
            type="url"
            inputMode="url"
            autoComplete="off"
            maxLength={500}
            aria-invalid={errors("downloadUrl") ? true : undefined}
            className={inputClass}
          />
        </Field>
      </div>
      <SubmitButton disabled={form.pending}>{t("submit")}</SubmitButton>
      <FormMessage state={state} success={t("done")} />
    </form>
  );
}

export function ReverseInvoiceForm({ invoiceId }: { invoiceId: string }) {
  const t = useTranslations("invoices.console.reverse");
  const id = useId();
  const form = useActionForm(reverseInvoiceAction);
  const state = form.state;
  useRefreshOnSuccess(state?.ok);
  return (
    <form onSubmit={form.onSubmit} noValidate className="space-y-3" data-testid="reverse-form">
      <input type="hidden" name="invoiceId" value={invoiceId} />
      <Field id={`${id}-note`} label={t("note")} errors={fieldErrors(state, "note")}>
        <input id={`${id}-note`} name="note" maxLength={100} autoComplete="off" className={inputClass} />
      </Field>
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="reissue" defaultChecked className="mt-1" />
        {t("reissue")}
      </label>
      <SubmitButton disabled={form.pending}>{t("submit")}</SubmitButton>
      <FormMessage state={state} success={t("done")} />
    </form>
  );
}
