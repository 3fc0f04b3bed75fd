// Household roster files for import tests (vitest and Playwright): an XLSX built with exceljs the
// way a county keeps it (a title row above the header), and fresh resident ID numbers that no
// seeded household has (born in 2001–2009; the demo seed's heads were born 1942–1992).
import ExcelJS from "exceljs";
import { makeResidentIdCheckDigit } from "../../lib/households/id-number";

export const ROSTER_HEADER = ["户编号", "户主姓名", "身份证号", "乡镇", "村", "家庭人口", "户类型", "识别年份"] as const;
export type RosterRow = (string | number | null | { formula: string; result?: unknown })[];

let sequence = 0;
// Distinct across runs and across parallel workers (each is its own process).
const run = (Date.now() + process.pid * 104_729) % 100_000_000;

/** A valid 18-digit ID number for `county`, different on every call (and across runs). */
export function freshResidentId(county = "620523"): string {
  const n = run * 1000 + ++sequence;
  const year = 2001 + (n % 9);
  const day = 1 + (Math.floor(n / 9) % 28);
  const month = 1 + (Math.floor(n / 252) % 12);
  const seq = Math.floor(n / 3024) % 1000;
  const first17 = `${county}${year}${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}${String(seq).padStart(3, "0")}`;
  return first17 + makeResidentIdCheckDigit(first17);
}

/** An XLSX roster: a title row, the header on row 2, then `rows` from row 3. */
export async function rosterXlsx(rows: RosterRow[], title = "甘谷县建档立卡户花名册"): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("花名册");
  sheet.addRow([title]);
  sheet.mergeCells(1, 1, 1, ROSTER_HEADER.length);
  sheet.addRow([...ROSTER_HEADER]);
  for (const row of rows) sheet.addRow(row as ExcelJS.CellValue[]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export const xlsxFile = (bytes: Buffer, name = "花名册.xlsx") =>
  new File([new Uint8Array(bytes)], name, { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
