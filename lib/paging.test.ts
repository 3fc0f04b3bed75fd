import { describe, expect, it } from "vitest";
import { pageParam } from "./paging";

describe("pageParam", () => {
  it("reads a whole page number and falls back to 1 for anything else", () => {
    expect(pageParam("3")).toBe(3);
    expect(pageParam("99999")).toBe(99999);
    for (const bad of [undefined, "", "0", "-2", "1.5", "abc", "100000", ["2", "3"]]) expect(pageParam(bad)).toBe(1);
  });
});
