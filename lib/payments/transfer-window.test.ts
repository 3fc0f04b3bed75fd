import { describe, expect, it } from "vitest";
import { newTransferReference, TRANSFER_REFERENCE, transferDeadline } from "./transfer-window";

// 2026-12-07 is a Monday.
const at = (iso: string) => new Date(iso);
const shanghai = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19);

describe("transferDeadline", () => {
  it("holds until the end of the third working day after the order's day", () => {
    expect(shanghai(transferDeadline(at("2026-12-07T02:00:00Z")))).toBe("2026-12-10T23:59:59"); // Mon → Thu
  });
  it("skips Saturday and Sunday", () => {
    expect(shanghai(transferDeadline(at("2026-12-10T02:00:00Z")))).toBe("2026-12-15T23:59:59"); // Thu → Tue
    expect(shanghai(transferDeadline(at("2026-12-11T09:00:00Z")))).toBe("2026-12-16T23:59:59"); // Fri → Wed
    expect(shanghai(transferDeadline(at("2026-12-12T09:00:00Z")))).toBe("2026-12-16T23:59:59"); // Sat → Wed
    expect(shanghai(transferDeadline(at("2026-12-13T09:00:00Z")))).toBe("2026-12-16T23:59:59"); // Sun → Wed
  });
  it("counts days in Shanghai: 23:30 UTC on Sunday is Monday morning there", () => {
    expect(shanghai(transferDeadline(at("2026-12-06T23:30:00Z")))).toBe("2026-12-10T23:59:59");
  });
});

describe("newTransferReference", () => {
  it("is ZZ and 8 characters without look-alikes", () => {
    for (let i = 0; i < 50; i++) expect(newTransferReference()).toMatch(TRANSFER_REFERENCE);
  });
});
