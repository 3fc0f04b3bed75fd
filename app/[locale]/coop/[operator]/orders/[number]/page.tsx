// One order, as far as it is this operator's: its lines, the delivery address (shown in full only
// while there is something to send or on its way), shipping (carrier and tracking number, then
// delivered), refunds per line or of all the operator's lines, and the refund history. An order
// with no part of this operator's is a 404, like an unknown number.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { Breadcrumb } from "@/components/ui/Breadcrumb";
import { LocalLink } from "@/components/ui/LocalLink";
import { regionLine } from "@/lib/orders/seller-orders";
import { requireConsoleOperator } from "@/lib/operators/scope.server";
import { operatorOrder } from "@/lib/orders/seller-orders.server";
import { isLocale } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { localName, localText } from "@/lib/i18n/pick";
import { formatFen } from "@/lib/money";
import { carrierLabel } from "@/lib/orders/carriers";
import { REFUNDABLE_STATUSES } from "@/lib/orders/refunds";
import { ShipmentBadge } from "../_components/badges";
import { DeliverForm, ShipForm } from "../_components/ShipForms";
import { RefundAllForm, RefundLineForm } from "../_components/RefundForms";
import { Section } from "@/components/console/Section";
import { shanghaiFormat } from "@/lib/time/shanghai";

type Props = { params: Promise<{ locale: string; operator: string; number: string }> };

const NUMBER = /^[A-Za-z0-9_-]{1,40}$/;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, number } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "coop.order" });
  return { title: t("title", { number: NUMBER.test(number) ? number : "" }) };
}

/** 13800138000 → 138****8000 */
const maskMobile = (mobile: string) => (mobile.length >= 7 ? `${mobile.slice(0, 3)}****${mobile.slice(-4)}` : "****");

