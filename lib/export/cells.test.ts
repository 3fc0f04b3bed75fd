import { describe, expect, it } from "vitest";
import { escapeCell, escapeCellValue, looksLikeFormula } from "./cells";

describe("escapeCell", () => {
  it("prefixes text that a spreadsheet would run as a formula with an apostrophe", () => {
    expect(escapeCell('=HYPERLINK("http://example.test","点我")')).toBe(`'=HYPERLINK("http://example.test","点我")`);
    expect(escapeCell("+86 138")).toBe("'+86 138");
    expect(escapeCell("-1+2")).toBe("'-1+2");
    expect(escapeCell("@SUM(A1:A2)")).toBe("'@SUM(A1:A2)");
    expect(escapeCell("\t=1+1")).toBe("'\t=1+1");
    expect(escapeCell("\r=1+1")).toBe("'\r=1+1");
  });

  it("leaves ordinary text alone, = inside the text included", () => {
    for (const text of ["王示例", "GG-2014-0001", "6205**********1234", "a=b", " =1", "", "大庄镇 大庄村", "'quoted"]) {
      expect(escapeCell(text)).toBe(text);
      expect(looksLikeFormula(text)).toBe(false);
    }
  });

  it("escapes strings only: numbers, dates, booleans and empty cells pass through", () => {
    const day = new Date("2026-01-01T00:00:00Z");
    expect(escapeCellValue(-5)).toBe(-5);
    expect(escapeCellValue(day)).toBe(day);
    expect(escapeCellValue(true)).toBe(true);
    expect(escapeCellValue(null)).toBeNull();
    expect(escapeCellValue(undefined)).toBeUndefined();
    expect(escapeCellValue("-5")).toBe("'-5");
  });
});
