"use client";
// The search box in the header of every storefront page. A plain GET form to /products (works
// without JavaScript); with it, suggestions as you type (/api/search/suggest, cached, debounced)
// and the last searches of this browser (localStorage) when the box is empty.
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { localizedPath, type Locale } from "@/lib/i18n/locales";
import { forget, readRecent, remember } from "./recent";

export interface HeaderSearchLabels {
  label: string;
  placeholder: string;
  submit: string;
  recent: string;
  clearRecent: string;
  suggestions: string;
}

type Option = { kind: "recent"; text: string } | { kind: "product"; text: string; slug: string };

export function HeaderSearch({ locale, labels, initial = "" }: { locale: Locale; labels: HeaderSearchLabels; initial?: string }) {
  const id = useId();
  const listId = `${id}-list`;
  const [value, setValue] = useState(initial);
  const [open, setOpen] = useState(false);
  const [options, setOptions] = useState<Option[]>([]);
  const [active, setActive] = useState(-1);
  const form = useRef<HTMLFormElement>(null);
  const action = localizedPath(locale, "/products");
  const router = useRouter();

  // Suggestions for what is typed (recent searches for an empty box are set by the handlers below).
  useEffect(() => {
    const q = value.trim();
    if (!open || !q) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/api/search/suggest?q=${encodeURIComponent(q)}`, { signal: controller.signal });
        if (!response.ok) return;
        const rows = (await response.json()) as [string, string, string][];
        setOptions(rows.map(([slug, zh, en]) => ({ kind: "product", slug, text: locale === "en" ? en : zh })));
        setActive(-1);
      } catch {
        // Aborted by the next keystroke, or offline: no suggestions.
      }
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [value, open, locale]);

  const showRecent = () => {
    setOptions(readRecent().map((text) => ({ kind: "recent", text })));
    setActive(-1);
  };

  function go(option: Option) {
    setOpen(false);
    if (option.kind === "product") {
      remember(value.trim() || option.text);
      router.push(localizedPath(locale, `/products/${option.slug}`));
    } else {
      setValue(option.text);
      remember(option.text);
      router.push(`${action}?q=${encodeURIComponent(option.text)}`);
    }
  }

  function onKeyDown(event: React.KeyboardEvent<HTMLInputElement>) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!options.length) return;
      event.preventDefault();
      setOpen(true);
      const step = event.key === "ArrowDown" ? 1 : -1;
      // -1 is the box itself; past either end wraps round.
      setActive((i) => {
        const next = i + step;
        return next < -1 ? options.length - 1 : next >= options.length ? -1 : next;
      });
    } else if (event.key === "Escape") {
      setOpen(false);
    } else if (event.key === "Enter" && open && active >= 0 && options[active]) {
      event.preventDefault();
      go(options[active]!);
    }
  }

  const showList = open && options.length > 0;
  const recentShown = showList && options[0]?.kind === "recent";

  return (
    <form
      ref={form}
      action={action}
      method="get"
      role="search"
      className="relative flex w-full"
      onSubmit={(event) => {
        const q = value.trim();
        if (!q) {
          // An empty search is the whole catalogue, without an empty "q=" in the address.
          event.preventDefault();
          router.push(action);
          return;
        }
        remember(q);
      }}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <label htmlFor={`${id}-q`} className="sr-only">
        {labels.label}
      </label>
      <input
        id={`${id}-q`}
        name="q"
        type="search"
        value={value}
        maxLength={40}
        autoComplete="off"
        enterKeyHint="search"
        placeholder={labels.placeholder}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && active >= 0 ? `${listId}-${active}` : undefined}
        onChange={(event) => {
          setValue(event.target.value);
          setOpen(true);
          if (!event.target.value.trim()) showRecent();
        }}
        onFocus={() => {
          setOpen(true);
          if (!value.trim()) showRecent();
        }}
        onKeyDown={onKeyDown}
        className="h-9 min-w-0 flex-1 rounded-l-lg border border-r-0 border-stone-300 bg-white px-3 text-sm text-stone-900 placeholder:text-stone-500 focus:border-brand-700 focus:outline-none focus:ring-2 focus:ring-brand-700/30"
        data-testid="header-search"
      />
      <button type="submit" className="h-9 shrink-0 rounded-r-lg bg-brand-700 px-3 text-sm font-semibold text-white hover:bg-brand-800">
        <svg aria-hidden viewBox="0 0 24 24" className="h-4 w-4" fill="none" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round">
          <circle cx="11" cy="11" r="7" />
          <path d="m20 20-3.5-3.5" />
        </svg>
        <span className="sr-only">{labels.submit}</span>
      </button>
      <div
        className={`absolute left-0 right-0 top-10 z-50 rounded-lg bg-white py-1 shadow-lg ring-1 ring-stone-200 ${showList ? "" : "hidden"}`}
      >
        <p className="px-3 pb-1 pt-1.5 text-xs font-medium text-stone-600" id={`${listId}-title`}>
          {recentShown ? labels.recent : labels.suggestions}
        </p>
        <ul id={listId} role="listbox" aria-labelledby={`${listId}-title`} className="max-h-80 overflow-y-auto">
          {options.map((option, i) => (
            <li
              key={`${option.kind}-${option.kind === "product" ? option.slug : option.text}`}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={`cursor-pointer px-3 py-2 text-sm text-stone-900 ${i === active ? "bg-brand-50" : "hover:bg-stone-100"}`}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => go(option)}
              data-testid="search-option"
            >
              {option.text}
            </li>
          ))}
        </ul>
        {recentShown ? (
          <button
            type="button"
            className="block w-full px-3 py-1.5 text-left text-xs text-stone-600 underline"
            onClick={() => {
              forget();
              setOptions([]);
            }}
          >
            {labels.clearRecent}
          </button>
        ) : null}
      </div>
    </form>
  );
}
