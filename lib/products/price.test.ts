import { describe, expect, it } from "vitest";
import { fenToYuanInput, MAX_PRICE_FEN, parseYuanToFen } from "./price";

const fen = (text: unknown) => {
  const r = parseYuanToFen(text);
  return r.ok ? r.fen : r.error;
};

describe("parseYuanToFen", () => {
  it.each([
    ["¥38.50", 3850],
    ["38.5", 3850],
    ["38", 3800],
    ["￥38.50", 3850],
    [" 38.50 元", 3850],
    ["38元", 3800],
    ["1,280.00", 128000],
    ["12,345,678", 1234567800],
    ["３８", 3800],
    ["３８．５", 3850],
    ["¥ 0.01", 1],
    ["0.5", 50],
    [".5", 50],
    ["38.", 3800],
    ["007.10", 710],
    ["100000", MAX_PRICE_FEN],
    ["100,000.00", MAX_PRICE_FEN],
    ["RMB 12", 1200],
  ])("%s → %s fen", (text, expected) => {
    if (expected > MAX_PRICE_FEN) expect(fen(text)).toBe("priceTooHigh");
    else expect(fen(text)).toBe(expected);
  });

  it.each([
    ["-1", "priceNegative"],
    ["-38.50", "priceNegative"],
    ["¥-38.50", "priceNegative"],
    ["−5", "priceNegative"],
    ["0", "priceZero"],
    ["0.00", "priceZero"],
    ["¥0", "priceZero"],
    ["38.505", "priceTooPrecise"],
    ["1.001", "priceTooPrecise"],
    ["100000.01", "priceTooHigh"],
    ["999999999999", "priceTooHigh"],
    ["1e5", "priceInvalid"],
    ["abc", "priceInvalid"],
    ["三十八", "priceInvalid"],
    ["38,5", "priceInvalid"],
    ["1,28.00", "priceInvalid"],
    ["38.50.1", "priceInvalid"],
    ["¥", "priceRequired"],
    ["", "priceRequired"],
    ["   ", "priceRequired"],
    [".", "priceInvalid"],
    ["NaN", "priceInvalid"],
    ["Infinity", "priceInvalid"],
    [null, "priceInvalid"],
    [{}, "priceInvalid"],
    ["38 50", "priceInvalid"],
  ])("%s is refused with %s", (text, key) => {
    expect(fen(text)).toBe(key);
  });

  it("never uses floating point: 0.07, 19.99 and 1,234.56 are exact", () => {
    expect(fen("0.07")).toBe(7);
    expect(fen("19.99")).toBe(1999);
    expect(fen("1,234.56")).toBe(123456);
  });

  it("round-trips with fenToYuanInput", () => {
    for (const f of [1, 7, 50, 3850, 128000, MAX_PRICE_FEN]) expect(fen(fenToYuanInput(f))).toBe(f);
  });
});
