"use client";
// Accepts the invitation and opens the operator's console.
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { acceptInviteAction } from "@/lib/operators/team-actions";
import { localizedPath, type Locale } from "@/lib/i18n/locales";
import { useActionForm } from "@/components/console/use-action-form";

export function AcceptInvite({ token, operator }: { token: string; operator: string }) {
  const t = useTranslations("coop.invite");
  const locale = useLocale() as Locale;
  const router = useRouter();
  const { state, pending, onSubmit } = useActionForm(acceptInviteAction);

  useEffect(() => {
    if (state?.ok) router.replace(localizedPath(locale, `/coop/${state.data.operatorSlug}`));
  }, [state, router, locale]);

  return (
    <form onSubmit={onSubmit} method="post" className="space-y-3">
      <input type="hidden" name="token" value={token} />
      <FormMessage state={state} success={t("acceptedNow", { operator })} />
      <SubmitButton className="w-full py-3" disabled={pending || state?.ok}>
        {pending ? t("accepting") : t("accept")}
      </SubmitButton>
    </form>
  );
}
