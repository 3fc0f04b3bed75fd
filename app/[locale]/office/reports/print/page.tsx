// /office/reports/print: the report on one A4 sheet, for reporting upward (向上级报送): the key
// figures, the breakdown by region and by channel, the first products and villages, when and from
// what it was made, and a line for the office's seal. Same URL filters as /office/reports.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { LocalLink } from "@/components/ui/LocalLink";
import { getActor } from "@/lib/auth/session.server";
import { isLocale } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { reportParams } from "@/lib/reports/filters";
import { formatCell } from "@/lib/reports/format";
import { readerReport } from "@/lib/reports/report.server";
import { mayReadReports } from "@/lib/reports/scope";
import { periodLabel, scopeLabel } from "@/lib/reports/tables";
import { ReportTable } from "../_components/ReportTable";
import { PrintButton } from "./PrintButton";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "reports" });
  return { title: t("print.title") };
}

// Only the sheet is printed: the site's header and footer and the console's tabs are left out.
const PRINT_CSS = `
@page { size: A4 portrait; margin: 12mm; }
@media print {
  body > header, body > footer { display: none !important; }
  main { max-width: none !important; padding: 0 !important; }
  html, body { background: #fff !important; }
  .report-sheet { font-size: 10.5px; box-shadow: none !important; border: 0 !important; padding: 0 !important; }
  .report-sheet > * + * { margin-top: 6px !important; }
  .report-sheet th, .report-sheet td { font-size: 9.5px !important; padding-top: 1px !important; padding-bottom: 1px !important; line-height: 1.3; }
  .report-sheet h2 { font-size: 11px; }
  nextjs-portal { display: none !important; }
}`;

export default async function ReportPrintPage({ params, searchParams }: Props) {
  const { locale: raw } = await params;
  const locale = pageLocale(raw);
  const actor = await getActor();
  if (!mayReadReports(actor)) notFound();
  const r = await readerReport(actor, await searchParams, locale, 10);
  const t = r.text.t;
  const summary = r.tables.summary;
  const products = { ...r.tables.products, title: t("print.topProducts"), rows: r.tables.products.rows.slice(0, 5), total: null };
  const villages = { ...r.tables.villages, title: t("print.topVillages"), rows: r.tables.villages.rows.slice(0, 10) };
  const campaigns = { ...r.tables.campaigns, rows: r.tables.campaigns.rows.slice(0, 3) };
  const buyerKinds = r.tables.buyerKinds;
  const pairings = { ...r.tables.pairings, rows: r.tables.pairings.rows.slice(0, 3) };
  const narrowed = r.scope.operator || r.scope.product || r.filters.category || r.filters.channel;

  return (
    <div className="space-y-4">
      <style>{PRINT_CSS}</style>
      <div className="flex flex-wrap items-center gap-3 print:hidden">
        <PrintButton label={t("print.button")} />
        <LocalLink
          locale={locale}
          href={`/office/reports?${reportParams(r.filters)}`}
          className="text-sm font-medium text-brand-800 underline"
        >
          {t("print.back")}
        </LocalLink>
      </div>
      <article
        className="report-sheet mx-auto max-w-[210mm] space-y-3 rounded-xl bg-white p-6 text-sm shadow-sm ring-1 ring-stone-200"
        data-testid="report-sheet"
      >
        <header className="space-y-1 border-b border-stone-300 pb-2 text-center">
          <h1 className="text-xl font-bold">{t("print.title")}</h1>
          <p className="font-medium" data-testid="print-scope">
            {scopeLabel(r.scope, locale, t("scope.allCounties"))} · {periodLabel(r.report.period, t)} ({r.report.period.from} –{" "}
            {r.report.period.to})
          </p>
          {narrowed ? <p className="text-xs text-stone-700">{r.header[2]![1]}</p> : null}
        </header>

        <dl className="grid grid-cols-2 gap-x-4 gap-y-1 sm:grid-cols-3 print:grid-cols-3" data-testid="print-figures">
          {summary.rows.map(([label, value], i) => (
            <div key={i} className="flex items-baseline justify-between gap-2 border-b border-dotted border-stone-300 py-0.5">
              <dt className="text-stone-700">{label!.kind === "text" ? label!.value : ""}</dt>
              <dd className="font-semibold tabular-nums">{formatCell(value!, locale, t("headline.none"))}</dd>
            </div>
          ))}
        </dl>

        <div className="space-y-1">
          <h2 className="font-semibold">{r.tables.regions.title}</h2>
          <ReportTable table={r.tables.regions} locale={locale} compact />
        </div>
        {/* The small tables two abreast, so the summary stays one A4 page. */}
        <div className="grid grid-cols-2 gap-4">
          <div className="space-y-1">
            <h2 className="font-semibold">{r.tables.channels.title}</h2>
            <ReportTable table={r.tables.channels} locale={locale} compact />
          </div>
          <div className="space-y-1">
            <h2 className="font-semibold">{buyerKinds.title}</h2>
            <ReportTable table={buyerKinds} locale={locale} compact />
          </div>
        </div>
        {campaigns.rows.length || pairings.rows.length ? (
          <div className="grid grid-cols-2 gap-4">
            {campaigns.rows.length ? (
              <div className="space-y-1">
                <h2 className="font-semibold">{campaigns.title}</h2>
                <ReportTable table={campaigns} locale={locale} compact />
              </div>
            ) : null}
            {pairings.rows.length ? (
              <div className="space-y-1">
                <h2 className="font-semibold">{pairings.title}</h2>
                <ReportTable table={pairings} locale={locale} compact />
              </div>
            ) : null}
          </div>
        ) : null}
        <div className="space-y-1">
          <h2 className="font-semibold">{products.title}</h2>
          <ReportTable table={products} locale={locale} compact />
        </div>
        <div className="space-y-1">
          <h2 className="font-semibold">{villages.title}</h2>
          <ReportTable table={villages} locale={locale} compact />
        </div>
        <footer className="space-y-3 border-t border-stone-300 pt-2 text-xs text-stone-700">
          <p>{t("print.footer", { generated: r.generated })}</p>
          <p className="whitespace-pre-wrap">{t("print.signature")}</p>
        </footer>
      </article>
    </div>
  );
}
