// A product's reviews: the average and count, then each review newest first. Text is rendered as
// text (React escapes it; line breaks kept by CSS), never as HTML. Authors appear as 张**.
import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/i18n/locales";
import type { PublicReview } from "@/lib/reviews/reviews";
import { shanghaiFormat } from "@/lib/time/shanghai";

export function Stars({ stars, label }: { stars: number; label: string }) {
  return (
    <span role="img" aria-label={label} className="tracking-tight text-amber-600">
      {"★".repeat(stars)}
      <span className="text-stone-300">{"★".repeat(5 - stars)}</span>
    </span>
  );
}

export async function ReviewSummary({ locale, average, count }: { locale: Locale; average: number | null; count: number }) {
  const t = await getTranslations({ locale, namespace: "reviews" });
  if (average === null) return <p className="text-sm text-stone-700">{t("none")}</p>;
  return (
    <p className="flex items-center gap-2" data-testid="review-summary" data-count={count}>
      <Stars stars={Math.round(average)} label={t("stars", { stars: Math.round(average) })} />
      <span className="font-semibold">{t("summary", { average: average.toFixed(1), count })}</span>
    </p>
  );
}

export async function ReviewItems({ locale, items }: { locale: Locale; items: PublicReview[] }) {
  const t = await getTranslations({ locale, namespace: "reviews" });
  const day = shanghaiFormat(locale, { dateStyle: "medium" });
  return (
    <ul className="divide-y divide-stone-100">
      {items.map((r) => (
        <li key={r.id} className="space-y-2 py-3 first:pt-0 last:pb-0" data-testid="review">
          <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
            <Stars stars={r.stars} label={t("stars", { stars: r.stars })} />
            <span className="font-medium">{r.author}</span>
            <span className="rounded bg-leaf-50 px-1.5 text-xs text-leaf-700">{t("verified")}</span>
            <span className="text-xs text-stone-600">{day.format(new Date(r.createdAt))}</span>
          </div>
          {r.body ? <p className="whitespace-pre-line break-words text-sm text-stone-800">{r.body}</p> : null}
          {r.photos.length ? (
            <div className="flex flex-wrap gap-2">
              {r.photos.map((url, i) => (
                <a key={url} href={url} target="_blank" rel="noopener noreferrer">
                  {/* eslint-disable-next-line @next/next/no-img-element */}
                  <img
                    src={url}
                    alt={t("photo", { n: i + 1 })}
                    width={80}
                    height={80}
                    loading="lazy"
                    className="h-20 w-20 rounded object-cover ring-1 ring-stone-200"
                  />
                </a>
              ))}
            </div>
          ) : null}
          {r.reply ? (
            <div className="rounded-lg bg-stone-50 p-2 text-sm ring-1 ring-stone-200" data-testid="review-reply">
              <p className="text-xs font-medium text-stone-600">{t("reply")}</p>
              <p className="whitespace-pre-line break-words text-stone-800">{r.reply}</p>
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
