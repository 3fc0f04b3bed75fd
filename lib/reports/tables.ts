// The report's tables as data: the page renders them, the CSV and XLSX exports write them
// (./export.ts), so what is on screen and what is in a file are the same cells by construction.
// Each cell is typed (text, whole number, fen, per cent); only the page and the writers format it.
// Pure: the caller passes the report, the scope's names and the translations.
import type { Locale } from "@/lib/i18n/locales";
import { localName, localText } from "@/lib/i18n/pick";
import type { ReportFilters } from "./filters";
import type { Period } from "./periods";
import type { BuyerReport } from "./buyers";
import type { Report } from "./queries";
import type { ReportScope } from "./scope";

export const TABLE_KEYS = [
  "summary",
  "trend",
  "regions",
  "operators",
  "products",
  "channels",
  "villages",
  "campaigns",
  "buyers",
  "buyerKinds",
  "buyerProvinces",
  "pairings",
  "quota",
] as const;
export type BuyerTableKey = "campaigns" | "buyers" | "buyerKinds" | "buyerProvinces" | "pairings" | "quota";
export type TableKey = (typeof TABLE_KEYS)[number];

export type Cell =
  | { kind: "text"; value: string }
  | { kind: "int"; value: number }
  | { kind: "fen"; value: number | null }
  | { kind: "percent"; value: number | null };

export interface Column {
  key: string;
  label: string;
  kind: Cell["kind"];
}

export interface Table {
  key: TableKey;
  title: string;
  columns: Column[];
  rows: Cell[][];
  /** The last row, a total of every row (absent where a total means nothing). */
  total: Cell[] | null;
}

/** Translations: `t` for the "reports" namespace, `category` for a category's name. */
export interface TableText {
  locale: Locale;
  t: (key: string, values?: Record<string, string | number>) => string;
  category: (name: string) => string;
}

const text = (value: string): Cell => ({ kind: "text", value });
const int = (value: number): Cell => ({ kind: "int", value });
const fen = (value: number | null): Cell => ({ kind: "fen", value });
/** A share as a per cent with one decimal (half up), or null when there is nothing to divide by. */
export function percent(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.round((part * 1000) / whole) / 10;
}
const pct = (part: number, whole: number): Cell => ({ kind: "percent", value: percent(part, whole) });

export function periodLabel(p: Period, t: TableText["t"]): string {
  const y = Number(p.from.slice(0, 4));
  if (p.kind === "year") return t("periodLabel.year", { year: y });
  if (p.kind === "quarter") return t("periodLabel.quarter", { year: y, quarter: Number(p.value.slice(-1)) });
  if (p.kind === "month") return t("periodLabel.month", { year: y, month: Number(p.from.slice(5, 7)) });
  return t("periodLabel.custom", { from: p.from, to: p.to });
}

/** "甘谷县 / 大像山镇": the region the report covers. */
export function scopeLabel(scope: ReportScope, locale: Locale, all: string, separator = " / "): string {
  const names = [scope.county ? localName(locale, scope.county) : all];
  if (scope.township) names.push(localName(locale, scope.township));
  if (scope.village) names.push(localName(locale, scope.village));
  return names.join(separator);
}

/** The lines above every exported table: what it is, for where, for when, with which filters. */
export function headerLines(
  report: Report,
  scope: ReportScope,
  filters: ReportFilters,
  x: TableText,
  generatedAt: string,
): [string, string][] {
  const { t, locale } = x;
  const place = scopeLabel(scope, locale, t("scope.allCounties"));
  const narrowed = [
    scope.operator ? `${t("columns.operator")}${t("colon")}${localName(locale, scope.operator)}` : null,
    scope.product ? `${t("columns.product")}${t("colon")}${localName(locale, scope.product)}` : null,
    filters.category ? `${t("columns.category")}${t("colon")}${x.category(filters.category)}` : null,
    filters.channel ? `${t("columns.channel")}${t("colon")}${t(`channels.${filters.channel}`)}` : null,
  ].filter((s): s is string => s !== null);
  return [
    [t("export.scope"), place],
    [t("export.period"), `${periodLabel(report.period, t)} (${report.period.from} – ${report.period.to})`],
    [t("export.filters"), narrowed.length ? narrowed.join(t("export.separator")) : t("export.noFilters")],
    [t("export.generated"), generatedAt],
  ];
}

