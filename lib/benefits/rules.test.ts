// The pure rules of benefit links: percentages typed by clerks, Shanghai calendar days, validity
// overlap, and the refusal of links that would promise more than a sale earns.
import { describe, expect, it } from "vitest";
import { formatBps, parsePercentToBps, parseYuanAmount } from "@/lib/benefits/amounts";
import { shanghaiDayEnd, shanghaiDayRange, shanghaiDayStart, shanghaiMonthRange, toShanghaiYmd } from "@/lib/time/shanghai";
import { checkLinkBudget, isActiveAt, linkState, periodsOverlap, type LinkTerms, type PricedProduct } from "@/lib/benefits/links";
import { operatorIdOfProofKey, sniffProof } from "@/lib/benefits/proof";
import { budgetRefusalError } from "@/lib/benefits/refusal";
import { linkCreateInput, payoutCreateInput } from "@/lib/benefits/schemas";

describe("parsePercentToBps", () => {
  it("reads percentages as clerks type them", () => {
    expect(parsePercentToBps("5")).toBe(500);
    expect(parsePercentToBps("2.5%")).toBe(250);
    expect(parsePercentToBps(" 2.55 % ")).toBe(255);
    expect(parsePercentToBps("0.01")).toBe(1);
    expect(parsePercentToBps("100")).toBe(10000);
    expect(parsePercentToBps("１２．５％")).toBe(1250); // full-width, from a Chinese input method
    expect(parsePercentToBps("7.")).toBe(700);
  });
  it("refuses what is not a share of a sale", () => {
    for (const bad of ["", " ", "0", "0.00", "-5", "100.01", "101", "2.555", "abc", "5%%", "1e2", "５％x"]) {
      expect(parsePercentToBps(bad), bad).toBeNull();
    }
  });
  it("formats basis points back", () => {
    expect(formatBps(8500)).toBe("85%");
    expect(formatBps(250)).toBe("2.5%");
    expect(formatBps(255)).toBe("2.55%");
    expect(formatBps(1)).toBe("0.01%");
    expect(formatBps(10000)).toBe("100%");
  });
});

describe("parseYuanAmount (lib/catalog/price.ts underneath)", () => {
  it("turns yuan into fen", () => {
    expect(parseYuanAmount("12")).toEqual({ ok: true, fen: 1200 });
    expect(parseYuanAmount("¥3.5")).toEqual({ ok: true, fen: 350 });
    expect(parseYuanAmount("1,200.00元")).toEqual({ ok: true, fen: 120000 });
  });
  it("answers with keys of the errors namespace", () => {
    expect(parseYuanAmount("")).toEqual({ ok: false, error: "required" });
    expect(parseYuanAmount("0")).toEqual({ ok: false, error: "amountInvalid" });
    expect(parseYuanAmount("-3")).toEqual({ ok: false, error: "amountInvalid" });
    expect(parseYuanAmount("1.234")).toEqual({ ok: false, error: "amountTooPrecise" });
    expect(parseYuanAmount("99999999")).toEqual({ ok: false, error: "amountTooHigh" });
  });
});

describe("Shanghai calendar days", () => {
  it("a day runs from 00:00 to 23:59:59.999 Beijing time", () => {
    expect(shanghaiDayStart("2026-03-05").toISOString()).toBe("2026-03-04T16:00:00.000Z");
    expect(shanghaiDayEnd("2026-03-05").toISOString()).toBe("2026-03-05T15:59:59.999Z");
    expect(toShanghaiYmd(new Date("2026-03-04T16:00:00.000Z"))).toBe("2026-03-05");
    expect(toShanghaiYmd(new Date("2026-03-04T15:59:59.999Z"))).toBe("2026-03-04");
  });
  it("today and this month follow Beijing time, not UTC", () => {
    // 2026-01-31 23:30 UTC is already 1 February in Shanghai.
    const now = new Date("2026-01-31T23:30:00Z");
    expect(shanghaiDayRange(now)).toEqual({ start: new Date("2026-01-31T16:00:00Z"), end: new Date("2026-02-01T16:00:00Z") });
    expect(shanghaiMonthRange(now)).toEqual({ start: new Date("2026-01-31T16:00:00Z"), end: new Date("2026-02-28T16:00:00Z") });
    expect(shanghaiMonthRange(new Date("2026-12-15T00:00:00Z")).end).toEqual(new Date("2026-12-31T16:00:00Z"));
  });
});

