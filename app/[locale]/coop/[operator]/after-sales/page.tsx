// The operator's 售后 tab: its buyers' after-sales requests by status (to answer, waiting for the
// buyer, with the platform, closed), each tab with its count; the oldest deadline first among those
// to answer. Accepting refunds through the same path as the order page's refund (lib/orders/refunds.ts).
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AfterSaleMessages } from "@/components/after-sales/AfterSaleMessages";
import { RequestCard } from "@/components/after-sales/RequestCard";
import { SellerAnswer } from "@/components/after-sales/SellerAnswer";
import { LocalLink } from "@/components/ui/LocalLink";
import { Pager } from "@/components/ui/Pager";
import { sellerAfterSales } from "@/lib/after-sales/after-sales.server";
import { isSellerTab, SELLER_TABS, type SellerTab } from "@/lib/after-sales/queries";
import { isLocale } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { requireConsoleOperator } from "@/lib/operators/scope.server";
import { pageParam } from "@/lib/paging";
import { shanghaiFormat } from "@/lib/time/shanghai";

type Props = {
  params: Promise<{ locale: string; operator: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "afterSales.console" });
  return { title: t("title") };
}

export default async function AfterSalesPage({ params, searchParams }: Props) {
  const { locale: raw, operator: slug } = await params;
  const locale = pageLocale(raw);
  const { operator } = await requireConsoleOperator(slug);
  const query = await searchParams;
  const tab: SellerTab = isSellerTab(query.tab) ? query.tab : "open";
  const list = await sellerAfterSales(operator.id, tab, pageParam(query.page));
  const t = await getTranslations({ locale, namespace: "afterSales.console" });
  const base = `/coop/${operator.slug}/after-sales`;
  const tabHref = (key: SellerTab, page = 1) => `${base}?tab=${key}${page > 1 ? `&page=${page}` : ""}`;
  const time = shanghaiFormat(locale, { dateStyle: "medium", timeStyle: "short" });

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="text-sm text-stone-700">{t("intro")}</p>
      <nav aria-label={t("tabsLabel")} className="-mx-4 overflow-x-auto px-4" data-testid="after-sale-tabs">
        <ul className="flex gap-2 whitespace-nowrap text-sm">
          {SELLER_TABS.map((key) => {
            const current = key === tab;
            return (
              <li key={key}>
                <LocalLink
                  locale={locale}
                  href={tabHref(key)}
                  aria-current={current ? "page" : undefined}
                  className={`inline-block rounded-full px-3 py-1.5 ring-1 ring-inset ${
                    current
                      ? "bg-brand-700 font-semibold text-white ring-brand-700"
                      : "bg-white text-stone-800 ring-stone-300 hover:bg-stone-100"
                  }`}
                >
                  {t(`tabs.${key}`)} <span className={current ? "text-white/80" : "text-stone-500"}>{list.counts[key]}</span>
                </LocalLink>
              </li>
            );
          })}
        </ul>
      </nav>

      {list.rows.length === 0 ? (
        <p className="rounded-xl bg-white p-6 text-center text-stone-700 ring-1 ring-stone-200" data-testid="after-sales-empty">
          {t(`none.${tab}`)}
        </p>
      ) : (
        <ul className="space-y-3">
          {list.rows.map((r) => (
            <li key={r.id}>
              <RequestCard
                locale={locale}
                request={r}
                showPhotos
                deadlineNote={false}
                heading={
                  <div className="flex flex-wrap items-baseline justify-between gap-2">
                    <h2 className="font-mono text-base font-semibold tracking-wide">
                      <LocalLink
                        locale={locale}
                        href={`/coop/${operator.slug}/orders/${r.order.number}`}
                        className="underline-offset-2 hover:underline"
                      >
                        {t("order", { number: r.order.number })}
                      </LocalLink>
                    </h2>
                    {r.status === "OPEN" ? (
                      <p className="text-xs font-medium text-red-800">{t("deadline", { time: time.format(r.answerBy) })}</p>
                    ) : null}
                  </div>
                }
              >
                {r.status === "OPEN" ? (
                  <AfterSaleMessages locale={locale}>
                    <SellerAnswer requestId={r.id} askedFen={r.askedFen} />
                  </AfterSaleMessages>
                ) : null}
              </RequestCard>
            </li>
          ))}
        </ul>
      )}
      <Pager locale={locale} page={list.page} pages={list.pages} href={(p) => tabHref(tab, p)} />
    </div>
  );
}