export function reportTables(report: Report, x: TableText): Record<Exclude<TableKey, BuyerTableKey>, Table> {
  const { t, locale } = x;
  const h = report.headline;
  const col = (key: string, kind: Cell["kind"], label = t(`columns.${key}`)): Column => ({ key, label, kind });
  const money = [col("assist", "fen"), col("total", "fen"), col("share", "percent")];
  const moneyCells = (m: { assistFen: number; totalFen: number }) => [fen(m.assistFen), fen(m.totalFen), pct(m.assistFen, m.totalFen)];
  const totalLabel = text(t("export.total"));
  // Every sale has one product, one seller, one channel and one region inside the scope: each
  // breakdown adds up to the headline (also when the page shows only the first rows).

  const summary: Table = {
    key: "summary",
    title: t("tables.summary"),
    // The value column holds cells of several kinds; each keeps its own.
    columns: [col("figure", "text"), col("value", "text")],
    rows: [
      [text(t("headline.assist")), fen(h.assistFen)],
      [text(t("headline.total")), fen(h.totalFen)],
      [text(t("headline.share")), pct(h.assistFen, h.totalFen)],
      [text(t("headline.reached")), int(h.reached)],
      [text(t("headline.people")), int(h.people)],
      [text(t(report.payoutsIncluded ? "headline.income" : "headline.incomeNoPayouts")), fen(h.incomeFen)],
      [text(t("headline.perHousehold")), fen(h.incomePerHouseholdFen)],
      [text(t("headline.monitored")), int(h.monitored)],
      [text(t("headline.covered")), int(h.covered)],
      [text(t("headline.coverage")), pct(h.covered, h.monitored)],
    ],
    total: null,
  };

  const trend: Table = {
    key: "trend",
    title: t("tables.trend"),
    columns: [col("month", "text"), ...money],
    rows: report.trend.map((r) => [text(r.month), ...moneyCells(r)]),
    // The trend may reach before the period (at least 12 months are shown): a total would not be the period's.
    total: null,
  };

  const regionRows = report.regions;
  const regions: Table = {
    key: "regions",
    title: t(`tables.regions.${report.regionLevel}`),
    columns: [col("code", "text"), col(report.regionLevel.toLowerCase(), "text"), ...money, col("reached", "int"), col("people", "int")],
    rows: regionRows.map((r) => [text(r.id), text(localName(locale, r)), ...moneyCells(r), int(r.reached), int(r.people)]),
    total:
      report.provinces.length === 1
        ? [
            text(report.provinces[0]!.id),
            text(`${localName(locale, report.provinces[0]!)} ${t("export.total")}`),
            ...moneyCells(report.provinces[0]!),
            int(report.provinces[0]!.reached),
            int(report.provinces[0]!.people),
          ]
        : [text(""), totalLabel, ...moneyCells(h), int(h.reached), int(h.people)],
  };

  const operators: Table = {
    key: "operators",
    title: t("tables.operators"),
    columns: [col("rank", "int"), col("operator", "text"), ...money],
    rows: report.operators.map((r, i) => [int(i + 1), text(localName(locale, r)), ...moneyCells(r)]),
    total: [text(""), totalLabel, ...moneyCells(h)],
  };

  const products: Table = {
    key: "products",
    title: t("tables.products"),
    columns: [col("rank", "int"), col("product", "text"), col("operator", "text"), col("category", "text"), ...money],
    rows: report.products.map((r, i) => [
      int(i + 1),
      text(localName(locale, r)),
      text(localText(locale, r.operatorZh, r.operatorEn)),
      text(x.category(r.category)),
      ...moneyCells(r),
    ]),
    total: [text(""), totalLabel, text(""), text(""), ...moneyCells(h)],
  };

  const channels: Table = {
    key: "channels",
    title: t("tables.channels"),
    columns: [col("channel", "text"), ...money],
    rows: report.channels.map((r) => [text(t(`channels.${r.channel}`)), ...moneyCells(r)]),
    total: [totalLabel, ...moneyCells(h)],
  };

  const villages: Table = {
    key: "villages",
    title: t("tables.villages"),
    columns: [col("rank", "int"), col("village", "text"), col("township", "text"), ...money, col("reached", "int"), col("people", "int")],
    rows: report.villages.map((r) => [
      int(r.rank),
      text(localName(locale, r)),
      text(localText(locale, r.townshipZh, r.townshipEn)),
      ...moneyCells(r),
      int(r.reached),
      int(r.people),
    ]),
    total: null,
  };

  return { summary, trend, regions, operators, products, channels, villages };
}

