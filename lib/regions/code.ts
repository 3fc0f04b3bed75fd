// 行政区划代码 as the statistics bureau publishes them (统计用区划代码): 12 digits,
//   PP CC DD TTT VVV   province, city, county (2 digits each), township, village (3 digits each).
// A region's id in this database is the code cut to its level (62, 6205, 620523, 620523100,
// 620523100201), so a descendant's id starts with its ancestor's. Pure.

export type RegionLevelName = "PROVINCE" | "CITY" | "COUNTY" | "TOWNSHIP" | "VILLAGE";

export const LEVELS: readonly RegionLevelName[] = ["PROVINCE", "CITY", "COUNTY", "TOWNSHIP", "VILLAGE"];
/** How many leading digits of the 12 name a region of each level. */
export const ID_LENGTH: Record<RegionLevelName, number> = { PROVINCE: 2, CITY: 4, COUNTY: 6, TOWNSHIP: 9, VILLAGE: 12 };

export type RegionCodeProblem =
  | "regionCodeShape" // not 12 digits
  | "regionCodeLevel" // its own segment is 000, or digits after its level are not all 0
  | "regionCodeParent" // does not start with the parent's code, or the parent is not one level up
  | "regionParentRequired";

/** The child level of a level (null below villages). */
export function childLevel(level: RegionLevelName): RegionLevelName | null {
  return LEVELS[LEVELS.indexOf(level) + 1] ?? null;
}

/** A stored id written out as its 12-digit code (padded with zeros). */
export function fullCode(id: string): string {
  return id.padEnd(12, "0");
}

/**
 * Checks a 12-digit code for a new region of `level` under `parent` (null for a province), and
 * returns the id it is stored under, or the problem.
 */
export function checkRegionCode(
  code: string,
  level: RegionLevelName,
  parent: { id: string; level: RegionLevelName } | null,
): { ok: true; id: string } | { ok: false; problem: RegionCodeProblem } {
  if (!/^[0-9]{12}$/u.test(code)) return { ok: false, problem: "regionCodeShape" };
  const length = ID_LENGTH[level];
  const start = level === "PROVINCE" ? 0 : ID_LENGTH[LEVELS[LEVELS.indexOf(level) - 1]!];
  const own = code.slice(start, length);
  if (/^0+$/u.test(own) || !/^0*$/u.test(code.slice(length))) return { ok: false, problem: "regionCodeLevel" };
  if (level === "PROVINCE") {
    if (parent) return { ok: false, problem: "regionCodeParent" };
    return { ok: true, id: code.slice(0, 2) };
  }
  if (!parent) return { ok: false, problem: "regionParentRequired" };
  if (childLevel(parent.level) !== level || !code.startsWith(parent.id) || parent.id.length !== start) {
    return { ok: false, problem: "regionCodeParent" };
  }
  return { ok: true, id: code.slice(0, length) };
}
