import type { ReactNode } from "react";

export function Breadcrumb({ label, items }: { label: string; items: { key: string; node: ReactNode }[] }) {
  return (
    <nav aria-label={label}>
      <ol className="flex flex-wrap items-center gap-x-1.5 gap-y-1 text-sm text-stone-700">
        {items.map((item, i) => (
          <li key={item.key} className="flex items-center gap-1.5">
            {i > 0 ? (
              <span aria-hidden className="text-stone-400">
                ›
              </span>
            ) : null}
            {item.node}
          </li>
        ))}
      </ol>
    </nav>
  );
}
