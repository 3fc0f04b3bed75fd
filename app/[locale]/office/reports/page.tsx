// /office/reports: the program office's figures (docs/DESIGN.md#reports, "The figures a program office
// reports"), computed from the sale ledger (lib/reports). Filters live in the URL; every table
// exports to CSV and XLSX with exactly these numbers (the same table model) and the filters in
// its header lines; /office/reports/print is the one-page summary for reporting upward.
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { notFound } from "next/navigation";
import { LocalLink } from "@/components/ui/LocalLink";
import { getActor } from "@/lib/auth/session.server";
import { shanghaiToday } from "@/lib/time/shanghai";
import { CATEGORIES } from "@/lib/catalog/filters";
import { isLocale, localizedPath } from "@/lib/i18n/locales";
import { pageLocale } from "@/lib/i18n/page-locale.server";
import { localName } from "@/lib/i18n/pick";
import { formatFen } from "@/lib/money";
import { CHANNELS, reportParams, type ReportFilters } from "@/lib/reports/filters";
import { readerReport, reportChoices } from "@/lib/reports/report.server";
import { mayReadReports } from "@/lib/reports/scope";
import { percent, periodLabel, scopeLabel, type Table, type TableKey, type TableText } from "@/lib/reports/tables";
import { BreakdownChart, TrendChart, type ChartRow } from "./_components/ReportCharts";
import { ReportFiltersForm, type FilterValues } from "./_components/ReportFiltersForm";
import { ExportLinks, ReportTable, Section } from "./_components/ReportTable";

