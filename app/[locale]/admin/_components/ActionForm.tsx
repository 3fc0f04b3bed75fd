"use client";
// One small form for the many admin and office decisions: hidden ids, a few described fields, a
// submit button; errors by field and for the form in the user's language; the page refreshes on
// success (and a success note is shown).
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { Field, fieldErrors, FormMessage, SubmitButton } from "@/components/ui/form";
import { inputClass } from "@/components/ui/styles";
import type { ServerAction } from "@/lib/actions/define.server";
import { useActionForm } from "@/components/console/use-action-form";

export type FieldSpec =
  | {
      name: string;
      label: string;
      kind: "text" | "email" | "password" | "date" | "month" | "number" | "tel";
      hint?: string;
      required?: boolean;
      defaultValue?: string;
      maxLength?: number;
    }
  | { name: string; label: string; kind: "textarea"; hint?: string; required?: boolean; defaultValue?: string; maxLength?: number }
  | {
      name: string;
      label: string;
      kind: "select";
      hint?: string;
      required?: boolean;
      defaultValue?: string;
      options: { value: string; label: string }[];
    }
  | { name: string; label: string; kind: "file"; hint?: string; required?: boolean };

export function ActionForm({
  action,
  hidden = {},
  fields = [],
  submit,
  success,
  confirm,
  danger = false,
  testId,
  idPrefix,
  inline = false,
}: {
  action: ServerAction<unknown>;
  hidden?: Record<string, string>;
  fields?: FieldSpec[];
  submit: string;
  success?: string;
  confirm?: string;
  danger?: boolean;
  testId?: string;
  idPrefix: string;
  inline?: boolean;
}) {
  const t = useTranslations("errors");
  const router = useRouter();
  const { state, pending, onSubmit } = useActionForm(action, { confirm: confirm ? () => window.confirm(confirm) : undefined });
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  return (
    <form onSubmit={onSubmit} className={inline ? "flex flex-wrap items-end gap-2" : "space-y-3"} data-testid={testId} aria-busy={pending}>
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      {fields.map((f) => {
        const id = `${idPrefix}-${f.name}`;
        const errors = fieldErrors(state, f.name);
        const aria = errors ? { "aria-invalid": true as const, "aria-describedby": `${id}-error` } : {};
        return (
          <Field key={f.name} id={id} label={f.label} hint={f.hint} errors={errors}>
            {f.kind === "textarea" ? (
              <textarea
                id={id}
                name={f.name}
                rows={3}
                required={f.required}
                maxLength={f.maxLength}
                defaultValue={f.defaultValue}
                className={inputClass}
                {...aria}
              />
            ) : f.kind === "select" ? (
              <select id={id} name={f.name} required={f.required} defaultValue={f.defaultValue} className={inputClass} {...aria}>
                {f.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            ) : f.kind === "file" ? (
              <input
                id={id}
                name={f.name}
                type="file"
                accept="application/pdf,image/jpeg,image/png"
                required={f.required}
                className="block w-full text-sm"
                {...aria}
              />
            ) : (
              <input
                id={id}
                name={f.name}
                type={f.kind}
                required={f.required}
                maxLength={"maxLength" in f ? f.maxLength : undefined}
                defaultValue={f.defaultValue}
                className={inputClass}
                {...aria}
              />
            )}
          </Field>
        );
      })}
      <FormMessage state={state && !(state.ok === false && state.error === "invalidInput") ? state : undefined} success={success} />
      {state &&
      !state.ok &&
      state.error === "invalidInput" &&
      Object.keys(state.fieldErrors ?? {}).some((k) => !fields.some((f) => f.name === k)) ? (
        <p className="text-sm text-red-700" role="alert">
          {t("invalidInput")}
        </p>
      ) : null}
      <SubmitButton
        disabled={pending}
        className={danger ? "bg-white! text-red-800! ring-1 ring-inset ring-red-700/40 hover:bg-red-50!" : ""}
      >
        {submit}
      </SubmitButton>
    </form>
  );
}
