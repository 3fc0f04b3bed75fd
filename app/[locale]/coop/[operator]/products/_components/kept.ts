"use client";
// useActionState for the console's forms, keeping what the clerk typed when the server refuses it
// (React resets a form after its action; the fields take their defaults from the last submission).
import { useActionState } from "react";
import type { ActionResult } from "@/lib/actions/define";
import type { ServerAction } from "@/lib/actions/define.server";

export interface Kept<T> {
  result: ActionResult<T>;
  /** The text fields as submitted, to refill the form after a refusal. */
  values: Record<string, string>;
  /** Changes with every submission: a key for remounting the fields. */
  round: number;
}

export function submittedValues(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of form.entries()) if (typeof value === "string" && !(key in out)) out[key] = value;
  return out;
}

export function useKeptAction<T>(action: ServerAction<T>) {
  return useActionState<Kept<T> | undefined, FormData>(async (previous, form) => {
    let result: ActionResult<T>;
    try {
      result = await action(undefined, form);
    } catch {
      // The request itself failed (connection lost, body too large): nothing was changed.
      result = { ok: false, error: "network" };
    }
    return { result, values: submittedValues(form), round: (previous?.round ?? 0) + 1 };
  }, undefined);
}
