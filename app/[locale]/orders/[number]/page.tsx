// An order, for its shopper: status, each seller's shipment, the address, and the impact receipt.
// Opened by its owner, an admin, or anyone with the order's link (?t=, what guests get). Coming
// back from Stripe (?session_id=) it asks Stripe at once, through the same fulfilment as the
// webhook, so the shopper sees "paid" even if the webhook is late.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { CancelOrderButton } from "@/components/shop/CancelOrderButton";
import { ConfirmReceiptButton, ReceiptMessages } from "@/components/shop/ConfirmReceipt";
import { AUTO_CONFIRM_DAYS } from "@/lib/orders/receipt";
import { ImpactReceipt } from "@/components/shop/ImpactReceipt";
import { OrderStatusBadge } from "@/components/shop/OrderStatus";
import { ShopMessages } from "@/components/shop/ShopMessages";
import { LocalLink } from "@/components/ui/LocalLink";
import { getActor } from "@/lib/auth/session.server";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { localName, localText } from "@/lib/i18n/pick";
import { ShippingLine } from "@/components/shipping/ShippingLine";
import { formatFen } from "@/lib/money";
import { isOrderAccessToken, orderAccessToken } from "@/lib/orders/access";
import { ORDER_NUMBER } from "@/lib/orders/number";
import { impactReceiptOf, orderOfNumber, settleReturnFromStripe } from "@/lib/orders/orders.server";
import { shanghaiFormat } from "@/lib/time/shanghai";
import type { Locale } from "@/lib/i18n/locales";
import { AfterSaleMessages } from "@/components/after-sales/AfterSaleMessages";
import { BuyerRequestActions } from "@/components/after-sales/BuyerRequestActions";
import { OpenAfterSaleForm } from "@/components/after-sales/OpenAfterSaleForm";
import { RequestCard } from "@/components/after-sales/RequestCard";
import { Badge } from "@/components/ui/Badge";
import { optionsOfOrder, requestsOfOrder } from "@/lib/after-sales/after-sales.server";
import { isActive, isPartlyShipped, partStage } from "@/lib/after-sales/rules";
import { ReviewForm } from "@/components/reviews/ReviewForm";
import { Stars } from "@/components/reviews/ReviewList";
import { ShareCardOffer } from "@/components/trace/ShareCardOffer";
import { reviewStateOfOrder } from "@/lib/reviews/reviews.server";
import { NextIntlClientProvider } from "next-intl";
import { getMessages } from "next-intl/server";
import { OrderInvoices } from "@/components/invoices/OrderInvoices";
import { TransferInstructions } from "@/components/shop/TransferInstructions";
import { invoicesOfOrder } from "@/lib/invoices/invoices.server";
import { transferAccount } from "@/lib/payments/transfer";

export const dynamic = "force-dynamic";

type Props = {
  params: Promise<{ locale: string; number: string }>;
  searchParams: Promise<{ t?: string; session_id?: string; cancelled?: string }>;
};

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale, number } = await params;
  const t = await getTranslations({ locale: pageLocale(locale), namespace: "orders" });
  return { title: t("orderTitle", { number: ORDER_NUMBER.test(number) ? number : "" }), robots: { index: false } };
}

const time = (locale: string, d: Date) => shanghaiFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(d);

