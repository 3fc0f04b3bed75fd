import { describe, expect, it } from "vitest";
import { priceRefusedByLinks, type LinkTerms } from "./links";

const now = new Date("2026-11-22T00:00:00Z");
const link = (t: Partial<LinkTerms>): LinkTerms => ({
  rule: "FIXED_PER_UNIT",
  bps: null,
  fenPerUnit: 100,
  validFrom: new Date("2026-01-01"),
  validTo: null,
  ...t,
});

describe("priceRefusedByLinks", () => {
  it("refuses a price at or below the fixed amounts promised per unit", () => {
    const links = [link({ fenPerUnit: 300 }), link({ fenPerUnit: 500 })];
    expect(priceRefusedByLinks(900, links, now)).toBeNull();
    expect(priceRefusedByLinks(800, links, now)).toEqual({ promisedFen: 800 });
    expect(priceRefusedByLinks(500, links, now)).toEqual({ promisedFen: 800 });
  });
  it("counts a percentage's share of the new price together with fixed amounts", () => {
    const links = [link({ rule: "PERCENT_OF_SALES", bps: 5000, fenPerUnit: null }), link({ fenPerUnit: 400 })];
    expect(priceRefusedByLinks(1000, links, now)).toBeNull(); // 500 + 400 < 1000
    expect(priceRefusedByLinks(800, links, now)).toEqual({ promisedFen: 800 }); // 400 + 400 = 800
  });
  it("ignores links that have ended and percentages alone", () => {
    expect(priceRefusedByLinks(100, [link({ fenPerUnit: 500, validTo: new Date("2026-06-30") })], now)).toBeNull();
    expect(priceRefusedByLinks(1, [link({ rule: "PERCENT_OF_SALES", bps: 9000, fenPerUnit: null })], now)).toBeNull();
  });
  it("counts links that start later", () => {
    expect(priceRefusedByLinks(500, [link({ fenPerUnit: 600, validFrom: new Date("2027-01-01") })], now)).toEqual({ promisedFen: 600 });
  });
});
