"use client";
// On the buyer's order page, under the impact receipt: make the share card (a public page with a
// preview image), then open it or copy its link. The card names no buyer, address or household.
import { useLocale, useTranslations } from "next-intl";
import { useState, useTransition } from "react";
import { makeShareCard } from "@/lib/trace/actions";

export function ShareCardOffer({ number }: { number: string }) {
  const t = useTranslations("share");
  const e = useTranslations("errors");
  const locale = useLocale();
  const [pending, startTransition] = useTransition();
  const [url, setUrl] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const make = () =>
    startTransition(async () => {
      setError(null);
      try {
        const form = new FormData();
        form.set("number", number);
        const result = await makeShareCard(undefined, form);
        if (result.ok) setUrl(`${window.location.origin}${locale === "en" ? "/en" : ""}${result.data.path}`);
        else setError(e.has(result.error) ? e(result.error) : e("unexpected"));
      } catch {
        setError(e("network"));
      }
    });
  return (
    <section className="space-y-2 rounded-xl bg-white p-4 text-sm shadow-sm ring-1 ring-stone-200" data-testid="share-offer">
      <h2 className="font-semibold">{t("offer")}</h2>
      <p className="text-xs text-stone-600">{t("offerHint")}</p>
      {url ? (
        <div className="flex flex-wrap items-center gap-2">
          <a href={url} className="rounded-lg bg-leaf-700 px-4 py-2 font-semibold text-white" data-testid="share-link">
            {t("open")}
          </a>
          <button
            type="button"
            className="rounded-lg bg-white px-4 py-2 font-medium ring-1 ring-stone-300"
            onClick={async () => {
              try {
                await navigator.clipboard.writeText(url);
                setCopied(true);
              } catch {
                setCopied(false);
              }
            }}
          >
            {copied ? t("copied") : t("copy")}
          </button>
          <input
            readOnly
            value={url}
            aria-label={t("open")}
            className="min-w-0 flex-1 rounded border border-stone-300 px-2 py-1 font-mono text-xs"
          />
        </div>
      ) : (
        <button
          type="button"
          onClick={make}
          disabled={pending}
          className="rounded-lg bg-leaf-700 px-4 py-2 font-semibold text-white disabled:opacity-60"
          data-testid="share-make"
        >
          {t("make")}
        </button>
      )}
      {error ? (
        <p role="alert" className="text-red-700">
          {error}
        </p>
      ) : null}
    </section>
  );
}