export default async function OrderPage({ params, searchParams }: Props) {
  const { locale: raw, number } = await params;
  const locale = pageLocale(raw);
  const query = await searchParams;
  if (!ORDER_NUMBER.test(number)) notFound();
  let order = await orderOfNumber(number);
  if (!order) notFound();
  const actor = await getActor();
  const mayOpen = (actor && (order.userId === actor.userId || actor.role === "ADMIN")) || isOrderAccessToken(order.id, query.t);
  if (!mayOpen) notFound();

  if (query.session_id) {
    await settleReturnFromStripe(order, query.session_id);
    order = (await orderOfNumber(number))!;
  }
  const t = await getTranslations({ locale, namespace: "orders" });
  const tr = await getTranslations({ locale, namespace: "receipt" });
  const token = orderAccessToken(order.id);
  const receipt = order.paidAt ? await impactReceiptOf(order.id) : null;
  const linesOf = (operatorId: string) => order.lines.filter((l) => l.operatorId === operatorId);
  const shippingOf = (operatorId: string) => order.shipping.find((s) => s.operatorId === operatorId);
  const sf = await getTranslations({ locale, namespace: "shippingFees" });
  const shippingLabels = { shipping: sf("shipping"), free: sf("free"), coldChain: sf("coldChain"), refunded: sf.raw("refunded") as string };
  const pending = order.status === "PENDING_PAYMENT";
  const as = await getTranslations({ locale, namespace: "afterSales" });
  const requests = order.paidAt ? await requestsOfOrder(order.id) : [];
  const options = order.paidAt ? await optionsOfOrder(order.id) : [];
  // Photos are private files: their buyer sees them when signed in (a guest link does not open them).
  const showPhotos = actor !== null && (order.userId === actor.userId || actor.role === "ADMIN");
  const stageOf = (s: { operatorId: string; status: string | null; receivedAt: Date | null }) =>
    partStage({
      shipmentStatus: s.status,
      receivedAt: s.receivedAt,
      activeAfterSale: requests.some((r) => r.operatorId === s.operatorId && isActive(r.status)),
    });
  const partly = isPartlyShipped(order.shipments.map(stageOf));
  // Reviews are written by the signed-in buyer (a guest holding the link cannot: a review has an author).
  const isBuyer = !!actor && order.userId === actor.userId;
  const reviewState = isBuyer && order.paidAt ? await reviewStateOfOrder(actor.userId, order.id) : {};
  const rv = await getTranslations({ locale, namespace: "reviews" });
  const all = await getMessages({ locale });
  // 对公转账: the order page is the "payment page"; it shows the account and the reference instead of a Pay button.
  const byTransfer = order.paymentProvider === "transfer";
  const account = pending && byTransfer && order.transferReference ? transferAccount() : null;
  const payable = pending && !byTransfer && !order.awaitingAsyncPay && order.paymentUrl && order.reservedUntil.getTime() > Date.now();
  const invoices = await invoicesOfOrder(order.id);
  const sellerName = (operatorId: string) => {
    const operator = order.shipments.find((s) => s.operatorId === operatorId)?.operator;
    return operator ? localName(locale, operator) : t("seller");
  };

  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-2xl font-bold">{t("orderTitle", { number: order.number })}</h1>
        <OrderStatusBadge locale={locale} status={order.status} />
        {partly ? (
          <span data-testid="partly-shipped">
            <Badge tone="gi">{as("partlyShipped")}</Badge>
          </span>
        ) : null}
      </div>
      <p className="text-sm text-stone-600">
        {t("placedAt", { time: time(locale, order.createdAt) })}
        {order.paidAt ? ` · ${t("paidAt", { time: time(locale, order.paidAt) })}` : null}
      </p>

      {pending ? (
        <div className="flex flex-wrap items-center gap-3 rounded-xl bg-amber-50 p-4 ring-1 ring-amber-600/20">
          <p className="flex-1 basis-60 text-sm text-amber-900">
            {order.awaitingAsyncPay
              ? t("awaitingAsync")
              : query.cancelled
                ? t("notPaidYet")
                : t("payBefore", { time: time(locale, order.reservedUntil) })}
          </p>
          {payable ? (
            <a href={order.paymentUrl!} className="rounded-lg bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
              {t("payNow")}
            </a>
          ) : null}
          {!order.awaitingAsyncPay ? (
            <ShopMessages locale={locale}>
              <CancelOrderButton number={order.number} token={token} />
            </ShopMessages>
          ) : null}
        </div>
      ) : null}
      {account && order.transferReference ? (
        <TransferInstructions
          locale={locale}
          account={account}
          amountFen={order.totalFen}
          reference={order.transferReference}
          deadline={order.reservedUntil}
        />
      ) : null}
      {order.status === "CANCELLED" ? (
        <p className="rounded-lg bg-stone-100 px-3 py-2 text-sm text-stone-700">{t(`cancelReason.${order.cancelReason ?? "EXPIRED"}`)}</p>
      ) : null}
      {order.refundedFen > 0 ? (
        <p className="rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">{t("refunded", { amount: formatFen(order.refundedFen) })}</p>
      ) : null}

      {receipt ? <ImpactReceipt locale={locale} receipt={receipt} /> : null}
      {receipt && isBuyer && receipt.households > 0 ? (
        <NextIntlClientProvider locale={locale} messages={{ share: all.share, errors: all.errors }}>
          <ShareCardOffer number={order.number} />
        </NextIntlClientProvider>
      ) : null}

      {(order.shipments.length
        ? order.shipments
        : [...new Set(order.lines.map((l) => l.operatorId))].map((operatorId) => ({
            id: operatorId,
            operatorId,
            status: null,
            carrier: null,
            trackingNo: null,
            shippedAt: null,
            deliveredAt: null,
            receivedAt: null,
            operator: null,
          }))
      ).map((shipment) => (
        <section key={shipment.id} className="rounded-xl bg-white shadow-sm ring-1 ring-stone-200" data-testid="shipment">
          <div className="flex flex-wrap items-center justify-between gap-2 border-b border-stone-100 px-4 py-2.5">
            <h2 className="text-sm font-semibold text-stone-700">
              {shipment.operator ? localName(locale, shipment.operator) : t("seller")}
            </h2>
            {shipment.status ? (
              <span className="text-sm font-medium" data-testid="shipment-status">
                {stageOf(shipment) === "shipped" ? t(`shipment.${shipment.status}`) : as(`stage.${stageOf(shipment)}`)}
                {shipment.carrier ? ` · ${shipment.carrier} ${shipment.trackingNo ?? ""}` : null}
              </span>
            ) : null}
          </div>
          {(shipment.status === "SHIPPED" || shipment.status === "DELIVERED") &&
          !shipment.receivedAt &&
          order.status !== "REFUNDED" &&
          order.status !== "CANCELLED" ? (
            <div className="flex flex-wrap items-center justify-between gap-2 border-b border-stone-100 bg-stone-50 px-4 py-2.5">
              <p className="text-xs text-stone-600">{tr("autoNote", { days: AUTO_CONFIRM_DAYS })}</p>
              <ReceiptMessages locale={locale}>
                <ConfirmReceiptButton number={order.number} token={token} shipmentId={shipment.id} />
              </ReceiptMessages>
            </div>
          ) : null}
          <ul className="divide-y divide-stone-100">
            {linesOf(shipment.operatorId).map((l) => (
              <li key={l.id} className="flex flex-wrap justify-between gap-2 px-4 py-2.5 text-sm">
                <span className="min-w-0">
                  {/* No prefetch: the buyer reviews here, and a prefetch of the (cached) product page still
                      rendering when the review lands would be kept as the page's fresh copy. */}
                  <LocalLink locale={locale} href={`/products/${l.product.slug}`} prefetch={false} className="font-medium hover:underline">
                    {localName(locale, l.product)}
                  </LocalLink>{" "}
                  <span className="text-stone-600">
                    {localText(locale, l.product.specZh, l.product.specEn)} × {l.quantity}
                  </span>
                  {l.refundedFen > 0 ? (
                    <span className="ml-2 text-red-700">{t("lineRefunded", { amount: formatFen(l.refundedFen) })}</span>
                  ) : null}
                </span>
                <span>{formatFen(l.netFen)}</span>
                {reviewState[l.id]?.state === "can" ? (
                  <div className="w-full">
                    <NextIntlClientProvider locale={locale} messages={{ reviews: all.reviews, errors: all.errors }}>
                      <ReviewForm orderLineId={l.id} product={localName(locale, l.product)} />
                    </NextIntlClientProvider>
                  </div>
                ) : reviewState[l.id]?.state === "done" ? (
                  <p className="w-full text-xs text-stone-600" data-testid="reviewed">
                    <Stars stars={reviewState[l.id]!.stars!} label={rv("stars", { stars: reviewState[l.id]!.stars! })} />{" "}
                    {rv("form.reviewed", { stars: reviewState[l.id]!.stars! })}
                  </p>
                ) : null}
              </li>
            ))}
            {shippingOf(shipment.operatorId) ? (
              <ShippingLine
                feeFen={shippingOf(shipment.operatorId)!.feeFen}
                refundedFen={shippingOf(shipment.operatorId)!.refundedFen}
                coldChain={shippingOf(shipment.operatorId)!.coldChain}
                labels={shippingLabels}
              />
            ) : null}
          </ul>
          <AfterSaleSection
            locale={locale}
            number={order.number}
            token={token}
            operatorId={shipment.operatorId}
            sellerName={shipment.operator ? localName(locale, shipment.operator) : t("seller")}
            lineLabel={(id) => {
              const l = order.lines.find((x) => x.id === id)!;
              return `${localName(locale, l.product)} ${localText(locale, l.product.specZh, l.product.specEn)} × ${l.quantity}`;
            }}
            requests={requests.filter((r) => r.operatorId === shipment.operatorId)}
            option={options.find((o) => o.operatorId === shipment.operatorId)}
            showPhotos={showPhotos}
          />
        </section>
      ))}

      {order.status !== "CANCELLED" && order.status !== "PENDING_PAYMENT" ? (
        <OrderInvoices locale={locale} number={order.number} token={token} data={invoices} sellerName={sellerName} />
      ) : null}

      <div className="grid gap-4 sm:grid-cols-2">
        <section className="rounded-xl bg-white p-4 text-sm shadow-sm ring-1 ring-stone-200">
          <h2 className="mb-1 font-semibold">{t("deliverTo")}</h2>
          <p>
            {order.recipient} {order.mobile.replace(/^(\d{3})\d{4}(\d{4})$/, "$1****$2")}
          </p>
          <p className="text-stone-700">
            {order.province} {order.city} {order.district} {order.address}
          </p>
        </section>
        <section className="rounded-xl bg-white p-4 text-sm shadow-sm ring-1 ring-stone-200">
          <p className="flex justify-between">
            <span>{t("total")}</span>
            <strong className="text-lg text-brand-700" data-testid="order-total">
              {formatFen(order.totalFen)}
            </strong>
          </p>
          <p className="mt-1 text-stone-600">{t(`channel.${order.channel}`)}</p>
          {!actor ? <p className="mt-2 text-xs text-stone-600">{t("keepLink")}</p> : null}
        </section>
      </div>
    </div>
  );
}

