"use client";
// The officer's forms on a household's page: reveal the ID number (with a reason; shown once, on
// this screen only) and change the status (with an effective date and an optional note). After
// either, the page refreshes so the history lists the new row.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { Field, fieldErrors, FormMessage, SubmitButton } from "@/components/ui/form";
import type { ServerAction } from "@/lib/actions/define.server";
import { inputClass } from "@/components/ui/styles";
import { useActionForm } from "@/components/console/use-action-form";

function useRefreshOnSuccess(ok: boolean | undefined, state: unknown) {
  const router = useRouter();
  useEffect(() => {
    if (ok) router.refresh();
  }, [ok, state, router]);
}

export function RevealForm({ action, householdId }: { action: ServerAction<{ idNumber: string }>; householdId: string }) {
  const t = useTranslations("office.households");
  const { state, pending, onSubmit } = useActionForm(action);
  useRefreshOnSuccess(state?.ok, state);
  const errors = fieldErrors(state, "reason");
  return (
    <form onSubmit={onSubmit} className="space-y-3" data-testid="reveal-form" aria-busy={pending}>
      <input type="hidden" name="householdId" value={householdId} />
      <Field id="reveal-reason" label={t("revealReason")} hint={t("revealHint")} errors={errors}>
        <input
          id="reveal-reason"
          name="reason"
          maxLength={200}
          autoComplete="off"
          aria-invalid={errors ? true : undefined}
          aria-describedby={errors ? "reveal-reason-error" : undefined}
          className={inputClass}
        />
      </Field>
      <FormMessage state={state && !state.ok && state.error !== "invalidInput" ? state : undefined} />
      {state?.ok ? (
        <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-950" role="status">
          {t("revealed")}{" "}
          <span className="font-mono text-base font-semibold tracking-wide" data-testid="revealed-id">
            {state.data.idNumber}
          </span>
        </p>
      ) : null}
      <SubmitButton disabled={pending}>{t("revealSubmit")}</SubmitButton>
    </form>
  );
}

export function StatusForm({
  action,
  householdId,
  current,
  today,
  statuses,
}: {
  action: ServerAction<unknown>;
  householdId: string;
  current: string;
  today: string;
  statuses: { value: string; label: string }[];
}) {
  const t = useTranslations("office.households");
  const { state, pending, onSubmit } = useActionForm(action);
  useRefreshOnSuccess(state?.ok, state);
  const statusErrors = fieldErrors(state, "status");
  const dateErrors = fieldErrors(state, "effectiveOn");
  const noteErrors = fieldErrors(state, "note");
  return (
    <form onSubmit={onSubmit} className="space-y-3" data-testid="status-form" aria-busy={pending}>
      <input type="hidden" name="householdId" value={householdId} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="status-new" label={t("newStatus")} errors={statusErrors}>
          <select id="status-new" name="status" defaultValue={statuses.find((s) => s.value !== current)?.value} className={inputClass}>
            {statuses.map((s) => (
              <option key={s.value} value={s.value} disabled={s.value === current}>
                {s.label}
              </option>
            ))}
          </select>
        </Field>
        <Field id="status-date" label={t("effectiveOn")} hint={t("effectiveHint")} errors={dateErrors}>
          <input
            id="status-date"
            name="effectiveOn"
            type="date"
            required
            defaultValue={today}
            max={today}
            min="2014-01-01"
            aria-invalid={dateErrors ? true : undefined}
            aria-describedby={dateErrors ? "status-date-error" : undefined}
            className={inputClass}
          />
        </Field>
      </div>
      <Field id="status-note" label={t("statusNote")} errors={noteErrors}>
        <input
          id="status-note"
          name="note"
          maxLength={200}
          autoComplete="off"
          aria-invalid={noteErrors ? true : undefined}
          className={inputClass}
        />
      </Field>
      <FormMessage
        state={state && !(state.ok === false && state.error === "invalidInput") ? state : undefined}
        success={t("statusSaved")}
      />
      <SubmitButton disabled={pending}>{t("statusSubmit")}</SubmitButton>
    </form>
  );
}
