// The cooperative's reviews: every review of its products, newest first, each with its one reply
// (or the form to write it). Hidden reviews stay listed here, marked, so the seller knows.
import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { Stars } from "@/components/reviews/ReviewList";
import { ReplyForm } from "@/components/reviews/ReviewModeration";
import { Pager } from "@/components/ui/Pager";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { localName } from "@/lib/i18n/pick";
import { requireConsoleOperator } from "@/lib/operators/scope.server";
import { pageParam } from "@/lib/paging";
import { reviewsOfOperator } from "@/lib/reviews/reviews.server";
import { shanghaiFormat } from "@/lib/time/shanghai";

type Props = { params: Promise<{ locale: string; operator: string }>; searchParams: Promise<{ page?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: pageLocale((await params).locale), namespace: "reviews.console" });
  return { title: t("title") };
}

export default async function OperatorReviewsPage({ params, searchParams }: Props) {
  const { locale: raw, operator: slug } = await params;
  const locale = pageLocale(raw);
  const { operator } = await requireConsoleOperator(slug);
  const page = pageParam((await searchParams).page);
  const list = await reviewsOfOperator(operator.id, page);
  const t = await getTranslations({ locale, namespace: "reviews" });
  const all = await getMessages({ locale });
  const day = shanghaiFormat(locale, { dateStyle: "medium" });
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-bold">{t("console.title")}</h1>
      <p className="text-sm text-stone-700">{t("console.intro")}</p>
      {list.items.length === 0 ? <p className="text-sm text-stone-700">{t("console.none")}</p> : null}
      <NextIntlClientProvider locale={locale} messages={{ reviews: all.reviews, errors: all.errors }}>
        <ul className="space-y-3">
          {list.items.map((r) => (
            <li
              key={r.id}
              className="space-y-2 rounded-xl bg-white p-4 text-sm shadow-sm ring-1 ring-stone-200"
              data-testid="console-review"
            >
              <p className="text-xs text-stone-600">{t("console.product", { name: localName(locale, r.product) })}</p>
              <p className="flex flex-wrap items-center gap-2">
                <Stars stars={r.stars} label={t("stars", { stars: r.stars })} />
                <span className="font-medium">{r.author}</span>
                <span className="text-xs text-stone-600">{day.format(r.createdAt)}</span>
                {r.hiddenAt ? <span className="rounded bg-red-50 px-1.5 text-xs text-red-800">{t("console.hidden")}</span> : null}
              </p>
              {r.body ? <p className="whitespace-pre-line break-words">{r.body}</p> : null}
              {r.reply ? (
                <div className="rounded-lg bg-stone-50 p-2 ring-1 ring-stone-200">
                  <p className="text-xs font-medium text-stone-600">{t("reply")}</p>
                  <p className="whitespace-pre-line break-words">{r.reply}</p>
                </div>
              ) : r.hiddenAt ? null : (
                <ReplyForm reviewId={r.id} />
              )}
            </li>
          ))}
        </ul>
      </NextIntlClientProvider>
      <Pager
        locale={locale}
        page={page}
        pages={list.pageCount}
        href={(n) => `/coop/${operator.slug}/reviews${n > 1 ? `?page=${n}` : ""}`}
      />
    </div>
  );
}
