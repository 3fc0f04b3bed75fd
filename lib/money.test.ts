import { describe, expect, it } from "vitest";
import { formatFen, formatFenWhole } from "./money";

describe("formatFen", () => {
  it("shows fen as yuan with the ¥ sign and two decimals", () => {
    expect(formatFen(3850)).toBe("¥38.50");
    expect(formatFen(5)).toBe("¥0.05");
    expect(formatFen(12345678)).toBe("¥123,456.78");
  });
  it("never shows a negative zero", () => {
    expect(formatFen(-0)).toBe("¥0.00");
    expect(formatFen(-5)).toBe("-¥0.05");
  });
  it("rounds large counters to whole yuan", () => {
    expect(formatFenWhole(67000050)).toBe("¥670,001");
  });
});
