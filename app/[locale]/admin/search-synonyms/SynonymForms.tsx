"use client";
// The admin's synonym rows: each group is a small form (words, save, delete); one empty form adds a group.
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { useActionForm } from "@/components/console/use-action-form";
import type { ActionResult } from "@/lib/actions/define";

type Action = (previous: ActionResult<unknown> | undefined, form: FormData) => Promise<ActionResult<unknown>>;

export interface SynonymLabels {
  words: string;
  save: string;
  delete: string;
  add: string;
  saved: string;
  deleted: string;
  errors: Record<string, string>;
}

function Message({ state, labels, done }: { state: ActionResult<unknown> | undefined; labels: SynonymLabels; done: string }) {
  if (!state) return null;
  if (state.ok)
    return (
      <p className="text-sm text-green-800" role="status">
        {done}
      </p>
    );
  const key = state.fieldErrors ? (Object.values(state.fieldErrors)[0]?.[0] ?? state.error) : state.error;
  return (
    <p className="text-sm text-red-700" role="alert">
      {labels.errors[key] ?? labels.errors.invalidInput}
    </p>
  );
}

export function SynonymRow({
  group,
  save,
  remove,
  labels,
}: {
  group: { id: string; words: string[] } | null;
  save: Action;
  remove: Action;
  labels: SynonymLabels;
}) {
  const router = useRouter();
  const saving = useActionForm(save);
  const deleting = useActionForm(remove);
  useEffect(() => {
    if (saving.state?.ok || deleting.state?.ok) router.refresh();
  }, [saving.state, deleting.state, router]);
  const id = group?.id ?? "new";
  return (
    <li className="rounded-xl bg-white p-3 shadow-sm ring-1 ring-stone-200" data-testid="synonym-group">
      <form onSubmit={saving.onSubmit} className="flex flex-wrap items-end gap-2">
        {group ? <input type="hidden" name="id" value={group.id} /> : null}
        <div className="min-w-0 flex-1">
          <label htmlFor={`syn-${id}`} className="mb-1 block text-xs font-medium text-stone-700">
            {group ? labels.words : labels.add}
          </label>
          <input
            id={`syn-${id}`}
            name="words"
            defaultValue={group?.words.join(" ") ?? ""}
            maxLength={400}
            className="w-full rounded-lg border border-stone-300 px-3 py-2 text-sm"
          />
        </div>
        <button
          type="submit"
          disabled={!saving.ready || saving.pending}
          className="rounded-lg bg-brand-700 px-3 py-2 text-sm font-semibold text-white hover:bg-brand-800"
        >
          {group ? labels.save : labels.add}
        </button>
      </form>
      {group ? (
        <form onSubmit={deleting.onSubmit} className="mt-2">
          <input type="hidden" name="id" value={group.id} />
          <button type="submit" disabled={!deleting.ready || deleting.pending} className="text-sm text-red-700 underline">
            {labels.delete}
          </button>
        </form>
      ) : null}
      <Message state={saving.state} labels={labels} done={labels.saved} />
      <Message state={deleting.state} labels={labels} done={labels.deleted} />
    </li>
  );
}
