// The report's tables as files: CSV (UTF-8 with a byte-order mark, so Excel opens Chinese text
// correctly; CRLF lines; papaparse quotes) and XLSX (exceljs). Both start with the header lines
// (what, where, when, which filters, when generated), then the table as on the page (./tables.ts):
// the same rows, the same numbers. Money is written in yuan with two decimals (a number cell with
// a ¥ format in XLSX), per cents with one decimal.
//
// Text that a spreadsheet could take for a formula (starting with = + - @, a tab or a carriage
// return) is written with a leading apostrophe, so that the office's Excel never runs a name
// someone typed into a product or a cooperative. Numbers are ours and written as numbers.
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { escapeCell } from "@/lib/export/cells";
import type { Cell, Column, Table } from "./tables";

// One escaping for every export (lib/export/cells.ts), re-exported for the reports' callers.
export { escapeCell };

/** 123456 fen → "1234.56" (exact: integer arithmetic, no floating point). */
export function yuanText(fenValue: number): string {
  const sign = fenValue < 0 ? "-" : "";
  const abs = Math.abs(fenValue);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** A per cent with one decimal, "33.3". */
const percentText = (value: number) => value.toFixed(1);

function csvCell(cell: Cell): string {
  switch (cell.kind) {
    case "text":
      return escapeCell(cell.value);
    case "int":
      return String(cell.value);
    case "fen":
      return cell.value === null ? "" : yuanText(cell.value);
    case "percent":
      return cell.value === null ? "" : percentText(cell.value);
  }
}

export interface ExportHeader {
  title: string;
  lines: [string, string][];
  /** Units note under the header lines ("money in yuan"). */
  units: string;
}

const columnLabel = (c: Column, money: string, pct: string) =>
  c.kind === "fen" ? `${c.label} (${money})` : c.kind === "percent" ? `${c.label} (${pct})` : c.label;

/** The table as CSV text, with the byte-order mark. */
export function tableCsv(table: Table, header: ExportHeader, unitWords: { money: string; percent: string }): string {
  const rows: string[][] = [
    [escapeCell(header.title)],
    ...header.lines.map(([k, v]) => [escapeCell(k), escapeCell(v)]),
    [escapeCell(header.units)],
    [],
    table.columns.map((c) => escapeCell(columnLabel(c, unitWords.money, unitWords.percent))),
    ...table.rows.map((r) => r.map(csvCell)),
    ...(table.total ? [table.total.map(csvCell)] : []),
  ];
  return "\uFEFF" + Papa.unparse(rows, { newline: "\r\n" }) + "\r\n";
}

const XLSX_FORMAT: Record<Cell["kind"], string | undefined> = {
  text: undefined,
  int: "#,##0",
  fen: '"¥"#,##0.00',
  percent: '0.0"%"',
};

function xlsxValue(cell: Cell): string | number | null {
  switch (cell.kind) {
    case "text":
      return escapeCell(cell.value);
    case "int":
      return cell.value;
    case "fen":
      // Fen → yuan as a decimal number: n / 100 is the double nearest the exact amount, which
      // Excel shows (and sums) correctly to the fen.
      return cell.value === null ? null : cell.value / 100;
    case "percent":
      return cell.value;
  }
}

/** The table as an XLSX workbook (one sheet). */
export async function tableXlsx(table: Table, header: ExportHeader, unitWords: { money: string; percent: string }): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Xiaokang Market";
  workbook.created = new Date(0); // a fixed date: the same report gives the same file
  const sheet = workbook.addWorksheet(sheetName(table.title));
  sheet.addRow([escapeCell(header.title)]).font = { bold: true, size: 14 };
  for (const [k, v] of header.lines) sheet.addRow([escapeCell(k), escapeCell(v)]);
  sheet.addRow([escapeCell(header.units)]).font = { italic: true };
  sheet.addRow([]);
  const head = sheet.addRow(table.columns.map((c) => escapeCell(columnLabel(c, unitWords.money, unitWords.percent))));
  head.font = { bold: true };
  head.eachCell((c) => {
    c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEFEFEF" } };
    c.border = { bottom: { style: "thin" } };
  });
  const write = (cells: Cell[], bold = false) => {
    const row = sheet.addRow(cells.map(xlsxValue));
    cells.forEach((cell, i) => {
      const format = XLSX_FORMAT[cell.kind];
      if (format) row.getCell(i + 1).numFmt = format;
    });
    if (bold) row.font = { bold: true };
  };
  for (const r of table.rows) write(r);
  if (table.total) write(table.total, true);
  table.columns.forEach((c, i) => {
    sheet.getColumn(i + 1).width = c.kind === "text" ? (i === 0 ? 22 : 28) : 16;
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Excel's sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(title: string): string {
  return title.replace(/[:\\/?*[\]]/g, " ").slice(0, 31) || "Report";
}
