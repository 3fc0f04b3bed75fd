import { describe, expect, it } from "vitest";
import { MIN_UNITS_PER_SHARD, shardsFor, splitUnits } from "./rules";

describe("allotment shards", () => {
  it("keeps a small allotment in one row and a big one in at most the setting", () => {
    expect(shardsFor(0, 4)).toBe(1);
    expect(shardsFor(MIN_UNITS_PER_SHARD * 2 - 1, 4)).toBe(1);
    expect(shardsFor(MIN_UNITS_PER_SHARD * 2, 4)).toBe(2);
    expect(shardsFor(13_400, 4)).toBe(4);
    expect(shardsFor(13_400, 1)).toBe(1);
  });

  it("splits the units evenly and loses none", () => {
    expect(splitUnits(13_400, 4)).toEqual([3350, 3350, 3350, 3350]);
    expect(splitUnits(10, 4)).toEqual([3, 3, 2, 2]);
    expect(splitUnits(0, 1)).toEqual([0]);
    for (let units = 0; units < 300; units += 7)
      for (let n = 1; n <= 5; n++) expect(splitUnits(units, n).reduce((a, b) => a + b)).toBe(units);
  });
});