type Props = { params: Promise<{ locale: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Rows of the long lists (sellers, products, villages) on the page; the exports have them all. */
const SCREEN_ROWS = 20;
const CHART_ROWS = 10;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { locale } = await params;
  if (!isLocale(locale)) return {};
  const t = await getTranslations({ locale, namespace: "reports" });
  return { title: t("title") };
}

function Figure({
  label,
  value,
  hint,
  testId,
  wide = false,
}: {
  label: string;
  value: string;
  hint?: string;
  testId: string;
  wide?: boolean;
}) {
  return (
    <div
      className={`rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200 ${wide ? "col-span-2 sm:col-span-1" : ""}`}
      data-testid={testId}
    >
      <dt className="text-sm text-stone-600">{label}</dt>
      <dd className="mt-1 break-words text-xl font-bold tabular-nums text-stone-900 sm:text-2xl" data-testid={`${testId}-value`}>
        {value}
      </dd>
      {hint ? <dd className="mt-1 text-xs text-stone-600">{hint}</dd> : null}
    </div>
  );
}

function filterValues(f: ReportFilters, today: string): FilterValues {
  const p = f.period;
  const y = today.slice(0, 4);
  return {
    period: p.kind,
    month: p.kind === "month" ? p.value : today.slice(0, 7),
    quarter: p.kind === "quarter" ? p.value : `${y}-Q${Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1}`,
    year: p.kind === "year" ? p.value : y,
    from: p.from,
    to: p.to,
    county: f.county ?? "",
    township: f.township ?? "",
    village: f.village ?? "",
    operator: f.operator ?? "",
    product: f.product ?? "",
    category: f.category ?? "",
    channel: f.channel ?? "",
  };
}

const chartRows = (table: Table, labelColumn: number, moneyColumn: number, take = CHART_ROWS): ChartRow[] =>
  table.rows.slice(0, take).map((row) => ({
    label: row[labelColumn]!.kind === "text" ? (row[labelColumn] as { value: string }).value : "",
    assist: (row[moneyColumn]!.value as number | null) ?? 0,
    total: (row[moneyColumn + 1]!.value as number | null) ?? 0,
  }));

export default async function ReportsPage({ params, searchParams }: Props) {
  const { locale: raw } = await params;
  const locale = pageLocale(raw);
  const actor = await getActor();
  if (!mayReadReports(actor)) notFound();
  const today = shanghaiToday();
  const r = await readerReport(actor, await searchParams, locale, SCREEN_ROWS);
  const options = await reportChoices(actor, r.scope);
  const x: TableText = r.text;
  const t = x.t;
  const f = await getTranslations({ locale, namespace: "reports.filters" });
  const h = r.report.headline;
  const query = reportParams(r.filters);
  const exportHref = (table: TableKey) => (format: "csv" | "xlsx") =>
    `/api/office/reports/export?${query}&table=${table}&format=${format}&lang=${locale}`;
  const exportLabels = (title: string) => ({
    label: t("export.label"),
    csv: t("export.csv"),
    xlsx: t("export.xlsx"),
    csvLabel: t("export.csvLabel", { table: title }),
    xlsxLabel: t("export.xlsxLabel", { table: title }),
  });
  const chartLabels = { assist: t("charts.assist"), total: t("charts.total"), empty: t("charts.empty") };
  const tables = r.tables;
  const showing = (count: number) => (count > SCREEN_ROWS ? t("notes.showing", { shown: SCREEN_ROWS, count }) : undefined);

  const year = Number(today.slice(0, 4));
  const years = Array.from({ length: 6 }, (_, i) => year - i);
  const filterOptions = {
    counties: options.counties.map((c) => ({ value: c.id, label: localName(locale, c) })),
    townships: options.townships.map((c) => ({ value: c.id, label: localName(locale, c) })),
    villages: options.villages.map((c) => ({ value: c.id, label: localName(locale, c) })),
    operators: options.operators.map((c) => ({ value: c.id, label: localName(locale, c) })),
    products: options.products.map((c) => ({ value: c.id, label: localName(locale, c) })),
    categories: CATEGORIES.map((c) => ({ value: c, label: x.category(c) })),
    channels: CHANNELS.map((c) => ({ value: c, label: t(`channels.${c}`) })),
    quarters: years.flatMap((y) => [4, 3, 2, 1].map((q) => ({ value: `${y}-Q${q}`, label: f("quarterOption", { year: y, quarter: q }) }))),
    years: years.map((y) => ({ value: String(y), label: f("yearOption", { year: y }) })),
  };
  const filterLabels = {
    legend: f("legend"),
    period: f("period"),
    kinds: { month: f("kinds.month"), quarter: f("kinds.quarter"), year: f("kinds.year"), custom: f("kinds.custom") },
    month: f("month"),
    quarter: f("quarter"),
    year: f("year"),
    from: f("from"),
    to: f("to"),
    county: f("county"),
    allCounties: f("allCounties"),
    township: f("township"),
    allTownships: f("allTownships"),
    village: f("village"),
    allVillages: f("allVillages"),
    villageHint: f("villageHint"),
    operator: f("operator"),
    allOperators: f("allOperators"),
    product: f("product"),
    allProducts: f("allProducts"),
    productHint: f("productHint"),
    category: f("category"),
    allCategories: f("allCategories"),
    channel: f("channel"),
    allChannels: f("allChannels"),
    apply: f("apply"),
    clear: f("clear"),
  };
  const coverage = percent(h.covered, h.monitored);
  const none = t("headline.none");
  const regionTitle = tables.regions.title;

  return (
    <div className="space-y-5">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div className="space-y-1">
          <h1 className="text-2xl font-bold">{t("title")}</h1>
          <p className="max-w-3xl text-sm text-stone-700">{t("intro")}</p>
        </div>
        <LocalLink
          locale={locale}
          href={`/office/reports/print?${query}`}
          className="shrink-0 rounded-lg bg-white px-3 py-2 text-sm font-medium text-brand-800 ring-1 ring-brand-700/30 hover:bg-brand-50"
          data-testid="print-link"
        >
          {t("print.link")}
        </LocalLink>
      </header>

      <ReportFiltersForm
        key={query.toString()}
        action={localizedPath(locale, "/office/reports")}
        values={filterValues(r.filters, today)}
        options={filterOptions}
        labels={filterLabels}
        showCounty={actor.role === "ADMIN"}
      />

      {r.problems.length ? (
        <p role="status" className="rounded-lg bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200" data-testid="report-problems">
          {t("problems.intro")} {[...new Set(r.problems)].map((p) => t(`problems.${p}`)).join(t("export.separator"))}
        </p>
      ) : null}

      <div className="space-y-1">
        <p className="text-lg font-semibold text-stone-900" data-testid="report-scope">
          {scopeLabel(r.scope, locale, t("scope.allCounties"), " · ")}
          <span className="text-stone-600"> · </span>
          <span data-testid="report-period">{periodLabel(r.report.period, t)}</span>
        </p>
        <p className="text-xs text-stone-600">
          {r.report.period.from} – {r.report.period.to}
          {r.scope.operator || r.scope.product || r.filters.category || r.filters.channel ? ` · ${r.header[2]![1]}` : ""}
        </p>
      </div>

      <Section
        id="summary"
        title={tables.summary.title}
        actions={<ExportLinks href={exportHref("summary")} labels={exportLabels(tables.summary.title)} />}
      >
        <dl className="grid grid-cols-2 gap-3 lg:grid-cols-4">
          <Figure wide testId="fig-assist" label={t("headline.assist")} value={formatFen(h.assistFen)} hint={t("headline.assistHint")} />
          <Figure wide testId="fig-total" label={t("headline.total")} value={formatFen(h.totalFen)} hint={t("headline.totalHint")} />
          <Figure
            testId="fig-share"
            label={t("headline.share")}
            value={percent(h.assistFen, h.totalFen) === null ? none : `${percent(h.assistFen, h.totalFen)!.toFixed(1)}%`}
          />
          <Figure
            testId="fig-reached"
            label={t("headline.reached")}
            value={h.reached.toLocaleString(locale)}
            hint={t("headline.reachedHint")}
          />
          <Figure testId="fig-people" label={t("headline.people")} value={h.people.toLocaleString(locale)} />
          <Figure
            testId="fig-per-household"
            label={t("headline.perHousehold")}
            value={h.incomePerHouseholdFen === null ? none : formatFen(h.incomePerHouseholdFen)}
            hint={
              h.reached
                ? t("headline.perHouseholdHint", { income: formatFen(h.incomeFen), households: h.reached.toLocaleString(locale) })
                : undefined
            }
          />
          <Figure
            testId="fig-coverage"
            label={t("headline.coverage")}
            value={coverage === null ? none : `${coverage.toFixed(1)}%`}
            hint={t("headline.coverageDetail", {
              covered: h.covered.toLocaleString(locale),
              monitored: h.monitored.toLocaleString(locale),
            })}
          />
        </dl>
        <ul className="list-disc space-y-1 pl-5 text-xs text-stone-600">
          <li>{t("notes.residence")}</li>
          <li data-testid="note-refund-month">{(await getTranslations({ locale, namespace: "settlementPayouts" }))("reportNote")}</li>
          {!r.report.payoutsIncluded ? <li data-testid="note-payouts">{t("notes.payoutsExcluded")}</li> : null}
          {r.report.sources.households === "ledger" ? <li>{t("notes.ledgerSource")}</li> : null}
        </ul>
      </Section>

      <Section
        id="trend"
        title={tables.trend.title}
        actions={<ExportLinks href={exportHref("trend")} labels={exportLabels(tables.trend.title)} />}
      >
        <TrendChart
          rows={r.report.trend.map((m) => ({ label: m.month, assist: m.assistFen, total: m.totalFen }))}
          labels={chartLabels}
          locale={locale}
          title={t("charts.trend")}
        />
        <details className="text-sm">
          <summary className="cursor-pointer text-brand-800 underline underline-offset-2">{t("charts.showTable")}</summary>
          <div className="mt-2">
            <ReportTable table={tables.trend} locale={locale} />
          </div>
        </details>
      </Section>

      <Section id="regions" title={regionTitle} actions={<ExportLinks href={exportHref("regions")} labels={exportLabels(regionTitle)} />}>
        <BreakdownChart
          rows={chartRows(tables.regions, 1, 2)}
          labels={chartLabels}
          locale={locale}
          title={regionTitle}
          testId="regions-chart"
        />
        <ReportTable table={tables.regions} locale={locale} />
      </Section>
      <Section
        id="channels"
        title={tables.channels.title}
        actions={<ExportLinks href={exportHref("channels")} labels={exportLabels(tables.channels.title)} />}
      >
        <BreakdownChart
          rows={chartRows(tables.channels, 0, 1)}
          labels={chartLabels}
          locale={locale}
          title={tables.channels.title}
          testId="channels-chart"
        />
        <ReportTable table={tables.channels} locale={locale} />
      </Section>

      <Section
        id="campaigns"
        title={tables.campaigns.title}
        actions={<ExportLinks href={exportHref("campaigns")} labels={exportLabels(tables.campaigns.title)} />}
      >
        {tables.campaigns.rows.length ? (
          <ReportTable table={tables.campaigns} locale={locale} note={t("buyerNotes.campaigns")} />
        ) : (
          <p className="text-sm text-stone-600">{t("buyerNotes.noCampaigns")}</p>
        )}
      </Section>

      <Section
        id="operators"
        title={tables.operators.title}
        actions={<ExportLinks href={exportHref("operators")} labels={exportLabels(tables.operators.title)} />}
      >
        <BreakdownChart
          rows={chartRows(tables.operators, 1, 2)}
          labels={chartLabels}
          locale={locale}
          title={tables.operators.title}
          testId="operators-chart"
        />
        <ReportTable table={tables.operators} locale={locale} note={showing(r.report.counts.operators)} />
      </Section>

      <Section
        id="products"
        title={tables.products.title}
        actions={<ExportLinks href={exportHref("products")} labels={exportLabels(tables.products.title)} />}
      >
        <BreakdownChart
          rows={chartRows(tables.products, 1, 4)}
          labels={chartLabels}
          locale={locale}
          title={tables.products.title}
          testId="products-chart"
        />
        <ReportTable table={tables.products} locale={locale} note={showing(r.report.counts.products)} />
      </Section>

      <Section
        id="villages"
        title={tables.villages.title}
        actions={<ExportLinks href={exportHref("villages")} labels={exportLabels(tables.villages.title)} />}
      >
        <ReportTable table={tables.villages} locale={locale} note={showing(r.report.counts.villages)} />
      </Section>

      <h2 className="pt-2 text-xl font-bold text-stone-900" id="buy-side">
        {t("print.buySide")}
      </h2>
      <p className="-mt-3 max-w-3xl text-sm text-stone-700">{t("buyerNotes.intro")}</p>

      <Section
        id="pairings"
        title={tables.pairings.title}
        actions={<ExportLinks href={exportHref("pairings")} labels={exportLabels(tables.pairings.title)} />}
      >
        {tables.pairings.rows.length ? (
          <ReportTable
            table={{ ...tables.pairings, rows: tables.pairings.rows.slice(0, SCREEN_ROWS) }}
            locale={locale}
            note={showing(tables.pairings.rows.length)}
          />
        ) : (
          <p className="text-sm text-stone-600">{t("buyerNotes.noPairings")}</p>
        )}
      </Section>

      <Section
        id="buyerKinds"
        title={tables.buyerKinds.title}
        actions={<ExportLinks href={exportHref("buyerKinds")} labels={exportLabels(tables.buyerKinds.title)} />}
      >
        <ReportTable table={tables.buyerKinds} locale={locale} />
      </Section>

      <Section
        id="buyerProvinces"
        title={tables.buyerProvinces.title}
        actions={<ExportLinks href={exportHref("buyerProvinces")} labels={exportLabels(tables.buyerProvinces.title)} />}
      >
        {tables.buyerProvinces.rows.length ? (
          <>
            <BreakdownChart
              rows={chartRows(tables.buyerProvinces, 2, 4)}
              labels={chartLabels}
              locale={locale}
              title={tables.buyerProvinces.title}
              testId="buyer-provinces-chart"
            />
            <ReportTable table={tables.buyerProvinces} locale={locale} />
          </>
        ) : (
          <p className="text-sm text-stone-600">{t("buyerNotes.noBuyers")}</p>
        )}
      </Section>

      <Section
        id="buyers"
        title={tables.buyers.title}
        actions={<ExportLinks href={exportHref("buyers")} labels={exportLabels(tables.buyers.title)} />}
      >
        {tables.buyers.rows.length ? (
          <ReportTable
            table={{ ...tables.buyers, rows: tables.buyers.rows.slice(0, SCREEN_ROWS) }}
            locale={locale}
            note={showing(tables.buyers.rows.length)}
          />
        ) : (
          <p className="text-sm text-stone-600">{t("buyerNotes.noBuyers")}</p>
        )}
      </Section>

      <Section
        id="quota"
        title={tables.quota.title}
        actions={<ExportLinks href={exportHref("quota")} labels={exportLabels(tables.quota.title)} />}
      >
        {tables.quota.rows.length ? (
          <ReportTable
            table={{ ...tables.quota, rows: tables.quota.rows.slice(0, SCREEN_ROWS) }}
            locale={locale}
            note={showing(tables.quota.rows.length)}
          />
        ) : (
          <p className="text-sm text-stone-600">{t("buyerNotes.noQuota")}</p>
        )}
        <p className="text-xs text-stone-600">
          {t("buyerNotes.quota")}
          {actor.role === "OFFICER" ? ` ${t("buyerNotes.quotaScope")}` : ""}
        </p>
      </Section>
    </div>
  );
}