const day = (ymd: string) => shanghaiDayStart(ymd);
const end = (ymd: string) => shanghaiDayEnd(ymd);
const pct = (bps: number, from: string, to: string | null = null): LinkTerms => ({
  rule: "PERCENT_OF_SALES",
  bps,
  fenPerUnit: null,
  validFrom: day(from),
  validTo: to ? end(to) : null,
});
const fix = (fen: number, from: string, to: string | null = null): LinkTerms => ({
  rule: "FIXED_PER_UNIT",
  bps: null,
  fenPerUnit: fen,
  validFrom: day(from),
  validTo: to ? end(to) : null,
});
const product = (priceFen: number, id = "p1"): PricedProduct => ({ id, nameZh: `商品${id}`, nameEn: `Product ${id}`, priceFen });

describe("validity", () => {
  it("periods overlap when they share a day; open ends run forever", () => {
    expect(periodsOverlap(pct(1, "2026-01-01", "2026-06-30"), pct(1, "2026-06-30", "2026-12-31"))).toBe(true);
    expect(periodsOverlap(pct(1, "2026-01-01", "2026-06-29"), pct(1, "2026-06-30", "2026-12-31"))).toBe(false);
    expect(periodsOverlap(pct(1, "2026-01-01"), pct(1, "2030-01-01", "2030-01-02"))).toBe(true);
    expect(periodsOverlap(pct(1, "2026-01-01", "2026-01-31"), pct(1, "2025-01-01"))).toBe(true);
    expect(periodsOverlap(pct(1, "2027-01-01"), pct(1, "2025-01-01", "2026-12-31"))).toBe(false);
  });
  it("a link is active on its first and last day, scheduled before, ended after", () => {
    const link = pct(100, "2026-03-01", "2026-03-31");
    expect(isActiveAt(link, new Date("2026-02-28T16:00:00Z"))).toBe(true); // 00:00 on 1 March in Shanghai
    expect(isActiveAt(link, new Date("2026-03-31T15:59:59Z"))).toBe(true);
    expect(isActiveAt(link, new Date("2026-03-31T16:00:00Z"))).toBe(false);
    expect(linkState(link, new Date("2026-02-01T00:00:00Z"))).toBe("scheduled");
    expect(linkState(link, new Date("2026-03-15T00:00:00Z"))).toBe("active");
    expect(linkState(link, new Date("2026-04-15T00:00:00Z"))).toBe("ended");
  });
});

