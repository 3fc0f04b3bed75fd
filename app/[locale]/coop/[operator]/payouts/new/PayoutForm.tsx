"use client";
// The payout form: household, mechanism, amount in yuan, date paid (not in the future), note,
// and the proof (a photo of the slip or a PDF, up to 10 MB).
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { Field, FormMessage, SubmitButton, fieldErrors } from "@/components/ui/form";
import { PROOF_MAX_BYTES } from "@/lib/benefits/proof";
import { createPayout } from "@/lib/benefits/actions";
import { inputClass } from "@/components/ui/styles";
import { useActionForm } from "@/components/console/use-action-form";

const MECHANISMS = ["DIVIDEND", "WAGE", "LAND_RENT", "PURCHASE"] as const;
const input = inputClass;

function invalid(id: string, errors: string[] | undefined) {
  return errors?.length ? { "aria-invalid": true as const, "aria-describedby": `${id}-error` } : {};
}

export function PayoutForm({
  operatorId,
  households,
  today,
  doneHref,
  initialHouseholdId,
}: {
  operatorId: string;
  households: { id: string; label: string }[];
  today: string;
  doneHref: string;
  initialHouseholdId?: string;
}) {
  const t = useTranslations("benefits.payoutForm");
  const b = useTranslations("benefits");
  const router = useRouter();
  const { state, pending, onSubmit } = useActionForm(createPayout, {
    // Checked here too, so a 30 MB photo is refused before it is sent over a phone connection.
    check: (form) => {
      const proof = form.get("proof");
      if (proof instanceof File && proof.size > PROOF_MAX_BYTES)
        return { ok: false, error: "invalidInput", fieldErrors: { proof: ["payoutProofTooLarge"] } };
      return null;
    },
  });
  const errors = (name: string) => fieldErrors(state, name);

  useEffect(() => {
    if (state?.ok) router.push(doneHref);
  }, [state, router, doneHref]);

  return (
    <form onSubmit={onSubmit} method="post" encType="multipart/form-data" className="space-y-4" aria-label={t("title")} noValidate>
      <input type="hidden" name="operatorId" value={operatorId} />
      <Field id="payout-household" label={t("household")} hint={t("householdHint")} errors={errors("householdId")}>
        <select
          id="payout-household"
          name="householdId"
          defaultValue={initialHouseholdId ?? ""}
          className={input}
          {...invalid("payout-household", errors("householdId"))}
        >
          <option value="">{t("chooseHousehold")}</option>
          {households.map((h) => (
            <option key={h.id} value={h.id}>
              {h.label}
            </option>
          ))}
        </select>
      </Field>
      <Field id="payout-mechanism" label={t("mechanism")} errors={errors("mechanism")}>
        <select id="payout-mechanism" name="mechanism" defaultValue="DIVIDEND" className={input}>
          {MECHANISMS.map((m) => (
            <option key={m} value={m}>
              {b(`mechanism.${m}`)}
            </option>
          ))}
        </select>
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="payout-amount" label={t("amount")} hint={t("amountHint")} errors={errors("amount")}>
          <div className="flex items-center gap-2">
            <span className="text-sm text-stone-700">¥</span>
            <input
              id="payout-amount"
              name="amount"
              inputMode="decimal"
              autoComplete="off"
              placeholder="1200.00"
              className={input}
              {...invalid("payout-amount", errors("amount"))}
            />
          </div>
        </Field>
        <Field id="payout-date" label={t("paidOn")} errors={errors("paidOn")}>
          <input
            id="payout-date"
            name="paidOn"
            type="date"
            defaultValue={today}
            max={today}
            className={input}
            {...invalid("payout-date", errors("paidOn"))}
          />
        </Field>
      </div>
      <Field id="payout-note" label={t("note")} hint={t("noteHint")} errors={errors("note")}>
        <textarea id="payout-note" name="note" rows={2} maxLength={200} className={input} />
      </Field>
      <Field id="payout-proof" label={t("proof")} hint={t("proofHint")} errors={errors("proof")}>
        <input
          id="payout-proof"
          name="proof"
          type="file"
          accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
          className="block w-full text-sm file:mr-3 file:rounded-lg file:border-0 file:bg-stone-100 file:px-3 file:py-2 file:text-sm file:font-medium"
          {...invalid("payout-proof", errors("proof"))}
        />
      </Field>
      <FormMessage state={state} success={t("saved")} />
      <SubmitButton className="w-full py-3 sm:w-auto" disabled={pending}>
        {pending ? t("submitting") : t("submit")}
      </SubmitButton>
    </form>
  );
}
