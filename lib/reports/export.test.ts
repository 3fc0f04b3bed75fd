import ExcelJS from "exceljs";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { escapeCell, tableCsv, tableXlsx, yuanText } from "./export";
import type { Table } from "./tables";

const table: Table = {
  key: "products",
  title: "产品",
  columns: [
    { key: "product", label: "产品", kind: "text" },
    { key: "assist", label: "消费帮扶销售额", kind: "fen" },
    { key: "share", label: "帮扶占比", kind: "percent" },
    { key: "reached", label: "带动户数", kind: "int" },
  ],
  rows: [
    [
      { kind: "text", value: '=HYPERLINK("http://x","点我")' },
      { kind: "fen", value: 123456 },
      { kind: "percent", value: 87.5 },
      { kind: "int", value: 3 },
    ],
    [
      { kind: "text", value: "+86 辣椒" },
      { kind: "fen", value: 5 },
      { kind: "percent", value: null },
      { kind: "int", value: 0 },
    ],
    [
      { kind: "text", value: "-1+2" },
      { kind: "fen", value: 0 },
      { kind: "percent", value: 100 },
      { kind: "int", value: 12 },
    ],
    [
      { kind: "text", value: "@SUM(A1)" },
      { kind: "fen", value: 100 },
      { kind: "percent", value: 0 },
      { kind: "int", value: 1 },
    ],
    [
      { kind: "text", value: '甘谷,辣椒 "特级"' },
      { kind: "fen", value: 99 },
      { kind: "percent", value: 33.3 },
      { kind: "int", value: 1 },
    ],
  ],
  total: [
    { kind: "text", value: "合计" },
    { kind: "fen", value: 123660 },
    { kind: "percent", value: null },
    { kind: "int", value: 17 },
  ],
};
const header = {
  title: "=cmd|' /C calc'!A0",
  lines: [
    ["统计范围", "甘谷县"],
    ["筛选条件", "-无"],
  ] as [string, string][],
  units: "金额单位:元",
};
const units = { money: "元", percent: "%" };

describe("report exports", () => {
  it("escape text a spreadsheet would take for a formula", () => {
    expect(["=1+1", "+1", "-1", "@A1", "\t=1", "\r=1"].map(escapeCell)).toEqual(["'=1+1", "'+1", "'-1", "'@A1", "'\t=1", "'\r=1"]);
    expect(["甘谷", "1-2", " =1", "a=b"].map(escapeCell)).toEqual(["甘谷", "1-2", " =1", "a=b"]);
  });

  it("write money in yuan from fen without floating point", () => {
    expect([0, 5, 99, 100, 123456, 9007199254740991, -250].map(yuanText)).toEqual([
      "0.00",
      "0.05",
      "0.99",
      "1.00",
      "1234.56",
      "90071992547409.91",
      "-2.50",
    ]);
  });

  it("CSV: UTF-8 with a byte-order mark, header lines, the table, escaped text, quoted commas", () => {
    const csv = tableCsv(table, header, units);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    const rows = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: false }).data;
    expect(rows.slice(0, 4)).toEqual([["'=cmd|' /C calc'!A0"], ["统计范围", "甘谷县"], ["筛选条件", "'-无"], ["金额单位:元"]]);
    expect(rows[5]).toEqual(["产品", "消费帮扶销售额 (元)", "帮扶占比 (%)", "带动户数"]);
    expect(rows.slice(6, 12)).toEqual([
      [`'=HYPERLINK("http://x","点我")`, "1234.56", "87.5", "3"],
      ["'+86 辣椒", "0.05", "", "0"],
      ["'-1+2", "0.00", "100.0", "12"],
      ["'@SUM(A1)", "1.00", "0.0", "1"],
      ['甘谷,辣椒 "特级"', "0.99", "33.3", "1"],
      ["合计", "1236.60", "", "17"],
    ]);
  });

  it("XLSX: numbers as numbers (yuan to the fen), text escaped, nothing a formula", async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await tableXlsx(table, header, units)) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe("产品");
    const values: unknown[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => values.push((row.values as unknown[]).slice(1)));
    expect(values[0]).toEqual(["'=cmd|' /C calc'!A0"]);
    expect(values[2]).toEqual(["筛选条件", "'-无"]);
    expect(values[5]).toEqual(["产品", "消费帮扶销售额 (元)", "帮扶占比 (%)", "带动户数"]);
    expect(values[6]).toEqual([`'=HYPERLINK("http://x","点我")`, 1234.56, 87.5, 3]);
    expect(values[7]).toEqual(["'+86 辣椒", 0.05, undefined, 0]);
    expect(values[11]).toEqual(["合计", 1236.6, undefined, 17]);
    sheet.eachRow((row) => row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)));
    expect(sheet.getRow(7).getCell(2).numFmt).toBe('"¥"#,##0.00');
  });
});
