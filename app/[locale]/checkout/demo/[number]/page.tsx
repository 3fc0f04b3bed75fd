// The demo payment page (no Stripe configured): clearly a demo, no money moves. Paying here runs
// the same fulfilment as a Stripe payment (lib/orders/fulfilment.ts).
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { DemoPayButtons } from "@/components/shop/DemoPayButtons";
import { ShopMessages } from "@/components/shop/ShopMessages";
import { LocalLink } from "@/components/ui/LocalLink";
import { localizedPath } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { localName } from "@/lib/i18n/pick";
import { formatFen } from "@/lib/money";
import { isOrderAccessToken } from "@/lib/orders/access";
import { ORDER_NUMBER } from "@/lib/orders/number";
import { orderOfNumber } from "@/lib/orders/orders.server";
import { paymentConfig } from "@/lib/payments/config";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ locale: string; number: string }>; searchParams: Promise<{ t?: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: pageLocale((await params).locale), namespace: "checkout.demo" });
  return { title: t("title"), robots: { index: false } };
}

export default async function DemoPaymentPage({ params, searchParams }: Props) {
  const { locale: raw, number } = await params;
  const locale = pageLocale(raw);
  const token = (await searchParams).t ?? "";
  if (!ORDER_NUMBER.test(number) || paymentConfig().provider !== "demo") notFound();
  const order = await orderOfNumber(number);
  if (!order || order.paymentProvider !== "demo" || !isOrderAccessToken(order.id, token)) notFound();
  const t = await getTranslations({ locale, namespace: "checkout.demo" });
  const orderPath = `${localizedPath(locale, `/orders/${order.number}`)}?t=${token}`;
  const open = order.status === "PENDING_PAYMENT" && order.reservedUntil.getTime() > Date.now();

  return (
    <div className="mx-auto max-w-md space-y-4">
      <p
        className="rounded-lg border-2 border-dashed border-amber-500 bg-amber-50 px-3 py-2 text-sm font-semibold text-amber-900"
        role="note"
      >
        {t("banner")}
      </p>
      <div className="space-y-3 rounded-xl bg-white p-5 shadow-sm ring-1 ring-stone-200">
        <h1 className="text-xl font-bold">{t("title")}</h1>
        <p className="text-sm text-stone-600">{t("order", { number: order.number })}</p>
        <ul className="space-y-1 text-sm">
          {order.lines.map((l) => (
            <li key={l.id} className="flex justify-between gap-3">
              <span>
                {localName(locale, l.product)} × {l.quantity}
              </span>
              <span>{formatFen(l.netFen)}</span>
            </li>
          ))}
        </ul>
        <p className="flex justify-between border-t border-stone-100 pt-2 text-lg font-semibold">
          <span>{t("amount")}</span>
          <span className="text-brand-700">{formatFen(order.totalFen)}</span>
        </p>
        {open ? (
          <ShopMessages locale={locale}>
            <DemoPayButtons number={order.number} token={token} orderPath={orderPath} amount={formatFen(order.totalFen)} />
          </ShopMessages>
        ) : (
          <p className="rounded-lg bg-stone-100 px-3 py-2 text-sm">
            {t("closed")}{" "}
            <LocalLink locale={locale} href={`/orders/${order.number}?t=${token}`} className="font-semibold text-brand-700 underline">
              {t("viewOrder")}
            </LocalLink>
          </p>
        )}
      </div>
    </div>
  );
}
