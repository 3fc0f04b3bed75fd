// 装箱单: the packing slip of this operator's part of an order, one printed page (A6, the size of a
// parcel label, or A4) with the trace code's QR, the items, their origin village, the batch and the
// order number. The recipient appears as a parcel label shows them (name, region, masked mobile);
// no household is named. Only a shipped part has a slip (its trace code is made when it ships).
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { LocalLink } from "@/components/ui/LocalLink";
import { PrintButton } from "@/components/trace/PrintButton";
import { requireConsoleOperator } from "@/lib/operators/scope.server";
import { operatorOrder } from "@/lib/orders/seller-orders.server";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { colon, localName, localText } from "@/lib/i18n/pick";
import { packingSlipOf, qrDataUrl, traceUrl } from "@/lib/trace/trace.server";
import { shanghaiFormat } from "@/lib/time/shanghai";
import { carrierLabel } from "@/lib/orders/carriers";

type Props = {
  params: Promise<{ locale: string; operator: string; number: string }>;
  searchParams: Promise<{ size?: string }>;
};

const NUMBER = /^[A-Za-z0-9_-]{1,40}$/;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, number } = await params;
  const t = await getTranslations({ locale: pageLocale(locale), namespace: "slip" });
  return { title: t("title", { number: NUMBER.test(number) ? number : "" }), robots: { index: false } };
}

export default async function PackingSlipPage({ params, searchParams }: Props) {
  const { locale: raw, operator: slug, number } = await params;
  const locale = pageLocale(raw);
  const size = (await searchParams).size === "a4" ? "a4" : "a6";
  const { actor, operator } = await requireConsoleOperator(slug);
  if (!NUMBER.test(number)) notFound();
  const order = await operatorOrder(operator.id, number);
  if (!order || !order.shipment.shippedAt) notFound();
  const slip = await packingSlipOf(actor, order.shipment.id);
  const url = traceUrl(slip.code);
  const qr = await qrDataUrl(url);
  const t = await getTranslations({ locale, namespace: "slip" });
  const day = shanghaiFormat(locale, { year: "numeric", month: "2-digit", day: "2-digit" });
  const base = `/coop/${operator.slug}/orders/${order.number}`;
  const a6 = size === "a6";

  return (
    <div className="space-y-4">
      {/* The paper: A6 (105 × 148 mm; CSS has no A6 keyword, so in millimetres) or A4; everything but the slip is hidden in print. */}
      <style>{`@page { size: ${a6 ? "105mm 148mm" : "210mm 297mm"}; margin: ${a6 ? "5mm" : "12mm"}; }`}</style>
      <div className="flex flex-wrap items-center gap-3 print:hidden">
        <LocalLink locale={locale} href={base} className="text-sm text-brand-700 underline">
          {t("back")}
        </LocalLink>
        <nav className="flex gap-2 text-sm" aria-label={t("heading")}>
          {(["a6", "a4"] as const).map((s) => (
            <LocalLink
              key={s}
              locale={locale}
              href={`${base}/slip?size=${s}`}
              aria-current={size === s ? "page" : undefined}
              className={`rounded-lg px-3 py-1.5 ring-1 ${size === s ? "bg-stone-900 text-white ring-stone-900" : "bg-white text-stone-800 ring-stone-300"}`}
            >
              {s === "a6" ? t("sizeA6") : t("sizeA4")}
            </LocalLink>
          ))}
        </nav>
        <PrintButton label={t("print")} />
      </div>

      <section
        data-testid="packing-slip"
        data-size={size}
        className={`mx-auto break-inside-avoid bg-white text-stone-900 ring-1 ring-stone-300 print:ring-0 ${
          a6 ? "w-full max-w-[105mm] p-3 text-[11px] leading-snug print:max-w-none print:p-0" : "w-full max-w-[190mm] p-6 text-sm print:p-0"
        }`}
      >
        <header className="flex items-start justify-between gap-3 border-b border-stone-900 pb-2">
          <div className="min-w-0">
            <h1 className={`${a6 ? "text-base" : "text-2xl"} font-bold`}>{t("heading")}</h1>
            <p>
              {t("from")}
              {colon(locale)}
              {localName(locale, slip.operator)}
            </p>
          </div>
          <div className="text-right">
            <p className="text-stone-600">{t("order")}</p>
            <p className="font-mono font-bold" data-testid="slip-order">
              {slip.orderNumber}
            </p>
          </div>
        </header>

        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 border-b border-stone-300 py-2">
          <dt className="text-stone-600">{t("to")}</dt>
          <dd>
            {slip.recipient.name} · {slip.recipient.mobileMasked} · {slip.recipient.region}
          </dd>
          <dt className="text-stone-600">{t("shipped")}</dt>
          <dd>{slip.shippedAt ? day.format(new Date(slip.shippedAt)) : "—"}</dd>
          <dt className="text-stone-600">{t("carrier")}</dt>
          <dd>
            {carrierLabel(slip.carrier, locale)} <span className="font-mono">{slip.trackingNo}</span>
          </dd>
          <dt className="text-stone-600">{t("batch")}</dt>
          <dd data-testid="slip-batch">{slip.batchDate ?? t("batchNone")}</dd>
        </dl>

        <table className="w-full border-b border-stone-300 text-left">
          <caption className="sr-only">{t("items")}</caption>
          <thead>
            <tr className="text-stone-600">
              <th scope="col" className="py-1 font-normal">
                {t("items")}
              </th>
              <th scope="col" className="py-1 font-normal">
                {t("origin")}
              </th>
            </tr>
          </thead>
          <tbody>
            {slip.lines.map((l, i) => (
              <tr key={i} className="align-top" data-testid="slip-line">
                <td className="py-1 pr-2">
                  <span className="font-medium">{localName(locale, l)}</span>
                  <br />
                  {localText(locale, l.specZh, l.specEn)} ×{" "}
                  {t("qty", { quantity: l.quantity, unit: localText(locale, l.unitZh, l.unitEn) })}
                </td>
                <td className="py-1">
                  {l.origin
                    .slice(2)
                    .map((r) => localName(locale, r))
                    .join(" ")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>

        <div className="flex items-center gap-3 pt-2">
          {/* A PNG data URL: prints sharply, needs no request, and a test can decode it. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src={qr} alt={t("scan")} data-testid="slip-qr" data-url={url} className={a6 ? "h-[32mm] w-[32mm]" : "h-[45mm] w-[45mm]"} />
          <div className="min-w-0 space-y-1">
            <p className="font-medium">{t("scan")}</p>
            <p className="break-all font-mono text-[10px] text-stone-700">{url}</p>
          </div>
        </div>
      </section>
    </div>
  );
}
