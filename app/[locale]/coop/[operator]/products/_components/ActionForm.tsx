"use client";
// A one-button form running a server action (submit, list, delist, duplicate, move a photo…):
// disabled while it runs, so a double tap acts once; the refusal, if any, shown beside it.
import { useLocale } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, type ReactNode } from "react";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import type { ServerAction } from "@/lib/actions/define.server";
import { localizedPath, type Locale } from "@/lib/i18n/locales";
import { useKeptAction } from "./kept";

export function ActionForm<T>({
  action,
  fields,
  label,
  children,
  confirm,
  successPath,
  success,
  variant = "secondary",
  className = "",
  testId,
}: {
  action: ServerAction<T>;
  fields: Record<string, string>;
  /** Accessible name of the button when its text is only a symbol. */
  label?: string;
  children: ReactNode;
  /** Asked before acting (e.g. removing a photo). */
  confirm?: string;
  /** After success, go to this app path; "{id}" is replaced by the result's id. Otherwise the page refreshes. */
  successPath?: string;
  success?: string;
  variant?: "primary" | "secondary" | "danger" | "icon";
  className?: string;
  testId?: string;
}) {
  const [state, run] = useKeptAction(action);
  const router = useRouter();
  const locale = useLocale() as Locale;
  useEffect(() => {
    if (!state?.result.ok) return;
    const data = state.result.data as { id?: string } | undefined;
    if (successPath) router.push(localizedPath(locale, successPath.replace("{id}", data?.id ?? "")));
    else router.refresh();
  }, [state, successPath, router, locale]);

  const look = {
    primary: "",
    secondary: "bg-white! text-brand-800! ring-1 ring-inset ring-brand-700/40 hover:bg-brand-50!",
    danger: "bg-white! text-red-800! ring-1 ring-inset ring-red-700/40 hover:bg-red-50!",
    icon: "bg-white! px-2.5! py-1.5! text-stone-800! ring-1 ring-inset ring-stone-300 hover:bg-stone-100!",
  }[variant];

  return (
    <form
      action={run}
      className={className}
      data-testid={testId}
      onSubmit={(event) => {
        if (confirm && !window.confirm(confirm)) event.preventDefault();
      }}
    >
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <SubmitButton aria-label={label} title={label} className={look}>
        {children}
      </SubmitButton>
      {state && !state.result.ok ? (
        <div className="mt-2">
          <FormMessage state={state.result} />
        </div>
      ) : null}
      {state?.result.ok && success ? (
        <div className="mt-2">
          <FormMessage state={state.result} success={success} />
        </div>
      ) : null}
    </form>
  );
}
