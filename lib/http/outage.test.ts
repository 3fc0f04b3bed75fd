import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable, serviceBusy } from "./outage";

describe("database outages", () => {
  it("recognises an unreachable database however the error is wrapped", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 10.2.3.4:5432"), { code: "ECONNREFUSED" });
    expect(isDatabaseUnavailable(refused)).toBe(true);
    expect(isDatabaseUnavailable(new Error("wrapped", { cause: refused }))).toBe(true);
    expect(isDatabaseUnavailable(new AggregateError([refused], "x"))).toBe(true);
    expect(isDatabaseUnavailable({ code: "57P01", message: "terminating connection due to administrator command" })).toBe(true);
    expect(isDatabaseUnavailable({ code: "P1001" })).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnavailable({ name: "PrismaClientInitializationError", message: "x" })).toBe(true);
  });

  it("does not take ordinary errors for an outage", () => {
    expect(isDatabaseUnavailable(new Error("Unique constraint failed"))).toBe(false);
    expect(isDatabaseUnavailable({ code: "P2002" })).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable("ECONNREFUSED")).toBe(false);
  });

  it("answers 503 with Retry-After and no detail", async () => {
    const response = serviceBusy();
    expect(response.status).toBe(503);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await response.json()).toEqual({ ok: false, error: "serviceBusy" });
  });
});
