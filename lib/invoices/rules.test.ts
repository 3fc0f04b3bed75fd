import { describe, expect, it } from "vitest";
import { creditCodeCheckChar } from "@/lib/operators/credit-code";
import { AFTER, canStep, invoiceFileName, invoiceRequestSchema, isInvoiceLink, sellerPartFen, STEPS, type Step } from "./rules";

const code = (() => {
  const first17 = "12620100MB0D3M0A1";
  return first17 + creditCodeCheckChar(first17);
})();

describe("the steps", () => {
  it("each starts from one status and ends in another", () => {
    const statuses = ["REQUESTED", "ISSUED", "NEEDS_REVERSAL", "REVERSED", "CANCELLED"] as const;
    for (const step of Object.keys(STEPS) as Step[]) {
      expect(statuses.filter((s) => canStep(s, step))).toEqual([STEPS[step]]);
      expect(AFTER[step]).not.toBe(STEPS[step]);
    }
    // Nothing leaves REVERSED or CANCELLED.
    expect((Object.keys(STEPS) as Step[]).filter((s) => canStep("REVERSED", s) || canStep("CANCELLED", s))).toEqual([]);
  });
});

describe("sellerPartFen", () => {
  it("is the seller's goods and shipping, net of refunds", () => {
    const lines = [
      { operatorId: "a", netFen: 10_000, refundedFen: 3_000 },
      { operatorId: "b", netFen: 5_000, refundedFen: 0 },
      { operatorId: "a", netFen: 2_000, refundedFen: 0 },
    ];
    const shipping = [
      { operatorId: "a", feeFen: 800, refundedFen: 800 },
      { operatorId: "b", feeFen: 1_000, refundedFen: 0 },
    ];
    expect(sellerPartFen(lines, shipping, "a")).toBe(9_000);
    expect(sellerPartFen(lines, shipping, "b")).toBe(6_000);
    expect(sellerPartFen(lines, shipping, "c")).toBe(0);
  });
});

describe("invoiceRequestSchema", () => {
  const base = { kind: "ORDINARY", title: " 单位 ", taxNo: code.toLowerCase().replace(/(.{6})/, "$1 "), email: "A@Example.test" };
  it("normalises the 税号 and the email, and drops the bank details of a 普票", () => {
    expect(invoiceRequestSchema.parse({ ...base, bankName: "农行" })).toMatchObject({
      title: "单位",
      taxNo: code,
      email: "a@example.test",
      bankName: "",
      personal: false,
    });
  });
  it("keeps no 税号 on a person's 普票", () => {
    expect(invoiceRequestSchema.parse({ ...base, personal: "on", taxNo: "" }).taxNo).toBeNull();
  });
  it("says which field is wrong", () => {
    const wrong = code.slice(0, 17) + (code[17] === "0" ? "1" : "0");
    const result = invoiceRequestSchema.safeParse({ ...base, taxNo: wrong });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["taxNo", "invoiceTaxNoCheck"]]);
    const short = invoiceRequestSchema.safeParse({ ...base, taxNo: "91620" });
    expect(short.error?.issues.map((i) => i.message)).toEqual(["invoiceTaxNoLength"]);
  });
});

describe("links and names", () => {
  it("accepts https links only, without credentials", () => {
    expect(isInvoiceLink("https://inv-veri.chinatax.gov.cn/x?a=1")).toBe(true);
    expect(isInvoiceLink("http://inv.example.cn/x")).toBe(false);
    expect(isInvoiceLink("javascript:alert(1)")).toBe(false);
    expect(isInvoiceLink("https://user:pw@inv.example.cn/x")).toBe(false);
    expect(isInvoiceLink("https://localhost/x")).toBe(false);
  });
  it("keeps a file name without its path, ending in .pdf", () => {
    expect(invoiceFileName("C:\\\\fakepiao\\\\发票.PDF", "invoice.pdf")).toBe("发票.PDF");
    expect(invoiceFileName('a"b', "invoice.pdf")).toBe("ab.pdf");
    expect(invoiceFileName("", "invoice.pdf")).toBe("invoice.pdf");
  });
});
