"use client";
// Submits a form through a server action without React's automatic form reset, so after a
// refusal the clerk sees what they typed and fixes only the marked field. A failed request
// (offline, server down) becomes a message instead of an error page.
import { startTransition, useActionState, type FormEvent } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { ActionResult } from "@/lib/actions/define";

export function useActionForm<T>(
  action: (previous: ActionResult<T> | undefined, form: FormData) => Promise<ActionResult<T>>,
  options: { confirm?: () => boolean; check?: (form: FormData) => ActionResult<T> | null } = {},
) {
  const [state, dispatch, pending] = useActionState<ActionResult<T> | undefined, FormData>(async (previous, form) => {
    const refused = options.check?.(form);
    if (refused) return refused;
    try {
      return await action(previous, form);
    } catch (error) {
      const offline = error instanceof TypeError || (typeof navigator !== "undefined" && navigator.onLine === false);
      return { ok: false, error: offline ? "network" : "unexpected" };
    }
  }, undefined);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    if (options.confirm && !options.confirm()) return;
    const form = new FormData(event.currentTarget);
    startTransition(() => dispatch(form));
  };
  // A form's own submit button (not SubmitButton, which does this itself) stays disabled until
  // `ready`: before hydration onSubmit does not exist and the browser would send the form as a GET.
  const ready = useHydrated();
  return { state, pending, ready, onSubmit };
}
