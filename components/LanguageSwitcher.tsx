"use client";
import { usePathname, useSearchParams } from "next/navigation";
import { Suspense } from "react";
import type { Locale } from "@/lib/i18n/locales";

// Links to the same page in the other language. A full page load, so the proxy can remember
// the choice in its cookie. /zh-CN/… is the proxy's way back to unprefixed Chinese URLs.
function switchedHref(current: Locale, pathname: string, search: string) {
  const bare = current === "en" ? pathname.replace(/^\/en(?=\/|$)/, "") || "/" : pathname;
  const target = current === "en" ? `/zh-CN${bare === "/" ? "" : bare}` : `/en${bare === "/" ? "" : bare}`;
  return search ? `${target}?${search}` : target;
}

function SwitchLink({ locale, label, title, withSearch }: { locale: Locale; label: string; title: string; withSearch: boolean }) {
  const pathname = usePathname() ?? "/";
  const search = useSearchParams();
  return (
    <a
      href={switchedHref(locale, pathname, withSearch ? (search?.toString() ?? "") : "")}
      hrefLang={locale === "en" ? "zh-CN" : "en"}
      lang={locale === "en" ? "zh-CN" : "en"}
      title={title}
      aria-label={title}
      className="whitespace-nowrap rounded-md px-2 py-1 text-sm font-medium text-stone-700 ring-1 ring-stone-300 hover:bg-stone-100"
      data-testid="language-switch"
    >
      {label}
    </a>
  );
}

function PathOnly(props: { locale: Locale; label: string; title: string }) {
  const pathname = usePathname() ?? "/";
  return (
    <a
      href={switchedHref(props.locale, pathname, "")}
      title={props.title}
      aria-label={props.title}
      className="whitespace-nowrap rounded-md px-2 py-1 text-sm font-medium text-stone-700 ring-1 ring-stone-300 hover:bg-stone-100"
      data-testid="language-switch"
    >
      {props.label}
    </a>
  );
}

export function LanguageSwitcher(props: { locale: Locale; label: string; title: string }) {
  return (
    <Suspense fallback={<PathOnly {...props} />}>
      <SwitchLink {...props} withSearch />
    </Suspense>
  );
}
