import { describe, expect, it } from "vitest";
import {
  canSubmit,
  duplicateNames,
  duplicateState,
  editNeedsRecertification,
  INITIAL_STATUS,
  makeSlug,
  SLUG_PATTERN,
  slugBase,
  slugSuffix,
  statusAfterEdit,
  submitForCertification,
} from "./listing";

describe("listing status rules", () => {
  it("new listings are drafts", () => {
    expect(INITIAL_STATUS).toBe("DRAFT");
  });

  it("submit moves DRAFT and REJECTED to PENDING_CERTIFICATION, and refuses the others", () => {
    expect(submitForCertification("DRAFT")).toEqual({ ok: true, status: "PENDING_CERTIFICATION" });
    expect(submitForCertification("REJECTED")).toEqual({ ok: true, status: "PENDING_CERTIFICATION" });
    expect(submitForCertification("PENDING_CERTIFICATION")).toEqual({ ok: false, error: "alreadyPending" });
    expect(submitForCertification("CERTIFIED")).toEqual({ ok: false, error: "alreadyCertified" });
    expect(canSubmit("DRAFT")).toBe(true);
    expect(canSubmit("CERTIFIED")).toBe(false);
  });

  it("an edit of a certified product that changes price or village sends it back for certification", () => {
    expect(statusAfterEdit("CERTIFIED", { priceChanged: true, villageChanged: false })).toBe("PENDING_CERTIFICATION");
    expect(statusAfterEdit("CERTIFIED", { priceChanged: false, villageChanged: true })).toBe("PENDING_CERTIFICATION");
    expect(editNeedsRecertification("CERTIFIED", { priceChanged: true, villageChanged: true })).toBe(true);
  });

  it("other edits keep the status", () => {
    expect(statusAfterEdit("CERTIFIED", { priceChanged: false, villageChanged: false })).toBe("CERTIFIED");
    // What the product is (name, category, unit, size, GI mark) was certified too.
    expect(statusAfterEdit("CERTIFIED", { priceChanged: false, villageChanged: false, identityChanged: true })).toBe(
      "PENDING_CERTIFICATION",
    );
    for (const s of ["DRAFT", "PENDING_CERTIFICATION", "REJECTED"] as const) {
      expect(statusAfterEdit(s, { priceChanged: true, villageChanged: true })).toBe(s);
      expect(editNeedsRecertification(s, { priceChanged: true, villageChanged: true })).toBe(false);
    }
  });

  it("a duplicate is an unlisted draft with no stock and no certification", () => {
    expect(duplicateState()).toEqual({ status: "DRAFT", stock: 0, listed: false, certifiedUntil: null, reviewNote: null, soldCount: 0 });
  });

  it("a duplicate's names are marked and stay within 60 characters", () => {
    expect(duplicateNames({ nameZh: "甘谷线椒干 500克", nameEn: "Gangu Dried Chili" })).toEqual({
      nameZh: "甘谷线椒干 500克（副本）",
      nameEn: "Gangu Dried Chili (copy)",
    });
    const long = duplicateNames({ nameZh: "辣".repeat(60), nameEn: "x".repeat(60) });
    expect(long.nameZh).toHaveLength(60);
    expect(long.nameEn).toHaveLength(60);
    expect(long.nameEn.endsWith(" (copy)")).toBe(true);
  });
});

describe("slugs", () => {
  it("come from the English name", () => {
    expect(slugBase("Gangu Dried Thread Chili 500 g")).toBe("gangu-dried-thread-chili-500-g");
    expect(slugBase("  Café — Crème brûlée!! ")).toBe("cafe-creme-brulee");
    expect(slugBase("甘谷辣椒")).toBe("product");
    expect(slugBase("")).toBe("product");
    expect(slugBase("a".repeat(200))).toHaveLength(60);
  });

  it("get a short random suffix and match the storefront's URL pattern", () => {
    const a = makeSlug("Gangu Apple 5 kg");
    expect(a).toMatch(/^gangu-apple-5-kg-[a-z2-9]{6}$/);
    expect(a).toMatch(SLUG_PATTERN);
    expect(makeSlug("!!!")).toMatch(SLUG_PATTERN);
    expect(makeSlug("x ".repeat(80))).toMatch(SLUG_PATTERN);
    const many = new Set(Array.from({ length: 1000 }, () => slugSuffix()));
    expect(many.size).toBeGreaterThan(995);
  });
});
