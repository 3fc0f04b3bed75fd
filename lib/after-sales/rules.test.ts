import { describe, expect, it } from "vitest";
import { allowsNoReason, checkOpen, isPartlyShipped, nextStatus, partStage, planRefund, refundableOf, windowOf, type Step } from "./rules";

const at = new Date("2026-12-01T00:00:00Z");
const hours = (h: number) => new Date(at.getTime() + h * 3_600_000);
const MUTTON = { category: "MUTTON" as const, noReasonReturn: null };
const CHILI = { category: "CHILI" as const, noReasonReturn: null };

describe("windows and reasons", () => {
  it("fresh produce: 48 hours, quality problems only, whatever the seller set", () => {
    expect(checkOpen({ products: [MUTTON], deliveredAt: at, reason: "DAMAGED", now: hours(48) })).toMatchObject({ ok: true });
    expect(checkOpen({ products: [MUTTON], deliveredAt: at, reason: "DAMAGED", now: hours(48.01) })).toMatchObject({
      error: "afterSaleWindowClosed",
    });
    expect(checkOpen({ products: [{ ...MUTTON, noReasonReturn: true }], deliveredAt: at, reason: "OTHER", now: hours(1) })).toMatchObject({
      error: "afterSaleReasonNotAllowed",
    });
    expect(allowsNoReason({ ...MUTTON, noReasonReturn: true })).toBe(false);
  });
  it("packaged goods: 7 days; no reason by default, not where the seller turned it off", () => {
    expect(checkOpen({ products: [CHILI], deliveredAt: at, reason: "OTHER", now: hours(24 * 7) })).toMatchObject({ ok: true });
    expect(checkOpen({ products: [CHILI], deliveredAt: at, reason: "QUALITY", now: hours(24 * 7 + 1) })).toMatchObject({
      error: "afterSaleWindowClosed",
    });
    expect(checkOpen({ products: [{ ...CHILI, noReasonReturn: false }], deliveredAt: at, reason: "OTHER", now: hours(1) })).toMatchObject({
      error: "afterSaleReasonNotAllowed",
    });
    expect(checkOpen({ products: [CHILI], deliveredAt: null, reason: "DAMAGED", now: hours(1) })).toMatchObject({
      error: "afterSaleNotDelivered",
    });
  });
  it("a whole part takes the strictest window of its products", () => {
    expect(windowOf([CHILI, MUTTON])).toMatchObject({ fresh: true, hours: 48 });
    expect(windowOf([CHILI, MUTTON]).reasons).not.toContain("OTHER");
  });
});

describe("the state machine", () => {
  const table: [string, Step, string | null][] = [
    ["OPEN", "accept", "ACCEPTED"],
    ["OPEN", "propose", "PARTIAL"],
    ["OPEN", "refuse", "REFUSED"],
    ["OPEN", "escalate", null],
    ["OPEN", "autoEscalate", "ESCALATED"],
    ["OPEN", "acceptOffer", null],
    ["PARTIAL", "acceptOffer", "ACCEPTED"],
    ["PARTIAL", "escalate", "ESCALATED"],
    ["PARTIAL", "accept", null],
    ["REFUSED", "escalate", "ESCALATED"],
    ["REFUSED", "acceptOffer", null],
    ["ESCALATED", "decideRefund", "ACCEPTED"],
    ["ESCALATED", "decideRefuse", "REJECTED"],
    ["ESCALATED", "autoEscalate", null],
    ["ACCEPTED", "decideRefund", null],
    ["REJECTED", "escalate", null],
  ];
  it.each(table)("%s --%s--> %s", (from, step, to) => {
    expect(nextStatus(from as never, step)).toBe(to);
  });
});

describe("amounts", () => {
  const lines = [
    { orderLineId: "a", openFen: 1000 },
    { orderLineId: "b", openFen: 333 },
  ];
  it("shipping counts only for a request about the whole part", () => {
    expect(refundableOf(lines, 800, false)).toEqual({ goodsFen: 1333, shippingFen: 0, totalFen: 1333 });
    expect(refundableOf(lines, 800, true)).toEqual({ goodsFen: 1333, shippingFen: 800, totalFen: 2133 });
  });
  it("pays goods first, in proportion, then shipping; never above what each line has left", () => {
    expect(planRefund(lines, 800, true, 2000)).toEqual({
      lines: [
        { orderLineId: "a", amountFen: 1000 },
        { orderLineId: "b", amountFen: 333 },
      ],
      shippingFen: 667,
    });
    for (let amount = 1; amount <= 2133; amount += 37) {
      const plan = planRefund(lines, 800, true, amount);
      const sum = plan.lines.reduce((s, l) => s + l.amountFen, 0) + plan.shippingFen;
      expect(sum).toBe(amount);
      for (const l of plan.lines) expect(l.amountFen).toBeLessThanOrEqual(lines.find((x) => x.orderLineId === l.orderLineId)!.openFen);
      expect(plan.shippingFen).toBeLessThanOrEqual(800);
    }
  });
  it("refuses more than is refundable, zero and fractions", () => {
    expect(() => planRefund(lines, 800, false, 1334)).toThrow(RangeError);
    expect(() => planRefund(lines, 800, true, 0)).toThrow(RangeError);
    expect(() => planRefund(lines, 800, true, 1.5)).toThrow(RangeError);
  });
});

describe("what the order page says of each seller's part", () => {
  it("待发货 / 已发货 / 已签收 / 售后中, and 部分发货 when one seller shipped and another not", () => {
    expect(partStage({ shipmentStatus: "TO_SHIP", receivedAt: null, activeAfterSale: false })).toBe("toShip");
    expect(partStage({ shipmentStatus: "SHIPPED", receivedAt: null, activeAfterSale: false })).toBe("shipped");
    expect(partStage({ shipmentStatus: "DELIVERED", receivedAt: at, activeAfterSale: false })).toBe("received");
    expect(partStage({ shipmentStatus: "DELIVERED", receivedAt: at, activeAfterSale: true })).toBe("afterSale");
    expect(isPartlyShipped(["toShip", "shipped"])).toBe(true);
    expect(isPartlyShipped(["toShip", "toShip"])).toBe(false);
    expect(isPartlyShipped(["received", "shipped"])).toBe(false);
  });
});