describe("checkLinkBudget: links may not promise more than a sale earns", () => {
  it("percentages total at most 100% at any moment", () => {
    const existing = [pct(5000, "2026-01-01"), pct(3500, "2026-01-01")];
    expect(checkLinkBudget(pct(1500, "2026-01-01"), existing, [product(1000)])).toBeNull(); // exactly 100%
    expect(checkLinkBudget(pct(2000, "2026-01-01"), existing, [product(1000)])).toEqual({
      kind: "percent",
      existingBps: 8500,
      addingBps: 2000,
    });
  });

  it("only links active at the same time add up", () => {
    // 85% until June, then 30% from July: a 60% link from July fits, from May does not.
    const existing = [pct(8500, "2026-01-01", "2026-06-30"), pct(3000, "2026-07-01")];
    expect(checkLinkBudget(pct(6000, "2026-07-01"), existing, [])).toBeNull();
    expect(checkLinkBudget(pct(6000, "2026-05-01"), existing, [])).toEqual({ kind: "percent", existingBps: 8500, addingBps: 6000 });
    // Ending before the 85% begins also fits.
    expect(checkLinkBudget(pct(6000, "2025-01-01", "2025-12-31"), existing, [])).toBeNull();
  });

  it("finds the peak inside the new link's period, not just at its start", () => {
    // At the new link's start only 10% is promised; from March another 80% starts.
    const existing = [pct(1000, "2026-01-01"), pct(8000, "2026-03-01", "2026-03-31")];
    expect(checkLinkBudget(pct(2000, "2026-02-01"), existing, [])).toEqual({ kind: "percent", existingBps: 9000, addingBps: 2000 });
    expect(checkLinkBudget(pct(2000, "2026-02-01", "2026-02-28"), existing, [])).toBeNull();
  });

  it("fixed amounts per unit stay below the unit price", () => {
    const existing = [fix(300, "2026-01-01"), fix(400, "2026-01-01")];
    expect(checkLinkBudget(fix(299, "2026-01-01"), existing, [product(1000)])).toBeNull(); // 999 < 1000
    expect(checkLinkBudget(fix(300, "2026-01-01"), existing, [product(1000)])).toMatchObject({
      kind: "fixed",
      existingFen: 700,
      addingFen: 300,
    });
    expect(checkLinkBudget(fix(1000, "2026-01-01"), [], [product(1000)])).toMatchObject({ kind: "fixed", existingFen: 0, addingFen: 1000 });
  });

  it("an operator-wide fixed amount must fit the cheapest product", () => {
    const products = [product(5000, "dear"), product(800, "cheap"), product(2000, "mid")];
    expect(checkLinkBudget(fix(700, "2026-01-01"), [], products)).toBeNull();
    expect(checkLinkBudget(fix(800, "2026-01-01"), [], products)).toMatchObject({ kind: "fixed", product: { id: "cheap" } });
  });

  it("with both kinds, the percentage share of the price plus fixed amounts stays below the price", () => {
    // Price ¥10.00: 50% is ¥5.00, plus ¥4.00 fixed = ¥9.00; another ¥0.99 fits, ¥1.00 does not.
    const existing = [pct(5000, "2026-01-01"), fix(400, "2026-01-01")];
    expect(checkLinkBudget(fix(99, "2026-01-01"), existing, [product(1000)])).toBeNull();
    expect(checkLinkBudget(fix(100, "2026-01-01"), existing, [product(1000)])).toEqual({
      kind: "mixed",
      product: product(1000),
      existingBps: 5000,
      existingFen: 400,
      addingBps: 0,
      addingFen: 100,
    });
    // Adding a percentage to fixed amounts: ¥4.00 fixed on ¥10.00 leaves room for 59.99%, not 60%.
    expect(checkLinkBudget(pct(5999, "2026-01-01"), [fix(400, "2026-01-01")], [product(1000)])).toBeNull();
    expect(checkLinkBudget(pct(6000, "2026-01-01"), [fix(400, "2026-01-01")], [product(1000)])).toMatchObject({ kind: "mixed" });
    // A percentage alone may reach 100%; not when any fixed amount applies.
    expect(checkLinkBudget(pct(10000, "2026-01-01"), [], [product(1000)])).toBeNull();
    expect(checkLinkBudget(pct(9999, "2026-01-01"), [fix(1, "2026-01-01")], [product(1000)])).toMatchObject({ kind: "mixed" });
  });

  it("explains a refusal with the figures, in both languages' values", () => {
    const percent = budgetRefusalError({ kind: "percent", existingBps: 8500, addingBps: 2000 }, "product");
    expect(percent.code).toBe("linkOverPercentProduct");
    expect(percent.values).toEqual({ existing: "85%", adding: "20%" });
    const fixed = budgetRefusalError({ kind: "fixed", product: product(1000), existingFen: 700, addingFen: 300 }, "operator");
    expect(fixed.code).toBe("linkOverFixed");
    expect(fixed.values).toMatchObject({
      productZh: "商品p1",
      productEn: "Product p1",
      price: "¥10.00",
      existing: "¥7.00",
      adding: "¥3.00",
    });
    const mixed = budgetRefusalError(
      { kind: "mixed", product: product(1000), existingBps: 5000, existingFen: 400, addingBps: 0, addingFen: 100 },
      "product",
    );
    expect(mixed.values).toMatchObject({ existingPercent: "50%", existingFixed: "¥4.00", existingTotal: "¥9.00", adding: "¥1.00" });
  });
});

