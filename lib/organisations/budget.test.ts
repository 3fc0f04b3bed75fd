import { describe, expect, it } from "vitest";
import { MAX_BUDGET_FEN, parseBudgetYuan } from "./budget";

describe("parseBudgetYuan", () => {
  it("reads yuan as typed into bigint fen", () => {
    expect(parseBudgetYuan("1200000")).toEqual({ ok: true, fen: 120_000_000n });
    expect(parseBudgetYuan("¥1,200,000.50 元")).toEqual({ ok: true, fen: 120_000_050n });
    expect(parseBudgetYuan("１２００００")).toEqual({ ok: true, fen: 12_000_000n });
    expect(parseBudgetYuan("100000000000")).toEqual({ ok: true, fen: MAX_BUDGET_FEN });
  });

  it("refuses negative, zero, absurd and non-numbers with a reason", () => {
    expect(parseBudgetYuan("-5000")).toEqual({ ok: false, error: "budgetNegative" });
    expect(parseBudgetYuan("−5000")).toEqual({ ok: false, error: "budgetNegative" });
    expect(parseBudgetYuan("0")).toEqual({ ok: false, error: "budgetZero" });
    expect(parseBudgetYuan("0.00")).toEqual({ ok: false, error: "budgetZero" });
    expect(parseBudgetYuan("100000000000.01")).toEqual({ ok: false, error: "budgetTooLarge" });
    expect(parseBudgetYuan("9".repeat(30))).toEqual({ ok: false, error: "budgetTooLarge" });
    expect(parseBudgetYuan("一百万")).toEqual({ ok: false, error: "budgetInvalid" });
    expect(parseBudgetYuan("12,34")).toEqual({ ok: false, error: "budgetInvalid" });
    expect(parseBudgetYuan("1e9")).toEqual({ ok: false, error: "budgetInvalid" });
    expect(parseBudgetYuan("12.345")).toEqual({ ok: false, error: "budgetTooPrecise" });
    expect(parseBudgetYuan("  ")).toEqual({ ok: false, error: "budgetRequired" });
    expect(parseBudgetYuan(null)).toEqual({ ok: false, error: "budgetInvalid" });
  });
});
