// What the report page, the print view and the export route share: the reader's scope, the
// filters from the URL, the figures and the tables, in the reader's language.
import "server-only";
import { getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/auth/actor";
import { shanghaiToday } from "@/lib/time/shanghai";
import { db, withDb } from "@/lib/db/db.server";
import { reportDb } from "@/lib/db/replica.server";
import type { Locale } from "@/lib/i18n/locales";
import { parseReportFilters } from "./filters";
import { loadBuyerReport } from "./buyers";
import { loadReport } from "./queries";
import { reportOptions, resolveReportScope } from "./scope";
import { buyerTables, headerLines, reportTables, type TableText } from "./tables";

export async function reportText(locale: Locale): Promise<TableText> {
  const [t, e] = await Promise.all([getTranslations({ locale, namespace: "reports" }), getTranslations({ locale, namespace: "enums" })]);
  return {
    locale,
    t: (key, values) => t(key, values),
    category: (name) => e(`category.${name}`),
  };
}

/** "2026-11-22 14:05 (UTC+8)": when a file or a printout was made, in China's time. */
export function generatedAt(now = new Date()): string {
  const local = new Date(now.getTime() + 8 * 3_600_000).toISOString();
  return `${local.slice(0, 10)} ${local.slice(11, 16)} (UTC+8)`;
}

/**
 * The whole report for a reader who may read reports (check with mayReadReports first).
 * `limit`: rows of the long lists (the page); none for the exports.
 */
export async function readerReport(
  actor: Actor,
  params: URLSearchParams | Record<string, string | string[] | undefined>,
  locale: Locale,
  limit?: number,
) {
  const parsed = parseReportFilters(params, shanghaiToday());
  const { scope, filters, problems } = await resolveReportScope(db, actor, parsed.filters);
  // The figures from the standby when there is one and it has what this reader wrote (lib/db/replica.ts).
  const reader = await reportDb();
  const [report, buyers, text] = await Promise.all([
    loadReport(reader, scope, filters, { limit }),
    loadBuyerReport(reader, scope, filters),
    reportText(locale),
  ]);
  const generated = generatedAt();
  return {
    scope,
    filters,
    problems: [...parsed.problems, ...problems],
    report,
    buyers,
    text,
    tables: { ...reportTables(report, text), ...buyerTables(buyers, text) },
    header: headerLines(report, scope, filters, text, generated),
    generated,
  };
}

/** The filter choices (townships, operators, products) of a reader's scope. */
export const reportChoices = withDb(reportOptions);
