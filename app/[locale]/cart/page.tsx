// The cart: what the shopper picked, at today's prices, with what changed since.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CartLines } from "@/components/shop/CartLines";
import { ShopMessages } from "@/components/shop/ShopMessages";
import { LocalLink } from "@/components/ui/LocalLink";
import { getActor } from "@/lib/auth/session.server";
import { callerCartView } from "@/lib/cart/session.server";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { formatFen } from "@/lib/money";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ locale: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const t = await getTranslations({ locale: pageLocale((await params).locale), namespace: "cart" });
  return { title: t("title"), robots: { index: false } };
}

export default async function CartPage({ params }: Props) {
  const locale = pageLocale((await params).locale);
  const t = await getTranslations({ locale, namespace: "cart" });
  const cart = await callerCartView(await getActor());
  const lines = cart.groups.flatMap((g) => g.lines);

  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      {lines.length === 0 ? (
        <div className="rounded-xl bg-white p-6 text-center shadow-sm ring-1 ring-stone-200">
          <p className="text-stone-700">{t("empty")}</p>
          <LocalLink
            locale={locale}
            href="/products"
            className="mt-3 inline-block rounded-lg bg-brand-700 px-4 py-2 font-semibold text-white"
          >
            {t("browse")}
          </LocalLink>
        </div>
      ) : (
        <>
          {cart.changed ? (
            <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-600/20" role="status">
              {t("changedNotice")}
            </p>
          ) : null}
          <ShopMessages locale={locale}>
            <CartLines locale={locale} groups={cart.groups} />
          </ShopMessages>
          <div className="sticky bottom-0 flex flex-wrap items-center justify-between gap-3 rounded-xl bg-white p-4 shadow-md ring-1 ring-stone-200">
            <p>
              <span className="text-stone-700">{t("total", { units: cart.units })}</span>{" "}
              <strong className="text-xl text-brand-700" data-testid="cart-total">
                {formatFen(cart.totalFen)}
              </strong>
            </p>
            {cart.units > 0 ? (
              <LocalLink
                locale={locale}
                href="/checkout"
                className="rounded-lg bg-brand-700 px-6 py-2.5 font-semibold text-white hover:bg-brand-800"
              >
                {t("checkout")}
              </LocalLink>
            ) : null}
          </div>
        </>
      )}
    </div>
  );
}
