"use client";
// Invite a colleague by e-mail (the link appears here, with a copy button) and revoke an
// invitation not yet accepted: a cooperative's team (the default actions) or a buyer organisation's
// members (its own actions, with the organisation's id in `hidden`).
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Field, FormMessage, SubmitButton, fieldErrors } from "@/components/ui/form";
import { createInvite, revokeInvite } from "@/lib/operators/team-actions";
import { localizedPath, type Locale } from "@/lib/i18n/locales";
import { DangerButton } from "@/components/console/DangerButton";
import { inputClass } from "@/components/ui/styles";
import { useActionForm } from "@/components/console/use-action-form";
import type { ServerAction } from "@/lib/actions/define.server";

type InviteAction = ServerAction<{ email: string; token: string; expiresAt: string }>;

function HiddenInputs({ values }: { values: Record<string, string> }) {
  return Object.entries(values).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />);
}

export function InviteForm({
  operatorId,
  origin,
  locale,
  action = createInvite as InviteAction,
  hidden,
}: {
  operatorId?: string;
  origin: string;
  locale: Locale;
  action?: InviteAction;
  hidden?: Record<string, string>;
}) {
  const t = useTranslations("coop.team");
  const router = useRouter();
  const { state, pending, onSubmit } = useActionForm(action);
  const errors = fieldErrors(state, "email");
  const form = useRef<HTMLFormElement>(null);
  const created = state?.ok ? state.data : null;
  const link = created ? `${origin}${localizedPath(locale, `/invite/${created.token}`)}` : "";

  useEffect(() => {
    if (created) {
      form.current?.reset();
      router.refresh();
    }
  }, [created, router]);

  return (
    <div className="space-y-3">
      <form ref={form} onSubmit={onSubmit} method="post" className="space-y-3" noValidate>
        <HiddenInputs values={hidden ?? { operatorId: operatorId ?? "" }} />
        <Field id="invite-email" label={t("email")} hint={t("emailHint")} errors={errors}>
          <input
            id="invite-email"
            name="email"
            type="email"
            inputMode="email"
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={320}
            className={inputClass}
            aria-invalid={errors ? true : undefined}
            aria-describedby={errors ? "invite-email-error" : undefined}
          />
        </Field>
        {state && !state.ok ? <FormMessage state={state} /> : null}
        <SubmitButton disabled={pending}>{pending ? t("inviting") : t("invite")}</SubmitButton>
      </form>
      {created ? <InviteLink link={link} email={created.email} expiresAt={created.expiresAt} /> : null}
    </div>
  );
}

function InviteLink({ link, email, expiresAt }: { link: string; email: string; expiresAt: string }) {
  const t = useTranslations("coop.team");
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  const field = useRef<HTMLInputElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied("yes");
    } catch {
      // No clipboard (plain http on a phone, or refused): select the text so it can be copied by hand.
      field.current?.select();
      setCopied("no");
    }
  };
  const date = new Date(new Date(expiresAt).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  return (
    <div className="space-y-2 rounded-lg bg-leaf-50 p-3 ring-1 ring-leaf-600/20" role="status" data-testid="invite-link">
      <p className="text-sm font-medium text-leaf-700">{t("created", { email, date })}</p>
      <label htmlFor="invite-link" className="sr-only">
        {t("linkLabel")}
      </label>
      <input
        ref={field}
        id="invite-link"
        readOnly
        value={link}
        onFocus={(e) => e.currentTarget.select()}
        className={`${inputClass} font-mono`}
      />
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={copy}
          className="rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
        >
          {t("copy")}
        </button>
        <span className="text-sm text-stone-700" aria-live="polite">
          {copied === "yes" ? t("copied") : copied === "no" ? t("copyByHand") : ""}
        </span>
      </div>
      <p className="text-xs text-stone-600">{t("linkOnce")}</p>
    </div>
  );
}

export function RevokeInvite({
  inviteId,
  email,
  action = revokeInvite as ServerAction<unknown>,
  hidden = {},
}: {
  inviteId: string;
  email: string;
  action?: ServerAction<unknown>;
  hidden?: Record<string, string>;
}) {
  const t = useTranslations("coop.team");
  const router = useRouter();
  const { state, pending, onSubmit } = useActionForm(action, { confirm: () => window.confirm(t("revokeConfirm", { email })) });
  useEffect(() => {
    if (state?.ok) router.refresh();
  }, [state, router]);
  return (
    <form onSubmit={onSubmit} method="post" className="flex items-center gap-2">
      <input type="hidden" name="inviteId" value={inviteId} />
      <HiddenInputs values={hidden} />
      {state && !state.ok ? <FormMessage state={state} /> : null}
      <DangerButton disabled={pending} aria-label={t("revokeLabel", { email })}>
        {t("revoke")}
      </DangerButton>
    </form>
  );
}
