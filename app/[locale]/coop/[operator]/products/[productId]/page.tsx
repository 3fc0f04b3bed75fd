// One listing in the console: its status and what to do next, the form, photos, stock and the
// stock history. Only a product of this operator is found: any other id is a 404.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { Breadcrumb } from "@/components/ui/Breadcrumb";
import { LocalLink } from "@/components/ui/LocalLink";
import { CATEGORIES } from "@/lib/catalog/filters";
import { canSubmit, LOW_STOCK, MAX_PHOTOS } from "@/lib/products/listing";
import { fenToYuanInput } from "@/lib/products/price";
import { duplicateProduct, setProductListed, submitProduct } from "@/lib/products/actions";
import { getConsoleProduct, giMarksOfOperator } from "@/lib/products/console.server";
import { villagesOfCounty } from "@/lib/regions/regions.server";
import { requireConsoleOperator } from "@/lib/operators/scope.server";
import { isLocale } from "@/lib/i18n/locales";
import { localName, localText } from "@/lib/i18n/pick";
import { formatFen } from "@/lib/money";
import { ActionForm } from "../_components/ActionForm";
import { ClientMessages } from "../_components/ClientMessages";
import { PhotoManager } from "../_components/PhotoManager";
import { ProductForm } from "../_components/ProductForm";
import { ListedBadge, StatusBadge } from "../_components/status";
import { StockPanel } from "../_components/StockPanel";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { Section } from "@/components/console/Section";
import { shanghaiFormat } from "@/lib/time/shanghai";

type Props = {
  params: Promise<{ locale: string; operator: string; productId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "listings.edit" });
  return { title: t("title"), robots: { index: false } };
}

