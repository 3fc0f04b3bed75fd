// One after-sales request as every page shows it (the shopper's order page, the seller's 售后 tab,
// the admin's decisions): goods, reason, amounts, what each side said, the photos (to those who may
// see them), and the page's own buttons below (children).
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/Badge";
import type { AfterSaleRow } from "@/lib/after-sales/queries";
import { localName } from "@/lib/i18n/pick";
import { formatFen } from "@/lib/money";
import { shanghaiFormat } from "@/lib/time/shanghai";
import type { Locale } from "@/lib/i18n/locales";

const TONE = { OPEN: "gi", PARTIAL: "gi", REFUSED: "warn", ESCALATED: "warn", ACCEPTED: "certified", REJECTED: "neutral" } as const;

export async function RequestCard({
  locale,
  request,
  showPhotos,
  heading,
  deadlineNote = true,
  children,
}: {
  locale: Locale;
  request: AfterSaleRow;
  showPhotos: boolean;
  heading?: ReactNode;
  /** The shopper's "the seller answers by …" line (the console shows its own deadline in the heading). */
  deadlineNote?: boolean;
  children?: ReactNode;
}) {
  const t = await getTranslations({ locale, namespace: "afterSales" });
  const time = shanghaiFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  const goods = request.orderLine ? localName(locale, request.orderLine.product) : t("goodsWhole");
  return (
    <article className="space-y-2 rounded-lg bg-white p-3 text-sm ring-1 ring-stone-200" data-testid="after-sale-request">
      {heading}
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="min-w-0 font-medium text-stone-900">
          {goods} · {t(`reasons.${request.reason}`)}
        </p>
        <Badge tone={TONE[request.status]}>
          <span data-testid="after-sale-status">{t(`status.${request.status}`)}</span>
        </Badge>
      </div>
      <p className="flex flex-wrap gap-x-3 gap-y-1 text-stone-700">
        <span>{t("asked", { amount: formatFen(request.askedFen) })}</span>
        {request.offeredFen ? <span className="text-amber-900">{t("offered", { amount: formatFen(request.offeredFen) })}</span> : null}
        {request.refundedFen ? (
          <span className="font-semibold text-leaf-700" data-testid="after-sale-refunded">
            {t("refunded", { amount: formatFen(request.refundedFen) })}
          </span>
        ) : null}
        <span>{request.returnGoods ? t("returnYes") : t("returnNo")}</span>
        <span className="text-stone-500">{time.format(request.createdAt)}</span>
      </p>
      {request.detail ? <p className="whitespace-pre-line break-words text-stone-800">{request.detail}</p> : null}
      {request.photos.length ? (
        showPhotos ? (
          <ul className="flex flex-wrap gap-2">
            {request.photos.map((url, i) => (
              <li key={url}>
                <a href={url} target="_blank" rel="noreferrer">
                  {/* eslint-disable-next-line @next/next/no-img-element -- private files, served with access checks */}
                  <img src={url} alt={t("photoAlt", { n: i + 1 })} className="h-20 w-20 rounded-md object-cover ring-1 ring-stone-200" />
                </a>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-stone-600">{t("photoCount", { count: request.photos.length })}</p>
        )
      ) : null}
      {request.sellerNote ? (
        <p className="rounded-md bg-stone-50 px-2 py-1 text-stone-800">{t("sellerNote", { note: request.sellerNote })}</p>
      ) : null}
      {request.adminNote ? (
        <p className="rounded-md bg-stone-50 px-2 py-1 text-stone-800">{t("adminNote", { note: request.adminNote })}</p>
      ) : null}
      {deadlineNote && request.status === "OPEN" ? (
        <p className="text-xs text-stone-600">{t("answerBy", { time: time.format(request.answerBy) })}</p>
      ) : null}
      {children}
    </article>
  );
}
