// The offline dependency audit (scripts/audit-deps.mjs): what it refuses, on made-up inputs, and
// that the project's own package.json and package-lock.json pass it.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { auditProblems, inRange } from "../scripts/audit-deps.mjs";

const read = (f: string) => JSON.parse(readFileSync(f, "utf8")) as Record<string, unknown>;
const lockOf = (packages: Record<string, unknown>) => ({
  lockfileVersion: 3,
  packages: { "": { dependencies: { a: "1.2.3" } }, ...packages },
});

describe("dependency audit", () => {
  it("reads ranges", () => {
    expect(inRange("1.2.2", "<1.2.3")).toBe(true);
    expect(inRange("1.2.3", "<1.2.3")).toBe(false);
    expect(inRange("2.4.0", ">=2.0.0 <2.4.1")).toBe(true);
    expect(inRange("2.4.1", ">=2.0.0 <2.4.1")).toBe(false);
    expect(inRange("4.24.15", "4.24.15")).toBe(true);
  });

  it("refuses ranges in package.json, a lock out of step, missing integrity and advised versions", () => {
    const pkg = { dependencies: { a: "1.2.3", b: "^2.0.0" } };
    const lock = lockOf({
      "node_modules/a": { version: "1.2.3", integrity: "sha512-x" },
      "node_modules/c": { version: "0.9.0" },
      "node_modules/d": { version: "1.0.0", integrity: "sha512-y", resolved: "git+https://example.test/d.git" },
    });
    const problems = auditProblems(pkg, lock, [{ id: "GHSA-test", package: "a", vulnerable: "<1.3.0", severity: "high" }]);
    expect(problems).toEqual([
      expect.stringContaining('b: "^2.0.0" is not an exact version'),
      expect.stringContaining("lists b as nothing"),
      expect.stringContaining("node_modules/a@1.2.3: GHSA-test (high)"),
      expect.stringContaining("node_modules/c: no sha512 integrity"),
      expect.stringContaining("node_modules/d: resolved outside the registry"),
    ]);
  });

  it("passes the project's own lock", () => {
    expect(
      auditProblems(
        read("package.json"),
        read("package-lock.json"),
        (read("security/advisories.json") as { advisories: never[] }).advisories,
      ),
    ).toEqual([]);
  });
});
