"use client";
// "Sign out all other devices": every other session of this account ends at its next request;
// this one is re-issued under the new session version and carries on.
import { useTranslations } from "next-intl";
import { FormMessage } from "@/components/ui/form";
import type { ActionResult } from "@/lib/actions/define";
import { endOtherSessions } from "@/lib/accounts/actions";
import { thrownErrorKey, useSubmit } from "./use-submit";

export function EndOtherSessionsButton() {
  const t = useTranslations("security.sessions");
  const { state, pending, onSubmit, ready } = useSubmit<ActionResult>(async () => {
    try {
      return await endOtherSessions({});
    } catch (error) {
      return { ok: false, error: thrownErrorKey(error) };
    }
  });
  return (
    <form onSubmit={onSubmit} className="space-y-2" data-testid="end-other-sessions">
      <button
        type="submit"
        disabled={!ready || pending}
        aria-disabled={!ready || pending}
        className="rounded-lg px-4 py-2 text-sm font-semibold text-stone-800 ring-1 ring-stone-300 hover:bg-stone-50 disabled:cursor-wait disabled:opacity-60"
      >
        {pending ? t("ending") : t("endOthers")}
      </button>
      <FormMessage state={state} success={t("ended")} />
    </form>
  );
}
