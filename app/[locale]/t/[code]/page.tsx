// 溯源: the public page a packing slip's QR code opens. No sign-in; made for a phone held over a
// parcel. The product(s), GI mark, certification, cooperative, origin village on the region tree,
// batch date, shipping time, and whom the parcel's sale reached: counts and villages, never names
// or amounts per household. The data is cached (lib/trace/trace.server.ts); each visit adds one scan
// with one UPDATE after the answer has gone. A malformed or unknown code is the site's 404 page.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { after } from "next/server";
import { OriginBreadcrumb } from "@/components/catalog/OriginBreadcrumb";
import { Badge } from "@/components/ui/Badge";
import { LocalLink } from "@/components/ui/LocalLink";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { localName } from "@/lib/i18n/pick";
import { isCode } from "@/lib/trace/code";
import { getTracePage, recordScan } from "@/lib/trace/trace.server";
import { shanghaiFormat } from "@/lib/time/shanghai";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ locale: string; code: string }> };

async function load(code: string) {
  return isCode(code) ? getTracePage(code) : null;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale: raw, code } = await params;
  const locale = pageLocale(raw);
  const t = await getTranslations({ locale, namespace: "trace" });
  const page = await load(code);
  const first = page?.products[0];
  // Codes are not for search engines: each one is a parcel.
  return {
    title: first ? t("title", { product: localName(locale, first) }) : t("titleGeneric"),
    robots: { index: false, follow: false },
    referrer: "no-referrer",
  };
}

export default async function TracePage({ params }: Props) {
  const { locale: raw, code } = await params;
  const locale = pageLocale(raw);
  const page = await load(code);
  if (!page) notFound();
  after(() => recordScan(page.code));
  const t = await getTranslations({ locale, namespace: "trace" });
  const e = await getTranslations({ locale, namespace: "enums" });
  const day = shanghaiFormat(locale, { dateStyle: "long" });
  const stamp = shanghaiFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  const separator = locale === "en" ? ", " : "、";
  const villages = page.benefit.villages.map((v) => localName(locale, v)).join(separator);

  return (
    <article className="mx-auto max-w-2xl space-y-4" data-testid="trace-page">
      <header className="space-y-1">
        <p className="font-mono text-xs text-stone-600">{t("kicker", { code: page.code })}</p>
        <h1 className="text-2xl font-bold leading-tight">{page.products.map((p) => localName(locale, p)).join(separator)}</h1>
        <p className="text-sm text-leaf-700">{t("verified")}</p>
      </header>

      {page.products.map((p) => (
        <section key={p.slug} className="space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200" data-testid="trace-product">
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h2 className="text-lg font-semibold">{localName(locale, p)}</h2>
            {p.listed ? (
              <LocalLink locale={locale} href={`/products/${p.slug}`} className="text-sm font-medium text-brand-700 underline">
                {t("viewProduct")}
              </LocalLink>
            ) : (
              <span className="text-sm text-stone-600">{t("productGone")}</span>
            )}
          </div>
          <div>
            <p className="text-xs font-medium text-stone-600">{t("origin")}</p>
            <div data-testid="trace-origin">
              <OriginBreadcrumb locale={locale} path={p.origin} label={t("origin")} />
            </div>
          </div>
          <dl className="grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
            <dt className="text-stone-600">{t("giMark")}</dt>
            <dd data-testid="trace-gi">
              {p.giMark ? (
                <>
                  <span className="font-medium">{localName(locale, p.giMark)}</span>
                  <span className="text-stone-600"> · {e(`giKind.${p.giMark.kind}`)}</span>
                  <br />
                  <span className="font-mono text-xs text-stone-700">{t("registrationNo", { number: p.giMark.registrationNo })}</span>
                </>
              ) : (
                <span className="text-stone-600">{t("giNone")}</span>
              )}
            </dd>
            <dt className="text-stone-600">{t("certification")}</dt>
            <dd data-testid="trace-certification">
              {p.certification ? (
                <>
                  <Badge tone="certified">
                    {t("certifiedBy", { county: locale === "en" ? p.certification.countyEn : p.certification.countyZh })}
                  </Badge>
                  <span className="ml-2 text-xs text-stone-700">
                    {p.certification.until ? t("validUntil", { date: day.format(new Date(p.certification.until)) }) : t("noEnd")}
                  </span>
                </>
              ) : (
                <span className="text-stone-600">{t("notCertified")}</span>
              )}
            </dd>
          </dl>
        </section>
      ))}

      <section className="rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200">
        <dl className="grid grid-cols-1 gap-x-4 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="text-stone-600">{t("operator")}</dt>
          <dd>
            <LocalLink locale={locale} href={`/operators/${page.operator.slug}`} className="font-medium text-brand-700 underline">
              {localName(locale, page.operator)}
            </LocalLink>
            <span className="text-stone-600"> · {e(`operatorKind.${page.operator.kind}`)}</span>
          </dd>
          <dt className="text-stone-600">{t("batch")}</dt>
          <dd data-testid="trace-batch">{page.batchDate ? day.format(new Date(`${page.batchDate}T00:00:00+08:00`)) : t("batchNone")}</dd>
          <dt className="text-stone-600">{t("shipped")}</dt>
          <dd>{page.shippedAt ? stamp.format(new Date(page.shippedAt)) : "—"}</dd>
        </dl>
      </section>

      <section aria-labelledby="trace-benefit" className="rounded-xl bg-leaf-50 p-4 ring-1 ring-leaf-600/20" data-testid="trace-benefit">
        <h2 id="trace-benefit" className="font-semibold text-leaf-700">
          {t("benefitTitle")}
        </h2>
        {page.benefit.households > 0 ? (
          <p className="mt-2 text-stone-800" data-households={page.benefit.households}>
            {t("benefitBody", { households: page.benefit.households, villages })}
          </p>
        ) : (
          <p className="mt-2 text-sm text-stone-700">{t("benefitNone")}</p>
        )}
        <p className="mt-2 text-xs text-stone-600">{t("privacy")}</p>
      </section>

      <p className="text-center text-xs text-stone-500">{t("scans", { count: page.scans + 1 })}</p>
    </article>
  );
}
