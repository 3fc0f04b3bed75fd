"use client";
// Submits a form through an action without React's automatic form reset, so that after an error
// the person sees what they typed and only has to fix the marked field.
import { startTransition, useActionState, type FormEvent } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";

export function useSubmit<S>(action: (previous: S | undefined, form: FormData) => Promise<S>) {
  const [state, dispatch, pending] = useActionState<S | undefined, FormData>(action, undefined);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    const form = new FormData(event.currentTarget);
    startTransition(() => dispatch(form));
  };
  // Until the page has hydrated, submitting would post the form to the page itself and be lost:
  // forms keep their button disabled until `ready`.
  const ready = useHydrated();
  return { state, pending, onSubmit, ready };
}

/** What a failed request to the server becomes: offline is worth telling apart. */
export function thrownErrorKey(error: unknown): "network" | "unexpected" {
  return error instanceof TypeError || (typeof navigator !== "undefined" && navigator.onLine === false) ? "network" : "unexpected";
}
