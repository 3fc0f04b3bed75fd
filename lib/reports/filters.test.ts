import { describe, expect, it } from "vitest";
import { parseReportFilters, reportParams } from "./filters";

const TODAY = "2026-11-22";
const parse = (q: string) => parseReportFilters(new URLSearchParams(q), TODAY);

describe("report filters", () => {
  it("default to the current year", () => {
    expect(parse("").filters).toEqual({ period: { kind: "year", from: "2026-01-01", to: "2026-12-31", value: "2026" } });
    expect(parse("").problems).toEqual([]);
  });

  it("a kind without its value is the current month or quarter", () => {
    expect(parse("period=month").filters.period.value).toBe("2026-11");
    expect(parse("period=quarter").filters.period.value).toBe("2026-Q4");
  });

  it("drop what is malformed, and say what", () => {
    const { filters, problems } = parse("period=month&month=2026-13&township=abc&channel=TV&category=CHILI&operator=x'%3Bdrop");
    expect(filters).toEqual({ period: { kind: "year", from: "2026-01-01", to: "2026-12-31", value: "2026" }, category: "CHILI" });
    expect(problems.sort()).toEqual(["channel", "operator", "period", "township"]);
    expect(parse("period=custom&from=2026-05-01&to=2026-04-01").problems).toEqual(["reversedRange"]);
  });

  it("go back into the URL in one canonical form", () => {
    const q = "village=620523100201&period=custom&to=2026-04-20&from=2026-03-05&month=2026-01&channel=RETAIL";
    const params = reportParams(parse(q).filters);
    expect(params.toString()).toBe("period=custom&from=2026-03-05&to=2026-04-20&village=620523100201&channel=RETAIL");
    expect(parse(params.toString()).filters).toEqual(parse(q).filters);
  });
});
