// /admin/reviews: every review, newest first; an admin hides one with a reason (audited through
// lib/audit). Nobody can edit a review: there is no such form, and the database refuses it.
import type { Metadata } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getMessages, getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { redirectToSignIn } from "@/components/console/sign-in";
import { Stars } from "@/components/reviews/ReviewList";
import { getActor } from "@/lib/auth/session.server";
import { HideForm } from "@/components/reviews/ReviewModeration";
import { LocalLink } from "@/components/ui/LocalLink";
import { Pager } from "@/components/ui/Pager";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { localName } from "@/lib/i18n/pick";
import { pageParam } from "@/lib/paging";
import { reviewsForAdmin } from "@/lib/reviews/reviews.server";
import { shanghaiFormat } from "@/lib/time/shanghai";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<{ page?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: pageLocale((await params).locale), namespace: "reviews.admin" });
  return { title: t("title") };
}

export default async function AdminReviewsPage({ params, searchParams }: Props) {
  const locale = pageLocale((await params).locale);
  // The layout checks too; the page checks itself as well, since both render at once.
  const actor = await getActor();
  if (!actor) redirectToSignIn(locale, "/admin/reviews");
  if (actor.role !== "ADMIN") notFound();
  const page = pageParam((await searchParams).page);
  const list = await reviewsForAdmin(page);
  const t = await getTranslations({ locale, namespace: "reviews" });
  const all = await getMessages({ locale });
  const day = shanghaiFormat(locale, { dateStyle: "medium" });
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-bold">{t("admin.title")}</h1>
      <p className="text-sm text-stone-700">{t("admin.intro")}</p>
      {list.items.length === 0 ? <p className="text-sm text-stone-700">{t("admin.none")}</p> : null}
      <NextIntlClientProvider locale={locale} messages={{ reviews: all.reviews, errors: all.errors }}>
        <ul className="space-y-3">
          {list.items.map((r) => (
            <li key={r.id} className="space-y-2 rounded-xl bg-white p-4 text-sm shadow-sm ring-1 ring-stone-200" data-testid="admin-review">
              <p className="text-xs">
                <LocalLink locale={locale} href={`/products/${r.product.slug}`} className="text-brand-700 underline">
                  {localName(locale, r.product)}
                </LocalLink>
              </p>
              <p className="flex flex-wrap items-center gap-2">
                <Stars stars={r.stars} label={t("stars", { stars: r.stars })} />
                <span className="font-medium">{r.author}</span>
                <span className="text-xs text-stone-600">{day.format(r.createdAt)}</span>
              </p>
              {r.body ? <p className="whitespace-pre-line break-words">{r.body}</p> : null}
              {r.photos.length ? <p className="text-xs text-stone-600">📷 {r.photos.length}</p> : null}
              {r.hiddenAt ? (
                <p className="rounded bg-red-50 px-2 py-1 text-xs text-red-800">{t("admin.hidden", { reason: r.hiddenReason ?? "" })}</p>
              ) : (
                <HideForm reviewId={r.id} />
              )}
            </li>
          ))}
        </ul>
      </NextIntlClientProvider>
      <Pager locale={locale} page={page} pages={list.pageCount} href={(n) => `/admin/reviews${n > 1 ? `?page=${n}` : ""}`} />
    </div>
  );
}
