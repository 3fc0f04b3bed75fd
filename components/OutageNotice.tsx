"use client";
import en from "@/messages/en/outage.json";
import zh from "@/messages/zh-CN/outage.json";

const TEXTS = { "zh-CN": zh.outage, en: en.outage } as const;

/** "Service busy, try again shortly", in the page's language; never the error's own message. */
export function OutageNotice({ locale, digest, onRetry }: { locale: "zh-CN" | "en"; digest?: string; onRetry: () => void }) {
  const t = TEXTS[locale];
  return (
    <div className="mx-auto max-w-lg space-y-4 py-12 text-center" data-testid="outage" role="alert">
      <h1 className="text-2xl font-bold">{t.title}</h1>
      <p className="text-stone-700">{t.body}</p>
      <p className="flex flex-wrap justify-center gap-3">
        <button
          type="button"
          onClick={() => {
            onRetry();
            window.location.reload();
          }}
          className="rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
        >
          {t.retry}
        </button>
        <a
          href={locale === "en" ? "/en" : "/"}
          className="rounded-lg px-4 py-2 text-sm font-semibold text-brand-800 ring-1 ring-stone-300 hover:bg-stone-50"
        >
          {t.home}
        </a>
      </p>
      {digest ? <p className="text-xs text-stone-500">{t.reference.replace("{digest}", digest)}</p> : null}
    </div>
  );
}
