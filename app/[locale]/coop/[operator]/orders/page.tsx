// The operator's orders: its part of every paid order, by shipping status (to ship, shipped,
// delivered, all), newest payment first, 20 to a page. Privacy: a row names the recipient and the
// city only; the full address and mobile are on the order's page, for shipping.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LocalLink } from "@/components/ui/LocalLink";
import { Pager } from "@/components/ui/Pager";
import { isOrderTab, ORDER_TABS, type OrderTab } from "@/lib/orders/seller-orders";
import { requireConsoleOperator } from "@/lib/operators/scope.server";
import { operatorOrders } from "@/lib/orders/seller-orders.server";
import { isLocale } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { localName, localText } from "@/lib/i18n/pick";
import { formatFen } from "@/lib/money";
import { carrierLabel } from "@/lib/orders/carriers";
import { ShipmentBadge } from "./_components/badges";
import { pageParam } from "@/lib/paging";
import { shanghaiFormat } from "@/lib/time/shanghai";

type Props = {
  params: Promise<{ locale: string; operator: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "coop.orders" });
  return { title: t("title") };
}

export default async function OrdersPage({ params, searchParams }: Props) {
  const { locale: raw, operator: slug } = await params;
  const locale = pageLocale(raw);
  const { operator } = await requireConsoleOperator(slug);
  const query = await searchParams;
  const tab: OrderTab = isOrderTab(query.tab) ? query.tab : "to_ship";
  const list = await operatorOrders(operator.id, tab, pageParam(query.page));
  const t = await getTranslations({ locale, namespace: "coop.orders" });
  const base = `/coop/${operator.slug}/orders`;
  const tabHref = (key: OrderTab, page = 1) => `${base}?tab=${key}${page > 1 ? `&page=${page}` : ""}`;
  const stamp = shanghaiFormat(locale, {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="text-sm text-stone-700">{t("intro")}</p>

      <nav aria-label={t("tabsLabel")} className="-mx-4 overflow-x-auto px-4" data-testid="order-tabs">
        <ul className="flex gap-2 whitespace-nowrap text-sm">
          {ORDER_TABS.map((key) => {
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
        <p className="rounded-xl bg-white p-6 text-center text-stone-700 ring-1 ring-stone-200" data-testid="orders-empty">
          {t(`none.${tab}`)}
        </p>
      ) : (
        <ul className="space-y-3" data-testid="order-list">
          {list.rows.map((row) => {
            const href = `${base}/${row.number}`;
            return (
              <li key={row.shipmentId} className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200" data-testid="order-row">
                <div className="flex flex-wrap items-start justify-between gap-x-3 gap-y-1">
                  <div className="min-w-0">
                    <h2 className="font-mono text-base font-semibold tracking-wide">
                      <LocalLink locale={locale} href={href} className="text-stone-900 underline-offset-2 hover:underline">
                        {row.number}
                      </LocalLink>
                    </h2>
                    <p className="text-xs text-stone-600">{t("paidAt", { date: stamp.format(row.paidAt) })}</p>
                  </div>
                  <div className="flex flex-wrap items-center gap-1.5">
                    <ShipmentBadge status={row.shipmentStatus} label={t(`shipmentStatus.${row.shipmentStatus}`)} />
                    {row.refundedFen > 0 && row.shipmentStatus !== "CANCELLED" ? (
                      <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-inset ring-amber-600/30">
                        {row.refundedFen >= row.amountFen ? t("refundedAll") : t("refundedPart")}
                      </span>
                    ) : null}
                  </div>
                </div>

                <p className="mt-2 text-sm text-stone-800" data-testid="order-recipient">
                  {t("recipientCity", { recipient: row.recipient, city: row.city })}
                </p>
                <ul className="mt-2 space-y-0.5 text-sm text-stone-800">
                  {row.lines.map((l) => (
                    <li key={l.id} className="flex justify-between gap-3">
                      <span className="min-w-0">
                        {localName(locale, l)}{" "}
                        <span className="whitespace-nowrap text-stone-600">
                          {t("lineQty", { quantity: l.quantity, unit: localText(locale, l.unitZh, l.unitEn) })}
                        </span>
                      </span>
                      <span className="shrink-0 tabular-nums text-stone-700">{formatFen(l.netFen)}</span>
                    </li>
                  ))}
                </ul>

                <div className="mt-3 flex flex-wrap items-center justify-between gap-x-3 gap-y-2 border-t border-stone-100 pt-3">
                  <p className="text-sm">
                    <span className="text-stone-600">{t("amount")} </span>
                    <span className="font-bold tabular-nums text-stone-900" data-testid="order-amount">
                      {formatFen(row.amountFen)}
                    </span>
                    {row.refundedFen > 0 ? (
                      <span className="ml-2 text-xs text-amber-900">{t("refunded", { amount: formatFen(row.refundedFen) })}</span>
                    ) : null}
                  </p>
                  {row.trackingNo ? (
                    <p className="text-xs text-stone-700" data-testid="order-tracking">
                      {t("tracking", { carrier: carrierLabel(row.carrier, locale), trackingNo: row.trackingNo })}
                    </p>
                  ) : null}
                  <LocalLink
                    locale={locale}
                    href={href}
                    aria-label={t(row.shipmentStatus === "TO_SHIP" ? "shipNamed" : "viewNamed", { number: row.number })}
                    className={
                      row.shipmentStatus === "TO_SHIP"
                        ? "rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
                        : "rounded-lg bg-white px-4 py-2 text-sm font-semibold text-brand-800 ring-1 ring-stone-300 hover:bg-stone-50"
                    }
                  >
                    {row.shipmentStatus === "TO_SHIP" ? t("ship") : t("view")}
                  </LocalLink>
                </div>
              </li>
            );
          })}
        </ul>
      )}

      <Pager locale={locale} page={list.page} pages={list.pages} href={(p) => tabHref(tab, p)} />
    </div>
  );
}
