// One table of the report as the page shows it, with its export links. The cells come from
// lib/reports/tables.ts, the same ones the CSV and XLSX files are written from.
import type { ReactNode } from "react";
import type { Locale } from "@/lib/i18n/locales";
import { formatCell } from "@/lib/reports/format";
import type { Table } from "@/lib/reports/tables";

const numeric = (kind: string) => kind !== "text";
// Region codes are for the files (and for matching with other systems): on a phone and on paper the names do.
const phoneHidden = (key: string) => (key === "code" ? "hidden sm:table-cell print:hidden" : "");

export function ExportLinks({
  href,
  labels,
}: {
  href: (format: "csv" | "xlsx") => string;
  labels: { label: string; csv: string; xlsx: string; csvLabel: string; xlsxLabel: string };
}) {
  const link = "rounded-md px-2 py-1 font-medium text-brand-800 underline underline-offset-2 hover:bg-brand-50";
  return (
    <p className="flex items-center gap-1 text-xs text-stone-600 print:hidden">
      <span>{labels.label}</span>
      <a href={href("csv")} className={link} aria-label={labels.csvLabel} download data-testid="export-csv">
        {labels.csv}
      </a>
      <a href={href("xlsx")} className={link} aria-label={labels.xlsxLabel} download data-testid="export-xlsx">
        {labels.xlsx}
      </a>
    </p>
  );
}

export function ReportTable({ table, locale, note, compact = false }: { table: Table; locale: Locale; note?: string; compact?: boolean }) {
  const pad = compact ? "px-2 py-1" : "px-3 py-2";
  return (
    <div className="space-y-1">
      {/* Scrolls sideways on a phone: focusable, so a keyboard can scroll it too. */}
      <div className="overflow-x-auto rounded-lg ring-1 ring-stone-200" tabIndex={0} role="group" aria-label={table.title}>
        <table className="w-full text-left text-sm" data-testid={`table-${table.key}`}>
          <caption className="sr-only">{table.title}</caption>
          <thead className="bg-stone-50 text-xs text-stone-700">
            <tr>
              {table.columns.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  className={`${pad} whitespace-nowrap font-medium ${numeric(c.kind) ? "text-right" : ""} ${phoneHidden(c.key)}`}
                >
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-stone-100">
            {table.rows.map((row, i) => (
              <tr key={i} data-testid={`row-${table.key}`}>
                {row.map((cell, j) => (
                  <td
                    key={j}
                    className={`${pad} ${numeric(cell.kind) ? "whitespace-nowrap text-right tabular-nums" : "min-w-36"} ${phoneHidden(table.columns[j]?.key ?? "")}`}
                  >
                    {formatCell(cell, locale)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          {table.total ? (
            <tfoot className="border-t border-stone-300 bg-stone-50 font-semibold">
              <tr data-testid={`total-${table.key}`}>
                {table.total.map((cell, j) => (
                  <td
                    key={j}
                    className={`${pad} ${numeric(cell.kind) ? "whitespace-nowrap text-right tabular-nums" : ""} ${phoneHidden(table.columns[j]?.key ?? "")}`}
                  >
                    {formatCell(cell, locale, "")}
                  </td>
                ))}
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
      {note ? <p className="text-xs text-stone-600">{note}</p> : null}
    </div>
  );
}

export function Section({ id, title, actions, children }: { id: string; title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <section
      aria-labelledby={id}
      className="min-w-0 space-y-3 rounded-xl bg-white p-4 shadow-sm ring-1 ring-stone-200 sm:p-5"
      data-testid={`section-${id}`}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <h2 id={id} className="font-semibold text-stone-900">
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}