/** One seller's after-sales: its requests (with the shopper's answers) and the form to open one. */
async function AfterSaleSection({
  locale,
  number,
  token,
  operatorId,
  sellerName,
  lineLabel,
  requests,
  option,
  showPhotos,
}: {
  locale: Locale;
  number: string;
  token: string;
  operatorId: string;
  sellerName: string;
  lineLabel: (orderLineId: string) => string;
  requests: Awaited<ReturnType<typeof requestsOfOrder>>;
  option: Awaited<ReturnType<typeof optionsOfOrder>>[number] | undefined;
  showPhotos: boolean;
}) {
  if (!option && requests.length === 0) return null;
  const t = await getTranslations({ locale, namespace: "afterSales" });
  const time = shanghaiFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  const targets = option
    ? [
        ...option.lines.map((l) => ({ value: `line:${l.id}`, label: lineLabel(l.id), maxFen: l.maxFen })),
        ...(option.wholeMaxFen > 0 && (option.lines.length > 1 || option.wholeMaxFen > (option.lines[0]?.maxFen ?? 0))
          ? [{ value: `part:${operatorId}`, label: t("targetWhole", { seller: sellerName }), maxFen: option.wholeMaxFen }]
          : []),
      ]
    : [];
  const showWindow = option && option.closed !== "afterSaleNotDelivered";
  if (!requests.length && !targets.length && !showWindow) return null;
  return (
    <div className="space-y-2 border-t border-stone-100 px-4 py-3" data-testid="after-sales">
      <h3 className="text-sm font-semibold text-stone-700">{t("title")}</h3>
      {requests.map((r) => (
        <RequestCard key={r.id} locale={locale} request={r} showPhotos={showPhotos}>
          {r.status === "PARTIAL" || r.status === "REFUSED" ? (
            <AfterSaleMessages locale={locale}>
              <BuyerRequestActions number={number} token={token} requestId={r.id} status={r.status} offeredFen={r.offeredFen} />
            </AfterSaleMessages>
          ) : null}
        </RequestCard>
      ))}
      {showWindow ? (
        <p className="text-xs text-stone-600">
          {option.window.fresh
            ? t("windowFresh")
            : t("windowPackaged", { noReason: option.window.reasons.includes("OTHER") ? "yes" : "no" })}{" "}
          {option.closed === "afterSaleWindowClosed"
            ? t("windowClosed")
            : option.closesAt
              ? t("closesAt", { time: time.format(option.closesAt) })
              : null}
        </p>
      ) : null}
      {targets.length && option ? (
        <AfterSaleMessages locale={locale}>
          <OpenAfterSaleForm number={number} token={token} targets={targets} reasons={option.window.reasons} />
        </AfterSaleMessages>
      ) : null}
    </div>
  );
}
