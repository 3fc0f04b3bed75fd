// One operator's console: its name and the tabs of its sections. requireConsoleOperator
// answers 404 for an operator the signed-in user does not manage.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { LocalLink } from "@/components/ui/LocalLink";
import { getActor } from "@/lib/auth/session.server";
import { consoleOperatorTitle, requireConsoleOperator } from "@/lib/operators/scope.server";
import { isLocale, localizedPath } from "@/lib/i18n/locales";
import { localName } from "@/lib/i18n/pick";
import { ConsoleTabs } from "@/components/console/ConsoleTabs";
import { redirectToSignIn } from "@/components/console/sign-in";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { sellerOpenCount } from "@/lib/after-sales/after-sales.server";
import { invoiceCountsOf } from "@/lib/invoices/invoices.server";

// Per signed-in user, never cached: every page below reads the session (cookies).
export const dynamic = "force-dynamic";

type Props = { children: ReactNode; params: Promise<{ locale: string; operator: string }> };

export async function generateMetadata({ params }: Omit<Props, "children">): Promise<Metadata> {
  const { locale, operator: slug } = await params;
  if (!isLocale(locale)) return {};
  // Never notFound() here: metadata is resolved apart from rendering, and the layouts decide
  // what a visitor sees (sign-in for the signed-out, 404 for another cooperative's console).
  const actor = await getActor();
  const operator = await consoleOperatorTitle(actor, slug);
  if (!operator) return {};
  const t = await getTranslations({ locale, namespace: "coop" });
  return { title: { default: localName(locale, operator), template: `%s · ${localName(locale, operator)} · ${t("title")}` } };
}

export default async function OperatorConsoleLayout({ children, params }: Props) {
  const { locale: raw, operator: slug } = await params;
  const locale = pageLocale(raw);
  if (!(await getActor())) redirectToSignIn(locale, `/coop/${encodeURIComponent(slug)}`);
  const { actor, operator } = await requireConsoleOperator(slug);
  const t = await getTranslations({ locale, namespace: "coop" });
  const base = localizedPath(locale, `/coop/${operator.slug}`);
  // The 售后 tab shows how many requests wait for an answer.
  const waiting = await sellerOpenCount(operator.id);
  const afterSalesLabel = `${(await getTranslations({ locale, namespace: "afterSales.console" }))("nav")}${waiting ? ` ${waiting}` : ""}`;
  // 发票: requests to issue and invoices to reverse (红冲) wait here; the tab says how many.
  const invoiceCounts = await invoiceCountsOf(operator.id);
  const invoicesDue = invoiceCounts.toIssue + invoiceCounts.toReverse;
  const invoicesLabel = (await getTranslations({ locale, namespace: "invoices.console" }))("nav");
  const tabs = [
    { href: base, label: t("nav.overview"), exact: true },
    { href: `${base}/orders`, label: t("nav.orders") },
    { href: `${base}/after-sales`, label: afterSalesLabel },
    { href: `${base}/products`, label: t("nav.products") },
    { href: `${base}/campaigns`, label: (await getTranslations({ locale, namespace: "campaigns.console" }))("nav") },
    { href: `${base}/links`, label: t("nav.links") },
    { href: `${base}/payouts`, label: t("nav.payouts") },
    { href: `${base}/settlement`, label: t("nav.settlement") },
    { href: `${base}/invoices`, label: invoicesDue ? `${invoicesLabel} (${invoicesDue})` : invoicesLabel },
    { href: `${base}/shipping`, label: (await getTranslations({ locale, namespace: "shippingFees.console" }))("nav") },
    { href: `${base}/team`, label: t("nav.team") },
    { href: `${base}/reviews`, label: (await getTranslations({ locale, namespace: "reviews.console" }))("nav") },
  ];
  const several = actor.role === "ADMIN" || actor.operatorIds.length > 1;

  return (
    <div className="space-y-5 print:space-y-0">
      <div className="space-y-2 print:hidden">
        <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
          <p className="text-xs font-medium uppercase tracking-wide text-stone-600">{t("title")}</p>
          {several ? (
            <LocalLink locale={locale} href="/coop" className="text-xs font-medium text-brand-700 underline">
              {t("switchOperator")}
            </LocalLink>
          ) : null}
        </div>
        <p className="text-xl font-bold leading-tight text-stone-900" data-testid="console-operator">
          {localName(locale, operator)}
        </p>
        <ConsoleTabs tabs={tabs} label={t("nav.label")} />
      </div>
      {children}
    </div>
  );
}
