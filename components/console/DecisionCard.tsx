import type { ReactNode } from "react";

/** One decision an officer or admin can take on a page (recommend, approve, return, reject…). */
export function DecisionCard({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  return (
    <section className="space-y-2 rounded-xl bg-white p-4 ring-1 ring-stone-200">
      <h2 className="font-semibold">{title}</h2>
      {hint ? <p className="text-sm text-stone-700">{hint}</p> : null}
      {children}
    </section>
  );
}
