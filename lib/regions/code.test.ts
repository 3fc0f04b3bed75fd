import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkRegionCode, fullCode, ID_LENGTH, LEVELS, type RegionLevelName } from "./code";

const gangu = { id: "620523", level: "COUNTY" as const };
const dazhuang = { id: "620523100", level: "TOWNSHIP" as const };

describe("行政区划代码 of a new region", () => {
  it("accepts a village under its township and a township under its county", () => {
    expect(checkRegionCode("620523100209", "VILLAGE", dazhuang)).toEqual({ ok: true, id: "620523100209" });
    expect(checkRegionCode("620523120000", "TOWNSHIP", gangu)).toEqual({ ok: true, id: "620523120" });
    expect(checkRegionCode("620500000000", "CITY", { id: "62", level: "PROVINCE" })).toEqual({ ok: true, id: "6205" });
    expect(checkRegionCode("620000000000", "PROVINCE", null)).toEqual({ ok: true, id: "62" });
  });

  it("refuses a code that is not 12 digits", () => {
    for (const code of ["62052310020", "6205231002010", "62052310020a", "６２０５２３１００２０１", ""]) {
      expect(checkRegionCode(code, "VILLAGE", dazhuang)).toEqual({ ok: false, problem: "regionCodeShape" });
    }
  });

  it("refuses a code whose own part is zero or which has digits below its level", () => {
    expect(checkRegionCode("620523100000", "VILLAGE", dazhuang)).toEqual({ ok: false, problem: "regionCodeLevel" });
    expect(checkRegionCode("620523120001", "TOWNSHIP", gangu)).toEqual({ ok: false, problem: "regionCodeLevel" });
  });

  it("refuses a code outside its parent, or a parent of the wrong level", () => {
    expect(checkRegionCode("620524100201", "VILLAGE", dazhuang)).toEqual({ ok: false, problem: "regionCodeParent" });
    expect(checkRegionCode("620523100201", "VILLAGE", gangu)).toEqual({ ok: false, problem: "regionCodeParent" });
    expect(checkRegionCode("620523100201", "VILLAGE", null)).toEqual({ ok: false, problem: "regionParentRequired" });
  });

  it("property: a code made from its parent's id and a non-zero own part is accepted, and its id is a prefix of the code", () => {
    const level = fc.constantFrom<RegionLevelName>("CITY", "COUNTY", "TOWNSHIP", "VILLAGE");
    fc.assert(
      fc.property(level, fc.stringMatching(/^[0-9]{12}$/), (lvl, digits) => {
        const parentLevel = LEVELS[LEVELS.indexOf(lvl) - 1]!;
        const parentId = digits.slice(0, ID_LENGTH[parentLevel]);
        const ownLength = ID_LENGTH[lvl] - ID_LENGTH[parentLevel];
        const own = digits.slice(ID_LENGTH[parentLevel], ID_LENGTH[lvl]);
        fc.pre(!/^0+$/.test(own) && !/^0+$/.test(parentId.slice(-2)));
        void ownLength;
        const code = fullCode(parentId + own);
        const result = checkRegionCode(code, lvl, { id: parentId, level: parentLevel });
        return result.ok && code.startsWith(result.id) && fullCode(result.id) === code;
      }),
    );
  });
});
