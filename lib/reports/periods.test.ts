import { describe, expect, it } from "vitest";
import { monthsBetween, parseCustom, parseMonth, parseQuarter, parseYear, periodInstants, rollupPlan, trendMonths } from "./periods";

describe("report periods", () => {
  it("reads months, quarters and years, and refuses what is not one", () => {
    expect(parseMonth("2025-02")).toEqual({ kind: "month", from: "2025-02-01", to: "2025-02-28", value: "2025-02" });
    expect(parseMonth("2024-02")?.to).toBe("2024-02-29");
    expect(parseQuarter("2025-q4")).toEqual({ kind: "quarter", from: "2025-10-01", to: "2025-12-31", value: "2025-Q4" });
    expect(parseYear("2026")).toEqual({ kind: "year", from: "2026-01-01", to: "2026-12-31", value: "2026" });
    for (const bad of ["2025-13", "2025-2", "25-02", "1999-01", "2025-02-01"]) expect(parseMonth(bad), bad).toBeNull();
    for (const bad of ["2025-Q5", "2025Q1", "Q1"]) expect(parseQuarter(bad), bad).toBeNull();
    expect(parseYear("3000")).toBeNull();
  });

  it("custom ranges are whole days, in order, at most five years", () => {
    expect(parseCustom("2025-03-05", "2025-04-20")).toEqual({ kind: "custom", from: "2025-03-05", to: "2025-04-20", value: "" });
    expect(parseCustom("2025-02-30", "2025-03-01")).toBe("invalidDate");
    expect(parseCustom("2025-04-20", "2025-03-05")).toBe("reversedRange");
    expect(parseCustom("2020-01-01", "2025-12-31")).toBe("rangeTooLong");
  });

  it("a period's instants are Shanghai days: 00:00 +08:00 of the first day up to 00:00 after the last", () => {
    const { start, end } = periodInstants(parseMonth("2025-04")!);
    expect(start.toISOString()).toBe("2025-03-31T16:00:00.000Z");
    expect(end.toISOString()).toBe("2025-04-30T16:00:00.000Z");
  });

  it("whole months, quarters and years come from the rollups; a range that cuts a month from the ledger", () => {
    expect(rollupPlan(parseYear("2025")!)).toEqual({ grain: "YEAR", firstStart: "2025-01-01", lastStart: "2025-01-01" });
    expect(rollupPlan(parseQuarter("2025-Q2")!)).toEqual({ grain: "QUARTER", firstStart: "2025-04-01", lastStart: "2025-04-01" });
    expect(rollupPlan(parseCustom("2025-02-01", "2025-05-31") as never)).toEqual({
      grain: "MONTH",
      firstStart: "2025-02-01",
      lastStart: "2025-05-01",
    });
    expect(rollupPlan(parseCustom("2025-02-01", "2025-05-30") as never)).toBeNull();
    expect(rollupPlan(parseCustom("2025-02-02", "2025-05-31") as never)).toBeNull();
  });

  it("the trend shows at least the twelve months up to the period's last", () => {
    expect(trendMonths(parseMonth("2025-03")!)).toEqual(monthsBetween("2024-04-01", "2025-03-01"));
    expect(trendMonths(parseYear("2025")!)).toHaveLength(12);
    expect(trendMonths(parseCustom("2023-01-01", "2025-06-30") as never)).toHaveLength(30);
  });
});
