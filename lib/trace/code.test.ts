import { describe, expect, it } from "vitest";
import { CODE_BYTES, isCode, newCode, TRACE_CODE } from "./code";

describe("trace codes", () => {
  it("are 16 URL-safe characters carrying 96 random bits", () => {
    const code = newCode();
    expect(code).toMatch(TRACE_CODE);
    expect(Buffer.from(code, "base64url")).toHaveLength(CODE_BYTES);
    expect(CODE_BYTES * 8).toBeGreaterThanOrEqual(80);
  });

  it("do not repeat and share no prefix pattern over many draws", () => {
    const codes = Array.from({ length: 5000 }, newCode);
    expect(new Set(codes).size).toBe(codes.length);
    // Every character position takes many values: nothing is a counter or a timestamp.
    for (let i = 0; i < 16; i++) expect(new Set(codes.map((c) => c[i])).size).toBeGreaterThan(40);
  });

  it("refuses what is not a code", () => {
    for (const bad of ["", "short", "a".repeat(17), "abc/def+ghij=klm", "../../etc/passwd", 12, null, undefined])
      expect(isCode(bad)).toBe(false);
    expect(isCode(newCode())).toBe(true);
  });
});
