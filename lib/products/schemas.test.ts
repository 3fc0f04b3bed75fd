// The product form's 七天无理由 setting (docs/DESIGN.md#rule-11): fresh produce can never offer it.
import { describe, expect, it } from "vitest";
import { createProductInput, updateProductInput } from "./schemas";

const form = {
  nameZh: "甘谷线椒干",
  nameEn: "Gangu dried chili",
  category: "CHILI",
  unitZh: "袋",
  unitEn: "bag",
  specZh: "500克",
  specEn: "500 g",
  price: "38.50",
  villageId: "620523100201",
  giMarkId: "",
  scLicence: "",
};
const update = (over: Record<string, unknown>) => updateProductInput.safeParse({ productId: "p1", ...form, ...over });

describe("noReasonReturn", () => {
  it("left out or 'default' is null: the category decides", () => {
    expect(update({}).data?.noReasonReturn).toBeNull();
    expect(update({ noReasonReturn: "default" }).data?.noReasonReturn).toBeNull();
    expect(update({ category: "MUTTON", noReasonReturn: "" }).data?.noReasonReturn).toBeNull();
  });

  it("a packaged product may offer it or not", () => {
    expect(update({ noReasonReturn: "yes" }).data?.noReasonReturn).toBe(true);
    expect(update({ noReasonReturn: "no" }).data?.noReasonReturn).toBe(false);
  });

  it("fresh produce may say no, never yes (create and update alike)", () => {
    expect(update({ category: "MUTTON", noReasonReturn: "no" }).data?.noReasonReturn).toBe(false);
    for (const category of ["MUTTON", "APPLE", "CHICKEN"]) {
      const refused = update({ category, noReasonReturn: "yes" });
      expect(refused.success).toBe(false);
      expect(refused.error?.issues).toEqual([expect.objectContaining({ path: ["noReasonReturn"], message: "noReasonNotForFresh" })]);
    }
    const created = createProductInput.safeParse({ operator: "coop", ...form, category: "YAK", noReasonReturn: "yes", stock: "0" });
    expect(created.error?.issues).toEqual([expect.objectContaining({ path: ["noReasonReturn"], message: "noReasonNotForFresh" })]);
  });

  it("anything else is refused", () => {
    expect(update({ noReasonReturn: "maybe" }).error?.issues[0]).toMatchObject({ path: ["noReasonReturn"], message: "invalidInput" });
    expect(update({ noReasonReturn: true }).success).toBe(false);
  });
});
