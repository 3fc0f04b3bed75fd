"use client";
// Form primitives for server actions (useActionState). Errors arrive as translation keys
// (ActionResult.error / fieldErrors) and are shown in the user's language under `errors.`.
import { useTranslations } from "next-intl";
import type { ComponentProps, ReactNode } from "react";
import { useFormStatus } from "react-dom";
import type { ActionResult } from "@/lib/actions/define";
import { LabelledField } from "./field";
import { useHydrated } from "./use-hydrated";
import { inputClass } from "./styles";

/** A labelled field with its error messages (translation keys, shown under `errors.`); the control is passed as children. */
export function Field({ errors, ...rest }: ComponentProps<typeof LabelledField>) {
  const t = useTranslations("errors");
  return <LabelledField {...rest} errors={errors?.map((e) => (t.has(e) ? t(e) : e))} />;
}

/** A controlled checkbox with its label beside it. */
export function Checkbox({
  checked,
  onChange,
  children,
  ...rest
}: { checked: boolean; onChange: (checked: boolean) => void; children: ReactNode } & Omit<
  ComponentProps<"input">,
  "checked" | "onChange" | "type"
>) {
  return (
    <label className="flex items-center gap-2 text-sm text-stone-800">
      <input
        type="checkbox"
        checked={checked}
        onChange={(ev) => onChange(ev.target.checked)}
        className="h-5 w-5 accent-brand-700"
        {...rest}
      />
      {children}
    </label>
  );
}

/** An amount in yuan ("12.50"): a text field with the decimal keypad on phones, parsed on the server. */
export function YuanInput({ className = inputClass, ...rest }: Omit<ComponentProps<"input">, "type" | "inputMode">) {
  return <input type="text" inputMode="decimal" autoComplete="off" maxLength={20} className={className} {...rest} />;
}

/**
 * Disabled while the form is submitting, so a double click submits once, and until the page has
 * hydrated: the forms submit through a handler, and a tap before it exists made the browser send
 * the form itself, as a GET with every field in the address (an ID number in the history and the
 * logs) and the clerk's input lost. A disabled default button also stops Enter from submitting.
 */
export function SubmitButton({ children, className = "", disabled, ...rest }: ComponentProps<"button">) {
  const { pending } = useFormStatus();
  const off = !useHydrated() || pending || Boolean(disabled);
  return (
    <button
      type="submit"
      {...rest}
      disabled={off}
      aria-disabled={off}
      className={`rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800 disabled:cursor-wait disabled:opacity-60 ${className}`}
    >
      {children}
    </button>
  );
}

/** The form-level outcome of an action: its error in the user's language, or a success note. */
export function FormMessage({ state, success }: { state: ActionResult | undefined; success?: string }) {
  const t = useTranslations("errors");
  if (!state) return null;
  if (state.ok)
    return success ? (
      <p className="rounded-lg bg-leaf-50 px-3 py-2 text-sm text-leaf-700" role="status">
        {success}
      </p>
    ) : null;
  const key = state.error;
  return (
    <p className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800" role="alert">
      {t.has(key) ? t(key, state.values ?? {}) : t("unexpected")}
    </p>
  );
}

/** The messages of one field from a failed result. */
export function fieldErrors(state: ActionResult | undefined, name: string): string[] | undefined {
  return state && !state.ok ? state.fieldErrors?.[name] : undefined;
}
