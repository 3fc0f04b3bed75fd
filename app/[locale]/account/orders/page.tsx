// The signed-in shopper's orders, newest first.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { redirect } from "next/navigation";
import { OrderStatusBadge } from "@/components/shop/OrderStatus";
import { LocalLink } from "@/components/ui/LocalLink";
import { getActor } from "@/lib/auth/session.server";
import { localizedPath } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { localName } from "@/lib/i18n/pick";
import { formatFen } from "@/lib/money";
import { ordersOf } from "@/lib/orders/orders.server";
import { shanghaiFormat } from "@/lib/time/shanghai";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: pageLocale((await params).locale), namespace: "orders" });
  return { title: t("myOrders"), robots: { index: false } };
}

export default async function MyOrdersPage({ params }: Props) {
  const locale = pageLocale((await params).locale);
  const actor = await getActor();
  if (!actor) redirect(`${localizedPath(locale, "/signin")}?callbackUrl=${encodeURIComponent(localizedPath(locale, "/account/orders"))}`);
  const t = await getTranslations({ locale, namespace: "orders" });
  const orders = await ordersOf(actor.userId);
  const date = shanghaiFormat(locale, { dateStyle: "medium" });
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">{t("myOrders")}</h1>
      {orders.length === 0 ? (
        <p className="rounded-xl bg-white p-6 text-center shadow-sm ring-1 ring-stone-200">
          {t("noOrders")}{" "}
          <LocalLink locale={locale} href="/products" className="font-semibold text-brand-700 underline">
            {t("browse")}
          </LocalLink>
        </p>
      ) : (
        <ul className="space-y-3">
          {orders.map((o) => (
            <li key={o.number}>
              <LocalLink
                locale={locale}
                href={`/orders/${o.number}`}
                className="block space-y-1 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200 hover:ring-brand-700"
                data-testid="my-order"
              >
                <span className="flex flex-wrap items-center justify-between gap-2">
                  <span className="font-semibold">{o.number}</span>
                  <OrderStatusBadge locale={locale} status={o.status} />
                </span>
                <span className="block truncate text-sm text-stone-700">
                  {o.lines.map((l) => `${localName(locale, l.product)} × ${l.quantity}`).join("、")}
                </span>
                <span className="flex justify-between text-sm text-stone-600">
                  <span>{date.format(o.createdAt)}</span>
                  <span className="font-semibold text-stone-900">{formatFen(o.totalFen)}</span>
                </span>
              </LocalLink>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