describe("input schemas", () => {
  const base = { operatorId: "op", householdId: "hh", productId: "", mechanism: "PURCHASE", validFrom: "2026-03-01", validTo: "" };
  it("a percentage link: basis points, days in Shanghai, empty product = operator-wide", () => {
    const parsed = linkCreateInput.parse({ ...base, rule: "PERCENT_OF_SALES", percent: "5%", yuanPerUnit: "" });
    expect(parsed).toMatchObject({ productId: null, bps: 500, fenPerUnit: null, validTo: null });
    expect(parsed.validFrom.toISOString()).toBe("2026-02-28T16:00:00.000Z");
  });
  it("a fixed link: yuan to fen", () => {
    const parsed = linkCreateInput.parse({ ...base, rule: "FIXED_PER_UNIT", percent: "", yuanPerUnit: "1.50", validTo: "2026-12-31" });
    expect(parsed).toMatchObject({ bps: null, fenPerUnit: 150 });
    expect(parsed.validTo?.toISOString()).toBe("2026-12-31T15:59:59.999Z");
  });
  it("marks the field that is wrong", () => {
    const bad = linkCreateInput.safeParse({
      ...base,
      rule: "PERCENT_OF_SALES",
      percent: "120",
      validFrom: "2026-03-01",
      validTo: "2026-02-01",
    });
    expect(bad.success).toBe(false);
    const issues = bad.error!.issues.map((i) => `${i.path.join(".")}:${i.message}`);
    expect(issues).toContain("percent:linkPercentInvalid");
    expect(issues).toContain("validTo:linkValidToBeforeFrom");
    expect(linkCreateInput.safeParse({ ...base, rule: "PERCENT_OF_SALES", percent: "5", validFrom: "2026-02-30" }).success).toBe(false);
  });
  it("a payout date may not be in the future", () => {
    const proof = new File([new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d])], "slip.pdf");
    const ok = payoutCreateInput.safeParse({
      operatorId: "op",
      householdId: "hh",
      mechanism: "DIVIDEND",
      amount: "1200",
      paidOn: "2026-01-20",
      note: "",
      proof,
    });
    expect(ok.success && ok.data.amount).toBe(120000);
    const future = payoutCreateInput.safeParse({
      operatorId: "op",
      householdId: "hh",
      mechanism: "DIVIDEND",
      amount: "1200",
      paidOn: "2999-01-01",
      proof,
    });
    expect(future.error?.issues.map((i) => i.message)).toContain("payoutDateFuture");
    const noProof = payoutCreateInput.safeParse({
      operatorId: "op",
      householdId: "hh",
      mechanism: "DIVIDEND",
      amount: "1200",
      paidOn: "2026-01-20",
    });
    expect(noProof.error?.issues.map((i) => i.message)).toContain("payoutProofRequired");
  });
});

describe("payout proofs", () => {
  it("are recognised by their first bytes", () => {
    expect(sniffProof(new TextEncoder().encode("%PDF-1.7\n"))?.ext).toBe("pdf");
    expect(sniffProof(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0]))?.ext).toBe("jpg");
    expect(sniffProof(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))?.ext).toBe("png");
    expect(sniffProof(new TextEncoder().encode("<html><script>"))).toBeNull();
    expect(sniffProof(new TextEncoder().encode("GIF89a"))).toBeNull();
    expect(sniffProof(new Uint8Array([]))).toBeNull();
  });
  it("keys name their operator", () => {
    expect(operatorIdOfProofKey("payouts/cmabc123/AbCdEfGhIjKlMnOpQrStUv.pdf")).toBe("cmabc123");
    expect(operatorIdOfProofKey("payouts/cmabc123/../x.pdf")).toBeNull();
    expect(operatorIdOfProofKey("products/cmabc123/AbCdEfGhIjKlMnOpQrStUv.jpg")).toBeNull();
  });
});
