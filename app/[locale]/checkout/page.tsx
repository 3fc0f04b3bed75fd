// Checkout: the delivery address, whom a member of buyer organisations buys for, a summary at
// today's prices, then Pay.
import { randomBytes } from "node:crypto";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CheckoutForm } from "@/components/shop/CheckoutForm";
import { addressBookOf } from "@/lib/addresses/addresses.server";
import { ShopMessages } from "@/components/shop/ShopMessages";
import { LocalLink } from "@/components/ui/LocalLink";
import { getActor } from "@/lib/auth/session.server";
import { callerCartView } from "@/lib/cart/session.server";
import { lastAddressOf } from "@/lib/orders/orders.server";
import { localizedPath } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { localName, localText } from "@/lib/i18n/pick";
import { checkoutOrganisationsOf } from "@/lib/organisations/organisations.server";
import { checkoutSellers } from "@/lib/shipping-fees/shipping.server";
import { buyNowItem } from "@/lib/cart/buy-now.server";
import { canPayByTransfer } from "@/lib/payments/transfers.server";

export const dynamic = "force-dynamic";

const EMPTY_ADDRESS = { recipient: "", mobile: "", province: "", city: "", district: "", address: "" };

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Pick<Props, "params">): Promise<Metadata> {
  const t = await getTranslations({ locale: pageLocale((await params).locale), namespace: "checkout" });
  return { title: t("title"), robots: { index: false } };
}

export default async function CheckoutPage({ params, searchParams }: Props) {
  const locale = pageLocale((await params).locale);
  const t = await getTranslations({ locale, namespace: "checkout" });
  const actor = await getActor();
  const query = await searchParams;
  // 立即购买 (/checkout?buy=<product>&qty=N): this product alone; otherwise the cart.
  const buy = typeof query.buy === "string" ? await buyNowItem(query.buy, typeof query.qty === "string" ? query.qty : undefined) : null;
  const cart = buy ? null : await callerCartView(actor);
  const fromCart = (cart?.groups ?? []).flatMap((g) =>
    g.lines
      .filter((l) => l.available)
      .map((l) => ({
        productId: l.productId,
        name: localName(locale, l),
        spec: localText(locale, l.specZh, l.specEn),
        quantity: l.quantity,
        priceFen: l.priceFen,
      })),
  );
  const items = buy
    ? [
        {
          productId: buy.productId,
          name: localName(locale, buy),
          spec: localText(locale, buy.specZh, buy.specEn),
          quantity: buy.quantity,
          priceFen: buy.priceFen,
        },
      ]
    : fromCart;
  const sellers = items.length ? await checkoutSellers(items) : [];
  const sf = await getTranslations({ locale, namespace: "shippingFees" });
  const shipping = {
    sellers,
    labels: {
      shipping: sf("shipping"),
      free: sf("free"),
      pickProvince: sf("pickProvince"),
      notDelivered: sf.raw("notDelivered") as string,
      coldChain: sf("coldChain"),
    },
  };
  // A signed-in shopper's address book (the default preselected); with none, the last order's
  // address, to spare the typing.
  const saved = actor ? await addressBookOf(actor.userId) : [];
  const last = actor && !saved.length ? await lastAddressOf(actor.userId) : null;
  // A member of buyer organisations chooses whom the order is for (the server checks it again).
  const memberOf = actor ? await checkoutOrganisationsOf(actor.userId) : [];
  const o = await getTranslations({ locale, namespace: "organisations" });
  const organisations = memberOf.length
    ? {
        options: memberOf.map((org) => ({ id: org.id, name: localName(locale, org), kind: o(`kinds.${org.kind}`) })),
        labels: {
          legend: o("checkout.legend"),
          hint: o("checkout.hint"),
          personal: o("checkout.personal"),
          personalHint: o("checkout.personalHint"),
        },
      }
    : undefined;
  const transferAllowed = await canPayByTransfer(actor);

  return (
    <div className="mx-auto max-w-5xl space-y-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      {items.length === 0 ? (
        <p className="rounded-xl bg-white p-6 text-center shadow-sm ring-1 ring-stone-200">
          {t("nothing")}{" "}
          <LocalLink locale={locale} href="/cart" className="font-semibold text-brand-700 underline">
            {t("backToCart")}
          </LocalLink>
        </p>
      ) : (
        <>
          {!actor ? (
            <p className="rounded-lg bg-stone-100 px-3 py-2 text-sm text-stone-700">
              {t("guestNote")}{" "}
              <LocalLink
                locale={locale}
                href={`/signin?callbackUrl=${encodeURIComponent(localizedPath(locale, "/checkout"))}`}
                className="font-semibold text-brand-700 underline"
              >
                {t("signIn")}
              </LocalLink>
            </p>
          ) : null}
          <ShopMessages locale={locale}>
            <CheckoutForm
              locale={locale}
              checkoutKey={randomBytes(16).toString("base64url")}
              items={items}
              totalFen={items.reduce((s, i) => s + i.priceFen * i.quantity, 0)}
              askEmail={!actor}
              organisations={organisations}
              initial={last ?? EMPTY_ADDRESS}
              saved={saved}
              canSave={Boolean(actor)}
              shipping={shipping}
              transferAllowed={transferAllowed}
            />
          </ShopMessages>
        </>
      )}
    </div>
  );
}
