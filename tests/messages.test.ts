// Both languages have the same message keys, and every file holds whole namespaces of its own.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const dir = path.join(__dirname, "..", "messages");
const read = (locale: string, file: string) => JSON.parse(readFileSync(path.join(dir, locale, file), "utf8"));
const keys = (o: Record<string, unknown>, prefix = ""): string[] =>
  Object.entries(o).flatMap(([k, v]) =>
    v && typeof v === "object" ? keys(v as Record<string, unknown>, `${prefix}${k}.`) : [`${prefix}${k}`],
  );

describe("messages", () => {
  const files = readdirSync(path.join(dir, "zh-CN")).sort();
  it("exist in both languages", () => {
    expect(readdirSync(path.join(dir, "en")).sort()).toEqual(files);
  });
  for (const file of files) {
    it(`${file} has the same keys in zh-CN and en`, () => {
      expect(keys(read("en", file)).sort()).toEqual(keys(read("zh-CN", file)).sort());
    });
  }
  it("no namespace is defined in two files", () => {
    const seen = new Map<string, string>();
    for (const file of files) {
      for (const ns of Object.keys(read("zh-CN", file))) {
        expect(seen.get(ns), `${ns} in ${file}`).toBeUndefined();
        seen.set(ns, file);
      }
    }
  });
});
