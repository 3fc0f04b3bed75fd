"use client";
// The notification switches of the account page, and the confirm button of an unsubscribe link.
import { useTranslations } from "next-intl";
import { thrownErrorKey, useSubmit } from "@/components/auth/use-submit";
import { FormMessage, SubmitButton } from "@/components/ui/form";
import type { ActionResult } from "@/lib/actions/define";
import { unsubscribeAction, updateNotificationPreferences } from "@/lib/notifications/actions";

type Prefs = Record<string, { EMAIL: boolean; SMS: boolean }>;

const safely = async <T,>(fn: () => Promise<ActionResult<T>>): Promise<ActionResult<T>> => {
  try {
    return await fn();
  } catch (error) {
    return { ok: false, error: thrownErrorKey(error) };
  }
};

export function PreferencesForm({ prefs }: { prefs: Prefs }) {
  const t = useTranslations("notifications");
  const { state, pending, onSubmit, ready } = useSubmit<ActionResult>(async (_p, form) =>
    safely(() => updateNotificationPreferences(form)),
  );
  return (
    <form onSubmit={onSubmit} method="post" className="space-y-4" aria-label={t("title")}>
      {Object.keys(prefs).map((category) => (
        <input key={category} type="hidden" name="categories[]" value={category} />
      ))}
      <table className="w-full text-sm">
        <thead>
          <tr className="text-left text-stone-600">
            <th scope="col" className="py-2 pr-2 font-medium">
              <span className="sr-only">{t("title")}</span>
            </th>
            <th scope="col" className="w-16 py-2 text-center font-medium">
              {t("email")}
            </th>
            <th scope="col" className="w-16 py-2 text-center font-medium">
              {t("sms")}
            </th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(prefs).map(([category, on]) => (
            <tr key={category} className="border-t border-stone-200">
              <th scope="row" className="py-3 pr-2 text-left font-normal text-stone-900" id={`pref-${category}`}>
                {t(`category.${category}`)}
              </th>
              {(["EMAIL", "SMS"] as const).map((channel) => (
                <td key={channel} className="py-3 text-center">
                  <input
                    type="checkbox"
                    name={`${category}.${channel}`}
                    defaultChecked={on[channel]}
                    aria-label={`${t(`category.${category}`)} · ${t(channel === "EMAIL" ? "email" : "sms")}`}
                    className="h-5 w-5 accent-brand-700"
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-xs text-stone-600">{t("smsNote")}</p>
      <FormMessage state={state} success={t("saved")} />
      <SubmitButton disabled={!ready || pending} className="w-full py-2.5 sm:w-auto">
        {pending ? t("saving") : t("save")}
      </SubmitButton>
    </form>
  );
}

export function UnsubscribeForm({ token }: { token: string }) {
  const t = useTranslations("notifications.unsubscribe");
  const { state, pending, onSubmit, ready } = useSubmit<ActionResult>(async (_p, form) => safely(() => unsubscribeAction(form)));
  if (state?.ok) {
    return (
      <p className="rounded-lg bg-leaf-50 px-3 py-2 text-sm text-leaf-700" role="status">
        {t("done")}
      </p>
    );
  }
  return (
    <form onSubmit={onSubmit} method="post" className="space-y-4" aria-label={t("title")}>
      <input type="hidden" name="token" value={token} />
      <FormMessage state={state} />
      <SubmitButton disabled={!ready || pending} className="w-full py-2.5 text-base sm:text-sm">
        {pending ? t("submitting") : t("submit")}
      </SubmitButton>
    </form>
  );
}
