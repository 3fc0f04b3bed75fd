// The cooperative's listings: status (草稿/待认定/已认定/未通过), price, stock (low stock stands
// out), on sale or not, and the quick actions. Scope: requireConsoleOperator (another
// cooperative's console is a 404).
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { LocalLink } from "@/components/ui/LocalLink";
import { LOW_STOCK, STATUSES } from "@/lib/products/listing";
import { setProductListed } from "@/lib/products/actions";
import { isStatus, listConsoleProducts } from "@/lib/products/console.server";
import { requireConsoleOperator } from "@/lib/operators/scope.server";
import { isLocale } from "@/lib/i18n/locales";
import { localName, localText } from "@/lib/i18n/pick";
import { formatFen } from "@/lib/money";
import { ActionForm } from "./_components/ActionForm";
import { ClientMessages } from "./_components/ClientMessages";
import { ListedBadge, StatusBadge } from "./_components/status";
import { pageLocale } from "@/lib/i18n/page-locale.server";

type Props = {
  params: Promise<{ locale: string; operator: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "listings.list" });
  return { title: t("title"), robots: { index: false } };
}

export default async function ProductsPage({ params, searchParams }: Props) {
  const { locale: raw, operator: slug } = await params;
  const locale = pageLocale(raw);
  const { operator } = await requireConsoleOperator(slug);
  const query = await searchParams;
  const status = isStatus(query.status) ? query.status : undefined;
  const { products, byStatus, total } = await listConsoleProducts(operator.id, status);
  const t = await getTranslations({ locale, namespace: "listings" });
  const base = `/coop/${operator.slug}/products`;

  const tabs = [{ key: "all", href: base, label: t("list.all"), count: total, current: !status }].concat(
    STATUSES.map((s) => ({ key: s, href: `${base}?status=${s}`, label: t(`status.${s}`), count: byStatus[s], current: status === s })),
  );

  return (
    <ClientMessages locale={locale}>
      <div className="space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <h1 className="text-2xl font-bold">{t("list.title")}</h1>
          <LocalLink
            locale={locale}
            href={`${base}/new`}
            className="rounded-lg bg-brand-700 px-4 py-2.5 text-sm font-semibold text-white hover:bg-brand-800"
            data-testid="new-product"
          >
            + {t("list.new")}
          </LocalLink>
        </div>

        <nav aria-label={t("list.filter")} className="-mx-4 overflow-x-auto px-4">
          <ul className="flex gap-2 whitespace-nowrap text-sm">
            {tabs.map((tab) => (
              <li key={tab.key}>
                <LocalLink
                  locale={locale}
                  href={tab.href}
                  aria-current={tab.current ? "page" : undefined}
                  className={`inline-block rounded-full px-3 py-1.5 ring-1 ring-inset ${
                    tab.current
                      ? "bg-brand-700 font-semibold text-white ring-brand-700"
                      : "bg-white text-stone-800 ring-stone-300 hover:bg-stone-100"
                  }`}
                >
                  {tab.label} <span className={tab.current ? "text-white/80" : "text-stone-500"}>{tab.count}</span>
                </LocalLink>
              </li>
            ))}
          </ul>
        </nav>

        {products.length === 0 ? (
          <div className="rounded-xl bg-white p-6 text-center ring-1 ring-stone-200">
            <p className="text-stone-700">{status ? t("list.noneWithStatus") : t("list.none")}</p>
          </div>
        ) : (
          <ul className="space-y-3" data-testid="product-list">
            {products.map((p) => {
              const name = localName(locale, p);
              const unit = localText(locale, p.unitZh, p.unitEn);
              const low = p.stock <= LOW_STOCK;
              return (
                <li
                  key={p.id}
                  className="flex flex-col gap-3 rounded-xl bg-white p-3 shadow-sm ring-1 ring-stone-200 sm:flex-row sm:flex-wrap sm:items-center"
                  data-testid="product-row"
                >
                  <div className="flex min-w-0 flex-1 gap-3">
                    <div className="h-20 w-20 shrink-0 overflow-hidden rounded-lg bg-brand-50">
                      {p.images[0] ? (
                        // eslint-disable-next-line @next/next/no-img-element
                        <img src={p.images[0].url} alt="" width={80} height={80} loading="lazy" className="h-full w-full object-cover" />
                      ) : (
                        <span className="grid h-full place-items-center text-center text-xs text-stone-500">{t("list.noPhoto")}</span>
                      )}
                    </div>
                    <div className="min-w-0 flex-1 space-y-1">
                      <div className="flex flex-wrap items-center gap-1.5">
                        <StatusBadge status={p.status} label={t(`status.${p.status}`)} />
                        <ListedBadge listed={p.listed} label={p.listed ? t("listed") : t("delisted")} />
                      </div>
                      <h2 className="text-base font-semibold leading-snug">
                        <LocalLink locale={locale} href={`${base}/${p.id}`} className="text-stone-900 underline-offset-2 hover:underline">
                          {name}
                        </LocalLink>
                      </h2>
                      <p className="text-xs text-stone-600">{localText(locale, p.specZh, p.specEn)}</p>
                      <p className="flex flex-wrap items-baseline gap-x-4 gap-y-1 text-sm">
                        <span className="font-bold text-brand-700" data-testid="row-price">
                          {formatFen(p.priceFen)}
                          <span className="font-normal text-stone-600">{t("perUnit", { unit })}</span>
                        </span>
                        <span
                          data-testid="row-stock"
                          data-low={low || undefined}
                          className={
                            p.stock === 0
                              ? "rounded bg-red-50 px-1.5 font-semibold text-red-800"
                              : low
                                ? "rounded bg-amber-50 px-1.5 font-semibold text-amber-900"
                                : "text-stone-700"
                          }
                        >
                          {p.stock === 0
                            ? t("list.outOfStock")
                            : low
                              ? t("list.lowStock", { count: p.stock, unit })
                              : t("list.stock", { count: p.stock, unit })}
                        </span>
                      </p>
                    </div>
                  </div>
                  {p.status === "REJECTED" && p.reviewNote ? (
                    <p className="w-full rounded-lg sm:order-last bg-red-50 px-3 py-2 text-sm text-red-900" data-testid="review-note">
                      <span className="font-semibold">{t("reviewNote")}</span>
                      {p.reviewNote}
                    </p>
                  ) : null}
                  <div className="flex flex-wrap items-start gap-2 border-t border-stone-100 pt-3 sm:ml-auto sm:border-0 sm:pt-0">
                    <LocalLink
                      locale={locale}
                      href={`${base}/${p.id}`}
                      className="rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
                    >
                      {t("list.edit")}
                    </LocalLink>
                    <ActionForm
                      action={setProductListed}
                      fields={{ productId: p.id, listed: p.listed ? "false" : "true" }}
                      label={p.listed ? t("actions.delistNamed", { name }) : t("actions.listNamed", { name })}
                      variant={p.listed ? "danger" : "secondary"}
                    >
                      {p.listed ? t("actions.delist") : t("actions.list")}
                    </ActionForm>
                    {p.listed ? (
                      <LocalLink
                        locale={locale}
                        prefetch={false}
                        href={`/products/${p.slug}`}
                        className="px-2 py-2 text-sm text-brand-700 underline"
                      >
                        {t("actions.view")}
                      </LocalLink>
                    ) : null}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </ClientMessages>
  );
}