export default async function EditProductPage({ params, searchParams }: Props) {
  const { locale: raw, operator: slug, productId } = await params;
  const locale = pageLocale(raw);
  const { operator } = await requireConsoleOperator(slug);
  const found = await getConsoleProduct(operator.id, productId);
  if (!found) notFound();
  const { product: p, movements, movementCount } = found;
  const [townships, giMarks, t, e] = await Promise.all([
    villagesOfCounty(operator.countyId),
    giMarksOfOperator(operator.id),
    getTranslations({ locale, namespace: "listings" }),
    getTranslations({ locale, namespace: "enums" }),
  ]);
  const query = await searchParams;
  const base = `/coop/${operator.slug}/products`;
  const name = localName(locale, p);
  const unit = localText(locale, p.unitZh, p.unitEn);
  const day = shanghaiFormat(locale, { year: "numeric", month: "2-digit", day: "2-digit" });
  const time = shanghaiFormat(locale, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const date = shanghaiFormat(locale, { year: "numeric", month: "long", day: "numeric" });
  const low = p.stock <= LOW_STOCK;

  const statusText = {
    DRAFT: t("statusHelp.DRAFT"),
    PENDING_CERTIFICATION: t("statusHelp.PENDING_CERTIFICATION"),
    CERTIFIED: p.certifiedUntil ? t("statusHelp.CERTIFIED_UNTIL", { date: date.format(p.certifiedUntil) }) : t("statusHelp.CERTIFIED"),
    REJECTED: t("statusHelp.REJECTED"),
  }[p.status];

  return (
    <ClientMessages locale={locale}>
      <div className="space-y-4">
        <Breadcrumb
          label={t("breadcrumb")}
          items={[
            {
              key: "list",
              node: (
                <LocalLink locale={locale} href={base} className="text-brand-700 underline">
                  {t("list.title")}
                </LocalLink>
              ),
            },
            {
              key: "this",
              node: (
                <span aria-current="page" className="line-clamp-1">
                  {name}
                </span>
              ),
            },
          ]}
        />

        {query.created ? (
          <p className="rounded-lg bg-leaf-50 px-3 py-2 text-sm text-leaf-700" role="status">
            {t("edit.created")}
          </p>
        ) : null}

        <header className="space-y-2">
          <div className="flex flex-wrap items-center gap-1.5">
            <StatusBadge status={p.status} label={t(`status.${p.status}`)} />
            <ListedBadge listed={p.listed} label={p.listed ? t("listed") : t("delisted")} />
          </div>
          <h1 className="text-2xl font-bold leading-tight">{name}</h1>
          <p className="text-sm text-stone-700">
            <span className="font-bold text-brand-700" data-testid="current-price">
              {formatFen(p.priceFen)}
            </span>
            {t("perUnit", { unit })} · {localText(locale, p.specZh, p.specEn)}
          </p>
        </header>

        <section
          aria-labelledby="status-title"
          className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200 sm:p-5"
          data-testid="status-panel"
        >
          <h2 id="status-title" className="text-lg font-semibold">
            {t("edit.statusTitle")}
          </h2>
          <p className="text-sm text-stone-800">{statusText}</p>
          {p.status === "REJECTED" && p.reviewNote ? (
            <p className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-900" data-testid="review-note">
              <span className="font-semibold">{t("reviewNote")}</span>
              {p.reviewNote}
            </p>
          ) : null}
          <div className="grid gap-3 sm:grid-cols-3">
            {canSubmit(p.status) ? (
              <div className="space-y-1.5 rounded-lg bg-brand-50 p-3">
                <ActionForm
                  action={submitProduct}
                  fields={{ productId: p.id }}
                  variant="primary"
                  testId="submit-form"
                  className="[&_button]:w-full"
                >
                  {p.status === "REJECTED" ? t("actions.resubmit") : t("actions.submit")}
                </ActionForm>
                <p className="text-xs text-stone-700">{t("actions.submitHelp")}</p>
              </div>
            ) : null}
            <div className="space-y-1.5 rounded-lg bg-stone-100 p-3">
              <ActionForm
                action={setProductListed}
                fields={{ productId: p.id, listed: p.listed ? "false" : "true" }}
                variant={p.listed ? "danger" : "secondary"}
                testId="listed-form"
                className="[&_button]:w-full"
              >
                {p.listed ? t("actions.delist") : t("actions.list")}
              </ActionForm>
              <p className="text-xs text-stone-700">{p.listed ? t("actions.delistHelp") : t("actions.listHelp")}</p>
            </div>
            <div className="space-y-1.5 rounded-lg bg-stone-100 p-3">
              <ActionForm
                action={duplicateProduct}
                fields={{ productId: p.id }}
                successPath={`${base}/{id}?created=1`}
                testId="duplicate-form"
                className="[&_button]:w-full"
              >
                {t("actions.duplicate")}
              </ActionForm>
              <p className="text-xs text-stone-700">{t("actions.duplicateHelp")}</p>
            </div>
          </div>
          {p.listed ? (
            <p className="text-sm">
              {/* No prefetch: a storefront render still running when the clerk delists would be stored after the
                  revalidation as a fresh page (see docs/adr/0005), and the 404 would come only after 5 minutes. */}
              <LocalLink locale={locale} prefetch={false} href={`/products/${p.slug}`} className="text-brand-700 underline">
                {t("actions.view")}
              </LocalLink>
            </p>
          ) : null}
        </section>

        <div className="grid items-start gap-4 lg:grid-cols-2">
          <Section title={t("edit.formTitle")} id="form-title">
            <ProductForm
              mode="edit"
              productId={p.id}
              certified={p.status === "CERTIFIED"}
              operator={operator.slug}
              initial={{
                nameZh: p.nameZh,
                nameEn: p.nameEn,
                descriptionZh: p.descriptionZh,
                descriptionEn: p.descriptionEn,
                category: p.category,
                unitZh: p.unitZh,
                unitEn: p.unitEn,
                specZh: p.specZh,
                specEn: p.specEn,
                price: fenToYuanInput(p.priceFen),
                maxPerOrder: String(p.maxPerOrder),
                noReasonReturn: p.noReasonReturn === null ? "default" : p.noReasonReturn ? "yes" : "no",
                shelfLifeZh: p.shelfLifeZh,
                shelfLifeEn: p.shelfLifeEn,
                storageZh: p.storageZh,
                storageEn: p.storageEn,
                ingredientsZh: p.ingredientsZh,
                ingredientsEn: p.ingredientsEn,
                netContentZh: p.netContentZh,
                netContentEn: p.netContentEn,
                scLicence: p.scLicence,
                coldChain: p.coldChain ? "on" : "",
                villageId: p.villageId,
                giMarkId: p.giMarkId ?? "",
              }}
              categories={CATEGORIES.map((c) => ({ value: c, label: e(`category.${c}`) }))}
              townships={townships.map((tw) => ({
                label: localName(locale, tw),
                villages: tw.villages.map((v) => ({ value: v.id, label: localName(locale, v) })),
              }))}
              giMarks={giMarks.map((g) => ({ value: g.id, label: localName(locale, g) }))}
            />
          </Section>

          <div className="space-y-4">
            <Section title={t("photos.title", { count: p.images.length, max: MAX_PHOTOS })} id="photos-title">
              <PhotoManager
                productId={p.id}
                max={MAX_PHOTOS}
                photos={p.images.map((img) => ({ id: img.id, url: img.url, alt: localText(locale, img.altZh, img.altEn) || name }))}
              />
            </Section>

            <Section title={t("stock.title")} id="stock-title">
              <p className="mb-3 flex flex-wrap items-baseline gap-2">
                <span className="text-sm text-stone-700">{t("stock.current")}</span>
                <span
                  data-testid="stock-figure"
                  className={`text-3xl font-bold ${p.stock === 0 ? "text-red-700" : low ? "text-amber-700" : "text-stone-900"}`}
                >
                  {p.stock}
                </span>
                <span className="text-sm text-stone-700">{unit}</span>
                {p.stock === 0 ? (
                  <span className="rounded bg-red-50 px-1.5 text-sm font-semibold text-red-800">{t("list.outOfStock")}</span>
                ) : low ? (
                  <span className="rounded bg-amber-50 px-1.5 text-sm font-semibold text-amber-900">{t("stock.low")}</span>
                ) : null}
              </p>
              <StockPanel productId={p.id} unit={unit} />
            </Section>
          </div>
        </div>

        <Section title={t("history.title")} id="history-title">
          {movements.length === 0 ? (
            <p className="text-sm text-stone-600">{t("history.none")}</p>
          ) : (
            <div className="-mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0" tabIndex={0} role="group" aria-label={t("history.title")}>
              <table className="w-full min-w-[20rem] text-left text-sm" data-testid="stock-history">
                <thead className="border-b border-stone-200 text-xs text-stone-600">
                  <tr>
                    <th scope="col" className="py-2 pr-3 font-medium">
                      {t("history.when")}
                    </th>
                    <th scope="col" className="py-2 pr-3 font-medium">
                      {t("history.reason")}
                    </th>
                    <th scope="col" className="py-2 pr-3 text-right font-medium">
                      {t("history.delta")}
                    </th>
                    <th scope="col" className="py-2 text-right font-medium">
                      {t("history.after")}
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-stone-100">
                  {movements.map((m) => (
                    <tr key={m.id} className="align-top">
                      <td className="py-2 pr-3 tabular-nums text-stone-700">
                        <span className="block whitespace-nowrap">{day.format(m.createdAt)}</span>
                        <span className="block whitespace-nowrap text-xs text-stone-500">{time.format(m.createdAt)}</span>
                      </td>
                      <td className="py-2 pr-3">
                        <span className="font-medium">{t(`stock.reasons.${m.reason}`)}</span>
                        {m.note ? <span className="block text-xs text-stone-700">{m.note}</span> : null}
                        <span className="block text-xs text-stone-500">{m.user?.name ?? t("history.system")}</span>
                      </td>
                      <td className={`py-2 pr-3 text-right font-semibold tabular-nums ${m.delta < 0 ? "text-red-700" : "text-leaf-700"}`}>
                        {m.delta > 0 ? `+${m.delta}` : m.delta}
                      </td>
                      <td className="py-2 text-right tabular-nums">{m.stockAfter}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {movementCount > movements.length ? (
                <p className="mt-2 text-xs text-stone-600">{t("history.more", { shown: movements.length, total: movementCount })}</p>
              ) : null}
            </div>
          )}
        </Section>
      </div>
    </ClientMessages>
  );
}
