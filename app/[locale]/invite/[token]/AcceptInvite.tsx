"use client";
// Accepts the invitation and opens the operator's console, or the buyer organisation's page.
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import { acceptInviteAction } from "@/lib/operators/team-actions";
import { localizedPath, type Locale } from "@/lib/i18n/locales";
import { useActionForm } from "@/components/console/use-action-form";

export function AcceptInvite({ token, operator, acceptedNow }: { token: string; operator: string; acceptedNow?: string }) {
  const t = useTranslations("coop.invite");
  const locale = useLocale() as Locale;
  const router = useRouter();
  const { state, pending, onSubmit } = useActionForm(acceptInviteAction);

  useEffect(() => {
    if (!state?.ok) return;
    const data = state.data;
    router.replace(localizedPath(locale, "operatorSlug" in data ? `/coop/${data.operatorSlug}` : `/org/${data.organisationId}`));
  }, [state, router, locale]);

  return (
    <form onSubmit={onSubmit} method="post" className="space-y-3">
      <input type="hidden" name="token" value={token} />
      <FormMessage state={state} success={acceptedNow ?? t("acceptedNow", { operator })} />
      <SubmitButton className="w-full py-3" disabled={pending || state?.ok}>
        {pending ? t("accepting") : t("accept")}
      </SubmitButton>
    </form>
  );
}
