import { describe, expect, it } from "vitest";
import { replacedHeaders, withoutHeaders } from "./raw-headers";

describe("raw header arrays", () => {
  const raw = ["Content-Type", "text/html", "X-Request-Id", "r1", "Set-Cookie", "a=1", "set-cookie", "b=2"];

  it("replaces the named headers' values whatever their case, and leaves the array given as it was", () => {
    expect(replacedHeaders(raw, { "x-request-id": "r2", "set-cookie": "c=3", constructor: "x" })).toEqual([
      "Content-Type",
      "text/html",
      "X-Request-Id",
      "r2",
      "Set-Cookie",
      "c=3",
      "set-cookie",
      "c=3",
    ]);
    expect(raw[3]).toBe("r1");
  });

  it("drops the named headers, every occurrence", () => {
    expect(withoutHeaders(raw, new Set(["set-cookie"]))).toEqual(["Content-Type", "text/html", "X-Request-Id", "r1"]);
  });
});
