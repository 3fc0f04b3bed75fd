"use client";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { Field, FormMessage, SubmitButton, fieldErrors } from "@/components/ui/form";
import type { ActionResult } from "@/lib/actions/define";
import { changePassword } from "@/lib/accounts/actions";
import { TextInput } from "./fields";
import { thrownErrorKey, useSubmit } from "./use-submit";

export function ChangePasswordForm({ email }: { email: string }) {
  const t = useTranslations("auth.account");
  const formRef = useRef<HTMLFormElement>(null);
  const { state, pending, onSubmit, ready } = useSubmit<ActionResult>(async (_previous, form) => {
    try {
      return await changePassword(form);
    } catch (error) {
      return { ok: false, error: thrownErrorKey(error) };
    }
  });
  // Clear the three fields once the change went through; keep them after an error.
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state]);

  const errors = (name: string) => fieldErrors(state, name);
  return (
    <form ref={formRef} onSubmit={onSubmit} method="post" noValidate className="space-y-4" aria-labelledby="password-title">
      {/* Lets password managers file the new password under the right account. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <Field id="current-password" label={t("currentPassword")} errors={errors("currentPassword")}>
        <TextInput
          id="current-password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          errors={errors("currentPassword")}
        />
      </Field>
      <Field id="new-password" label={t("newPassword")} hint={t("newPasswordHint")} errors={errors("newPassword")}>
        <TextInput
          id="new-password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          errors={errors("newPassword")}
        />
      </Field>
      <Field id="new-password-confirm" label={t("newPasswordConfirm")} errors={errors("newPasswordConfirm")}>
        <TextInput
          id="new-password-confirm"
          name="newPasswordConfirm"
          type="password"
          autoComplete="new-password"
          required
          errors={errors("newPasswordConfirm")}
        />
      </Field>
      <FormMessage state={state} success={t("changed")} />
      <SubmitButton disabled={!ready || pending}>{pending ? t("changing") : t("changeSubmit")}</SubmitButton>
    </form>
  );
}
