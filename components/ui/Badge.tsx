import type { ReactNode } from "react";

const tones = {
  certified: "bg-leaf-50 text-leaf-700 ring-leaf-600/30",
  neutral: "bg-stone-100 text-stone-700 ring-stone-400/30",
  gi: "bg-amber-50 text-amber-900 ring-amber-600/30",
  warn: "bg-red-50 text-red-800 ring-red-600/30",
} as const;

export function Badge({ tone = "neutral", title, children }: { tone?: keyof typeof tones; title?: string; children: ReactNode }) {
  return (
    <span
      title={title}
      className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${tones[tone]}`}
    >
      {children}
    </span>
  );
}
