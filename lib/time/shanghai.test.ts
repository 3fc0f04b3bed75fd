import { describe, expect, it } from "vitest";
import { parseShanghaiDateTime, toShanghaiDateTimeInput } from "./shanghai";

describe("datetime-local in China's time", () => {
  it("reads a form's value as Shanghai time and writes it back", () => {
    const d = parseShanghaiDateTime("2026-12-07T20:00")!;
    expect(d.toISOString()).toBe("2026-12-07T12:00:00.000Z");
    expect(toShanghaiDateTimeInput(d)).toBe("2026-12-07T20:00");
    expect(parseShanghaiDateTime("2026-12-07 08:05:30")!.toISOString()).toBe("2026-12-07T00:05:30.000Z");
  });

  it("refuses what is not a real date and time", () => {
    for (const bad of ["", "2026-02-30T10:00", "2026-12-07T24:00", "2026-12-07", "tomorrow", "2026-12-07T10:60"]) {
      expect(parseShanghaiDateTime(bad)).toBeNull();
    }
  });
});
