import { describe, expect, it } from "vitest";
import { addYears, defaultValidUntil, todayInChina, validUntilError, validUntilInstant } from "./rules";

const NOW = new Date("2026-11-22T17:30:00Z"); // 01:30 on 23 November in China

describe("certification validity", () => {
  it("counts days in China's calendar", () => {
    expect(todayInChina(NOW)).toBe("2026-11-23");
    expect(defaultValidUntil(NOW)).toBe("2027-11-23");
  });
  it("keeps leap days inside the month", () => {
    expect(addYears("2028-02-29", 1)).toBe("2029-02-28");
  });
  it("needs a future date, at most three years ahead", () => {
    expect(validUntilError("2026-11-23", NOW)).toBe("certifyUntilPast");
    expect(validUntilError("2026-11-24", NOW)).toBeNull();
    expect(validUntilError("2029-11-23", NOW)).toBeNull();
    expect(validUntilError("2029-11-24", NOW)).toBe("certifyUntilTooFar");
    expect(validUntilError("2027-02-30", NOW)).toBe("dateInvalid");
    expect(validUntilError("soon", NOW)).toBe("dateInvalid");
  });
  it("lapses at the end of the day in China", () => {
    expect(validUntilInstant("2027-11-23").toISOString()).toBe("2027-11-23T15:59:59.999Z");
  });
});