/**
 * The buy side's tables (lib/reports/buyers.ts): purchases by organisation, kind and buyer province,
 * the pairing purchases, the quota completion, and the campaigns. Each purchase table adds up to
 * the buy side's total; the pairing, quota and campaign tables have no total (their rows overlap
 * or are of different years).
 */
export function buyerTables(buyers: BuyerReport, x: TableText): Record<BuyerTableKey, Table> {
  const { t, locale } = x;
  const col = (key: string, kind: Cell["kind"], label = t(`columns.${key}`)): Column => ({ key, label, kind });
  const money = [col("assistBought", "fen"), col("totalBought", "fen"), col("share", "percent")];
  const moneyCells = (m: { assistFen: number; totalFen: number }) => [fen(m.assistFen), fen(m.totalFen), pct(m.assistFen, m.totalFen)];
  const totalLabel = text(t("export.total"));
  const kindName = (kind: string) => t(`organisationKinds.${kind}`);
  const all = buyers.organisations.length;

  const buyersTable: Table = {
    key: "buyers",
    title: t("tables.buyers"),
    columns: [col("rank", "int"), col("organisation", "text"), col("organisationKind", "text"), col("buyerRegion", "text"), ...money],
    rows: buyers.organisations.map((r, i) => [
      int(i + 1),
      text(localName(locale, r)),
      text(kindName(r.kind)),
      text(localText(locale, r.regionZh, r.regionEn)),
      ...moneyCells(r),
    ]),
    total: [text(""), totalLabel, text(""), text(""), ...moneyCells(buyers.total)],
  };

  const buyerKinds: Table = {
    key: "buyerKinds",
    title: t("tables.buyerKinds"),
    columns: [col("organisationKind", "text"), col("organisations", "int"), ...money],
    rows: buyers.kinds.map((r) => [text(kindName(r.kind)), int(r.organisations), ...moneyCells(r)]),
    total: [totalLabel, int(all), ...moneyCells(buyers.total)],
  };

  const buyerProvinces: Table = {
    key: "buyerProvinces",
    title: t("tables.buyerProvinces"),
    columns: [col("rank", "int"), col("code", "text"), col("buyerProvince", "text"), col("organisations", "int"), ...money],
    rows: buyers.provinces.map((r) => [int(r.rank), text(r.id), text(localName(locale, r)), int(r.organisations), ...moneyCells(r)]),
    total: [text(""), text(""), totalLabel, int(all), ...moneyCells(buyers.total)],
  };

  const pairings: Table = {
    key: "pairings",
    title: t("tables.pairings"),
    columns: [col("partner", "text"), col("pairedCounty", "text"), ...money],
    rows: buyers.pairings.map((r) => [text(localName(locale, r.partner)), text(localName(locale, r.county)), ...moneyCells(r)]),
    total: null,
  };

  const quota: Table = {
    key: "quota",
    title: t("tables.quota", { year: buyers.quotaYear }),
    columns: [
      col("organisation", "text"),
      col("buyerRegion", "text"),
      col("canteenBudget", "fen"),
      col("quotaRate", "percent"),
      col("quota", "fen"),
      col("counted", "fen"),
      col("remaining", "fen"),
      col("progress", "percent"),
    ],
    rows: buyers.quota.map((r) => [
      text(localName(locale, r)),
      text(localText(locale, r.regionZh, r.regionEn)),
      fen(r.budgetFen),
      { kind: "percent", value: r.bps / 100 },
      fen(r.budgetFen === null ? null : r.quotaFen),
      fen(r.countedFen),
      fen(r.budgetFen === null ? null : r.remainingFen),
      { kind: "percent", value: r.progressBps === null ? null : r.progressBps / 100 },
    ]),
    total: null,
  };

  const campaigns: Table = {
    key: "campaigns",
    title: t("tables.campaigns"),
    columns: [
      col("campaign", "text"),
      col("campaignWindow", "text"),
      col("assist", "fen"),
      col("total", "fen"),
      col("reached", "int"),
      col("people", "int"),
    ],
    rows: buyers.campaigns.map((r) => [
      text(localName(locale, r)),
      text(`${shanghaiMinute(r.startsAt)} – ${shanghaiMinute(r.endsAt)}`),
      fen(r.assistFen),
      fen(r.totalFen),
      int(r.reached),
      int(r.people),
    ]),
    total: null,
  };

  return { campaigns, buyers: buyersTable, buyerKinds, buyerProvinces, pairings, quota };
}

/** "2026-11-11 20:00": an instant in China's time, to the minute. */
function shanghaiMinute(at: Date): string {
  const local = new Date(at.getTime() + 8 * 3_600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)}`;
}
