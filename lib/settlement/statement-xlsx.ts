// A payout's statement (对账单) as an XLSX workbook: header lines (operator, credit code, period,
// paid on, bank reference), then one line per settlement entry and the platform fee, then the
// total, which equals the payout to the fen (amounts are yuan numbers, fen / 100, formatted ¥).
import ExcelJS from "exceljs";
import { escapeCell } from "@/lib/export/cells";

export interface StatementText {
  title: string;
  operator: string;
  creditCode: string;
  period: string;
  paidOn: string;
  bankReference: string;
  columns: [string, string, string, string, string, string];
  fee: string;
  total: string;
  sale: string;
  refund: string;
  rule: string;
}

export interface StatementInput {
  operatorName: string;
  creditCode: string;
  periodMonth: string;
  paidOn: string;
  bankReference: string;
  lines: {
    date: string | null;
    orderNumber: string | null;
    product: string | null;
    kind: "SALE" | "REFUND" | "FEE";
    quantity: number | null;
    amountFen: number;
  }[];
  amountFen: number;
}

export async function statementXlsx(s: StatementInput, t: StatementText): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(t.title.slice(0, 31));
  ws.addRow([escapeCell(t.title)]).font = { bold: true, size: 14 };
  ws.addRow([t.operator, escapeCell(s.operatorName)]);
  ws.addRow([t.creditCode, s.creditCode]);
  ws.addRow([t.period, s.periodMonth]);
  ws.addRow([t.paidOn, s.paidOn]);
  ws.addRow([t.bankReference, escapeCell(s.bankReference)]);
  ws.addRow([escapeCell(t.rule)]);
  ws.addRow([]);
  ws.addRow(t.columns).font = { bold: true };
  const money = '"¥"#,##0.00';
  for (const line of s.lines) {
    const kind = line.kind === "FEE" ? t.fee : line.kind === "SALE" ? t.sale : t.refund;
    const row = ws.addRow([
      line.date ?? "",
      line.orderNumber ?? "",
      escapeCell(line.product ?? ""),
      kind,
      line.quantity ?? "",
      line.amountFen / 100,
    ]);
    row.getCell(6).numFmt = money;
  }
  const total = ws.addRow([t.total, "", "", "", "", s.amountFen / 100]);
  total.font = { bold: true };
  total.getCell(6).numFmt = money;
  ws.columns.forEach((c, i) => (c.width = [12, 22, 30, 10, 8, 14][i] ?? 12));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