export default async function OrderPage({ params }: Props) {
  const { locale: raw, operator: slug, number } = await params;
  const locale = pageLocale(raw);
  const { operator } = await requireConsoleOperator(slug);
  if (!NUMBER.test(number)) notFound();
  const order = await operatorOrder(operator.id, number);
  if (!order) notFound();
  const t = await getTranslations({ locale, namespace: "coop.order" });
  const o = await getTranslations({ locale, namespace: "coop.orders" });
  const base = `/coop/${operator.slug}/orders`;
  const stamp = shanghaiFormat(locale, {
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  const { shipment, address } = order;
  const inTransit = shipment.status === "TO_SHIP" || shipment.status === "SHIPPED";
  const showAddress = inTransit && order.status !== "REFUNDED" && order.status !== "CANCELLED";
  const refundable = (REFUNDABLE_STATUSES as readonly string[]).includes(order.status);
  const openFen = order.lines.reduce((s, l) => s + l.openFen, 0);
  const unitOf = (l: { unitZh: string; unitEn: string }) => localText(locale, l.unitZh, l.unitEn);

  return (
    <div className="space-y-4">
      <Breadcrumb
        label={t("breadcrumb")}
        items={[
          {
            key: "list",
            node: (
              <LocalLink locale={locale} href={base} className="text-brand-700 underline">
                {o("title")}
              </LocalLink>
            ),
          },
          {
            key: "this",
            node: (
              <span aria-current="page" className="font-mono">
                {order.number}
              </span>
            ),
          },
        ]}
      />

      <header className="space-y-1">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="font-mono text-xl font-bold tracking-wide sm:text-2xl">{order.number}</h1>
          <ShipmentBadge status={shipment.status} label={o(`shipmentStatus.${shipment.status}`)} />
        </div>
        <p className="text-sm text-stone-700">
          {order.paidAt ? t("paidAt", { date: stamp.format(order.paidAt) }) : null}
          {" · "}
          <span data-testid="order-status">{t("orderStatus", { status: o(`orderStatus.${order.status}`) })}</span>
        </p>
      </header>

      <Section title={t("yourPart")} id="lines-title" testId="order-lines">
        <ul className="divide-y divide-stone-100">
          {order.lines.map((l) => (
            <li key={l.id} className="space-y-0.5 py-2 first:pt-0 last:pb-0" data-testid="order-line">
              <div className="flex justify-between gap-3">
                <p className="min-w-0 font-medium text-stone-900">{localName(locale, l)}</p>
                <p className="shrink-0 font-semibold tabular-nums">{formatFen(l.netFen)}</p>
              </div>
              <p className="text-xs text-stone-600">
                {localText(locale, l.specZh, l.specEn)} · {t("unitPrice", { price: formatFen(l.unitPriceFen) })} ·{" "}
                {o("lineQty", { quantity: l.quantity, unit: unitOf(l) })}
              </p>
              {l.refundedFen > 0 || l.restockedQty > 0 ? (
                <p className="text-xs text-amber-900">
                  {l.refundedFen > 0 ? t("refundedPart", { amount: formatFen(l.refundedFen) }) : null}
                  {l.refundedFen > 0 && l.restockedQty > 0 ? " · " : null}
                  {l.restockedQty > 0 ? t("restocked", { count: l.restockedQty, unit: unitOf(l) }) : null}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
        {order.shipping ? (
          <p className="flex justify-between gap-3 border-t border-stone-100 pt-2 text-sm" data-testid="order-shipping">
            <span className="text-stone-700">
              {t("shippingFee")}
              {order.shipping.refundedFen > 0 ? (
                <span className="ml-2 text-xs text-amber-900">{t("refundedPart", { amount: formatFen(order.shipping.refundedFen) })}</span>
              ) : null}
            </span>
            <span className="tabular-nums">{formatFen(order.shipping.feeFen)}</span>
          </p>
        ) : null}
        <p className="flex justify-between border-t border-stone-200 pt-2 text-sm">
          <span className="text-stone-700">{t("total")}</span>
          <span className="font-bold tabular-nums" data-testid="order-total">
            {formatFen(order.amountFen + (order.shipping?.feeFen ?? 0))}
            {order.refundedFen + (order.shipping?.refundedFen ?? 0) > 0 ? (
              <span className="ml-2 text-xs font-normal text-amber-900">
                {t("refundedPart", { amount: formatFen(order.refundedFen + (order.shipping?.refundedFen ?? 0)) })}
              </span>
            ) : null}
          </span>
        </p>
        {order.otherSellersLines > 0 ? (
          <p className="text-xs text-stone-600">{t("otherSellers", { count: order.otherSellersLines })}</p>
        ) : null}
      </Section>

      <Section title={t("address.title")} id="address-title" testId="order-address">
        {showAddress ? (
          <>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="text-stone-600">{t("address.recipient")}</dt>
              <dd className="font-medium">{address.recipient}</dd>
              <dt className="text-stone-600">{t("address.mobile")}</dt>
              <dd>
                <a href={`tel:${address.mobile}`} className="font-medium tabular-nums text-brand-700 underline">
                  {address.mobile}
                </a>
              </dd>
              <dt className="text-stone-600">{t("address.region")}</dt>
              <dd>{regionLine(address)}</dd>
              <dt className="text-stone-600">{t("address.street")}</dt>
              <dd className="break-words">{address.address}</dd>
            </dl>
            <p className="text-xs text-stone-600">{t("address.note")}</p>
          </>
        ) : (
          <>
            <p className="text-sm">
              {address.recipient} · {maskMobile(address.mobile)} · {regionLine(address)}
            </p>
            <p className="text-xs text-stone-600">{t("address.hidden")}</p>
          </>
        )}
      </Section>

      <Section title={t("shipping.title")} id="shipping-title" testId="shipping-panel">
        {shipment.status === "CANCELLED" ? (
          <p className="text-sm text-stone-700">{t("shipping.cancelled")}</p>
        ) : order.status === "REFUNDED" || order.status === "CANCELLED" ? (
          <p className="text-sm text-stone-700">{t("shipping.orderClosed")}</p>
        ) : shipment.status === "TO_SHIP" ? (
          <ShipForm shipmentId={shipment.id} />
        ) : (
          <div className="space-y-3">
            <p className="text-sm text-stone-900" data-testid="shipment-tracking">
              {t("shipping.shipped", { carrier: carrierLabel(shipment.carrier, locale), trackingNo: shipment.trackingNo ?? "" })}
            </p>
            <p className="text-xs text-stone-600">
              {shipment.shippedAt ? t("shipping.shippedOn", { date: stamp.format(shipment.shippedAt) }) : null}
              {shipment.deliveredAt ? ` · ${t("shipping.deliveredOn", { date: stamp.format(shipment.deliveredAt) })}` : null}
            </p>
            {shipment.status === "SHIPPED" ? <DeliverForm shipmentId={shipment.id} /> : null}
          </div>
        )}
      </Section>

      <Section title={t("refund.title")} id="refund-title" testId="refund-panel">
        {!refundable ? (
          <p className="text-sm text-stone-700">{t("refund.notRefundable")}</p>
        ) : openFen === 0 ? (
          <p className="text-sm text-stone-700">{t("refund.nothingLeftAll")}</p>
        ) : (
          <>
            <p className="text-sm text-stone-700">{t("refund.intro")}</p>
            <ul className="space-y-3">
              {order.lines.map((l) => (
                <li key={l.id} className="rounded-lg bg-stone-50 p-3 ring-1 ring-stone-200" data-testid="refund-line">
                  <p className="mb-2 text-sm font-medium text-stone-900">{localName(locale, l)}</p>
                  {l.openFen === 0 ? (
                    <p className="text-sm text-stone-700">{t("refund.nothingLeft")}</p>
                  ) : (
                    <RefundLineForm
                      orderId={order.id}
                      lineId={l.id}
                      name={localName(locale, l)}
                      openFen={l.openFen}
                      openQty={l.openQty}
                      unit={unitOf(l)}
                      shippingOpenFen={order.shipping?.openFen ?? 0}
                    />
                  )}
                </li>
              ))}
            </ul>
            {order.lines.filter((l) => l.openFen > 0).length > 1 ? (
              <RefundAllForm
                orderId={order.id}
                lines={order.lines.filter((l) => l.openFen > 0).map((l) => ({ id: l.id, openQty: l.openQty }))}
                openFen={openFen}
                shippingOpenFen={order.shipping?.openFen ?? 0}
              />
            ) : null}
          </>
        )}
      </Section>

      <Section title={t("history.title")} id="history-title" testId="refund-history">
        {order.refunds.length === 0 ? (
          <p className="text-sm text-stone-700">{t("history.none")}</p>
        ) : (
          <ul className="divide-y divide-stone-100">
            {order.refunds.map((r) => (
              <li key={r.id} className="space-y-1 py-2 first:pt-0 last:pb-0 text-sm" data-testid="refund-item">
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <span className="font-semibold tabular-nums">{formatFen(r.amountFen)}</span>
                  <span
                    className={`text-xs font-medium ${r.status === "SUCCEEDED" ? "text-leaf-700" : r.status === "FAILED" ? "text-red-800" : "text-amber-900"}`}
                  >
                    {t(`history.status.${r.status}`)}
                  </span>
                </div>
                <ul className="text-xs text-stone-700">
                  {r.lines.map((l) => (
                    <li key={l.orderLineId}>
                      {t("history.line", { name: localName(locale, l), amount: formatFen(l.amountFen) })}
                      {l.quantity > 0 ? ` · ${t("history.restocked", { count: l.quantity, unit: unitOf(l) })}` : null}
                    </li>
                  ))}
                  {r.shippingFen > 0 ? <li>{t("history.shipping", { amount: formatFen(r.shippingFen) })}</li> : null}
                </ul>
                {r.reason ? <p className="text-xs text-stone-800">{t("history.reason", { reason: r.reason })}</p> : null}
                <p className="text-xs text-stone-600">
                  {stamp.format(r.createdAt)}
                  {r.byName ? ` · ${r.byAdmin ? t("history.byAdmin", { name: r.byName }) : t("history.by", { name: r.byName })}` : null}
                </p>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}
