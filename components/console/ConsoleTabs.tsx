"use client";
// The console's sections as tabs. On a phone they scroll sideways (no wrapping, no hidden
// menu), and the current one is scrolled into view.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

export interface ConsoleTab {
  href: string;
  label: string;
  /** The overview tab is current only on its own path; the others also on their sub-pages. */
  exact?: boolean;
}

export function ConsoleTabs({ tabs, label }: { tabs: ConsoleTab[]; label: string }) {
  const pathname = usePathname() ?? "";
  const current = useRef<HTMLAnchorElement>(null);
  const isCurrent = (tab: ConsoleTab) => (tab.exact ? pathname === tab.href : pathname === tab.href || pathname.startsWith(`${tab.href}/`));

  useEffect(() => {
    current.current?.scrollIntoView({ block: "nearest", inline: "nearest" });
  }, [pathname]);

  return (
    <nav aria-label={label} className="-mx-4 overflow-x-auto px-4 [scrollbar-width:none] sm:mx-0 sm:px-0">
      <ul className="flex min-w-max gap-1 border-b border-stone-200">
        {tabs.map((tab) => {
          const active = isCurrent(tab);
          return (
            <li key={tab.href}>
              <Link
                ref={active ? current : undefined}
                href={tab.href}
                aria-current={active ? "page" : undefined}
                className={`-mb-px block whitespace-nowrap border-b-2 px-3 py-2.5 text-sm font-medium ${
                  active
                    ? "border-brand-700 text-brand-800"
                    : "border-transparent text-stone-700 hover:border-stone-300 hover:text-stone-900"
                }`}
              >
                {tab.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
