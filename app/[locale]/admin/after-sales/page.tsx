// /admin/after-sales: the platform's decisions (售后仲裁). Escalated requests, oldest first, each
// with both sides' words and photos and the decision form; below, the latest decisions. Admins
// only (the admin layout answers 404 to anyone else, and the action checks again).
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { AdminDecide } from "@/components/after-sales/AdminDecide";
import { AfterSaleMessages } from "@/components/after-sales/AfterSaleMessages";
import { RequestCard } from "@/components/after-sales/RequestCard";
import { LocalLink } from "@/components/ui/LocalLink";
import { redirectToSignIn } from "@/components/console/sign-in";
import { platformAfterSales } from "@/lib/after-sales/after-sales.server";
import type { AfterSaleRow } from "@/lib/after-sales/queries";
import { getActor } from "@/lib/auth/session.server";
import { isLocale, type Locale } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { localName } from "@/lib/i18n/pick";

export const dynamic = "force-dynamic";

export async function generateMetadata({ params }: { params: Promise<{ locale: string }> }): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "afterSales.admin" });
  return { title: t("title"), robots: { index: false } };
}

async function Heading({ locale, r }: { locale: Locale; r: AfterSaleRow }) {
  const t = await getTranslations({ locale, namespace: "afterSales" });
  return (
    <div className="flex flex-wrap items-baseline justify-between gap-2">
      <h3 className="font-mono text-base font-semibold tracking-wide">
        <LocalLink
          locale={locale}
          href={`/coop/${r.operator.slug}/orders/${r.order.number}`}
          className="underline-offset-2 hover:underline"
        >
          {t("console.order", { number: r.order.number })}
        </LocalLink>
      </h3>
      <p className="text-xs text-stone-600">{t("admin.seller", { name: localName(locale, r.operator) })}</p>
    </div>
  );
}

export default async function AdminAfterSalesPage({ params }: { params: Promise<{ locale: string }> }) {
  const locale = pageLocale((await params).locale);
  const actor = await getActor();
  if (!actor) redirectToSignIn(locale, "/admin/after-sales");
  if (actor.role !== "ADMIN") notFound();
  const t = await getTranslations({ locale, namespace: "afterSales.admin" });
  const { waiting, decided } = await platformAfterSales();
  return (
    <div className="space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="text-sm text-stone-700">{t("intro")}</p>
      </div>
      <section className="space-y-3">
        <h2 className="text-lg font-semibold">{t("waiting", { count: waiting.length })}</h2>
        {waiting.length === 0 ? (
          <p className="rounded-xl bg-white p-6 text-center text-stone-700 ring-1 ring-stone-200">{t("none")}</p>
        ) : (
          waiting.map((r) => (
            <RequestCard key={r.id} locale={locale} request={r} showPhotos heading={<Heading locale={locale} r={r} />}>
              <AfterSaleMessages locale={locale}>
                <AdminDecide requestId={r.id} askedFen={r.askedFen} offeredFen={r.offeredFen} />
              </AfterSaleMessages>
            </RequestCard>
          ))
        )}
      </section>
      {decided.length ? (
        <section className="space-y-3">
          <h2 className="text-lg font-semibold">{t("decided")}</h2>
          {decided.map((r) => (
            <RequestCard key={r.id} locale={locale} request={r} showPhotos heading={<Heading locale={locale} r={r} />} />
          ))}
        </section>
      ) : null}
    </div>
  );
}
