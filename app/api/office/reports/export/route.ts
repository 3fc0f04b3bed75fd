// GET /api/office/reports/export?table=<key>&format=csv|xlsx&lang=zh-CN|en&<the report's filters>
// One table of the office report as a file, with exactly the numbers of the page (the same tables,
// lib/reports/tables.ts) and the filters written in the header lines. Officers get their own
// county only, whatever the URL says (lib/reports/scope.ts); anyone else gets 404.
import { defineRoute } from "@/lib/http/route.server";
import { notFoundResponse } from "@/lib/http/route";
import type { Actor } from "@/lib/auth/actor";
import { defaultLocale, isLocale } from "@/lib/i18n/locales";
import { tableCsv, tableXlsx } from "@/lib/reports/export";
import { readerReport } from "@/lib/reports/report.server";
import { mayReadReports } from "@/lib/reports/scope";
import { TABLE_KEYS, type TableKey } from "@/lib/reports/tables";

const FORMATS = { csv: "text/csv; charset=utf-8", xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } as const;

const plain = (status: number, body: string) =>
  new Response(body, { status, headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" } });

export const GET = defineRoute({
  name: "reports.export",
  allow: ["OFFICER", "ADMIN"],
  handle: ({ actor, request }) => exportTable(actor, request),
});

async function exportTable(actor: Actor, request: Request) {
  const url = new URL(request.url);
  const lang = url.searchParams.get("lang");
  const locale = isLocale(lang) ? lang : defaultLocale;
  // An officer without a county reads no report.
  if (!mayReadReports(actor)) return notFoundResponse();

  const table = url.searchParams.get("table") ?? "";
  const format = url.searchParams.get("format") ?? "";
  if (!(TABLE_KEYS as readonly string[]).includes(table) || !(format in FORMATS)) {
    return plain(400, locale === "en" ? "Unknown table or format." : "没有这个报表或导出格式。");
  }
  const r = await readerReport(actor, url.searchParams, locale);
  const t = r.text.t;
  const chosen = r.tables[table as TableKey];
  const header = { title: t("export.title", { table: chosen.title }), lines: r.header, units: t("export.units") };
  const units = { money: t("export.money"), percent: t("export.percent") };

  const periodKey = r.filters.period.kind === "custom" ? `${r.filters.period.from}_${r.filters.period.to}` : r.filters.period.value;
  const place = r.scope.village?.id ?? r.scope.township?.id ?? r.scope.county?.id ?? "all";
  const name = `${t("export.filename")}-${chosen.title}-${place}-${periodKey}.${format}`;
  const ascii = `report-${table}-${place}-${periodKey}.${format}`;

  const body =
    format === "csv" ? new TextEncoder().encode(tableCsv(chosen, header, units)) : new Uint8Array(await tableXlsx(chosen, header, units));
  return new Response(body, {
    headers: {
      "content-type": FORMATS[format as keyof typeof FORMATS],
      "content-disposition": `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
    },
  });
}
