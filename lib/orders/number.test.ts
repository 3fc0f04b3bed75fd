import { describe, expect, it } from "vitest";
import { newOrderNumber, ORDER_NUMBER } from "./number";

describe("order numbers", () => {
  it("carry the Shanghai date and 8 characters without look-alikes", () => {
    // 2026-11-22 23:30 UTC is already the 23rd in Shanghai.
    const number = newOrderNumber(new Date("2026-11-22T23:30:00Z"));
    expect(number).toMatch(/^XK261123[2-9A-HJKMNP-Z]{8}$/);
    expect(number).toMatch(ORDER_NUMBER);
  });
});
