// The order's status from its shipments, and carriers and tracking numbers as clerks type them. Pure.
import { describe, expect, it } from "vitest";
import type { OrderStatus, ShipmentStatus } from "@/lib/generated/prisma/enums";
import { CARRIER_CHOICES, CARRIERS, carrierLabel, carrierName, normaliseTrackingNo, TRACKING_NO } from "./carriers";
import { orderStatusAfter, shipSchema } from "./shipping";

describe("orderStatusAfter", () => {
  const cases: [OrderStatus, ShipmentStatus[], OrderStatus][] = [
    ["PAID", ["TO_SHIP"], "PAID"],
    ["PAID", ["SHIPPED"], "SHIPPED"],
    ["PAID", ["SHIPPED", "TO_SHIP"], "PAID"], // one seller shipped, the other not yet
    ["PAID", ["SHIPPED", "DELIVERED"], "SHIPPED"],
    ["SHIPPED", ["DELIVERED", "SHIPPED"], "SHIPPED"],
    ["SHIPPED", ["DELIVERED", "DELIVERED"], "DELIVERED"],
    ["PAID", ["CANCELLED", "SHIPPED"], "SHIPPED"], // a part refunded before it left does not hold the order back
    ["SHIPPED", ["CANCELLED", "DELIVERED"], "DELIVERED"],
    ["PAID", ["CANCELLED", "TO_SHIP"], "PAID"],
    ["PAID", ["CANCELLED"], "PAID"], // nothing left to ship: the refund decides the status, not shipping
    ["REFUNDED", ["DELIVERED"], "REFUNDED"],
    ["CANCELLED", ["SHIPPED"], "CANCELLED"],
    ["PENDING_PAYMENT", [], "PENDING_PAYMENT"],
  ];
  it.each(cases)("%s with %j → %s", (current, shipments, expected) => {
    expect(orderStatusAfter(current, shipments)).toBe(expected);
  });
});

describe("carriers and tracking numbers", () => {
  it("offers the eight common carriers and 'other', stores Chinese names and shows English ones in English", () => {
    expect(CARRIERS.map((c) => c.zh)).toEqual([
      "顺丰速运",
      "中通快递",
      "圆通速递",
      "韵达快递",
      "申通快递",
      "京东物流",
      "邮政EMS",
      "极兔速递",
    ]);
    expect(CARRIER_CHOICES).toEqual([...CARRIERS.map((c) => c.code), "OTHER"]);
    expect(carrierName("SF", "ignored")).toBe("顺丰速运");
    expect(carrierName("OTHER", "  德邦  快递 ")).toBe("德邦 快递");
    expect(carrierLabel("顺丰速运", "en")).toBe("SF Express");
    expect(carrierLabel("顺丰速运", "zh-CN")).toBe("顺丰速运");
    expect(carrierLabel("德邦快递", "en")).toBe("德邦快递");
    expect(carrierLabel(null, "en")).toBe("");
  });

  it("takes tracking numbers as typed: full-width, spaced, dashed, lower case", () => {
    expect(normaliseTrackingNo("ｓｆ 1234-5678 90")).toBe("SF1234567890");
    expect(normaliseTrackingNo(" 7730 1234 5678 901 ")).toBe("773012345678901");
    for (const ok of ["SF1234567890", "123456", "A".repeat(30)]) expect(TRACKING_NO.test(ok), ok).toBe(true);
    for (const bad of ["12345", "A".repeat(31), "SF12345678中", "SF.123456", ""]) expect(TRACKING_NO.test(bad), bad).toBe(false);
  });

  it("says which field is wrong", () => {
    const issues = (input: Record<string, unknown>) => {
      const r = shipSchema.safeParse({ shipmentId: "s1", carrier: "SF", trackingNo: "SF1234567890", ...input });
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}:${i.message}`);
    };
    expect(issues({})).toEqual([]);
    expect(issues({ carrier: "" })).toEqual(["carrier:carrierRequired"]);
    expect(issues({ carrier: "DHL" })).toEqual(["carrier:carrierRequired"]);
    expect(issues({ carrier: "OTHER", carrierOther: "  " })).toEqual(["carrierOther:carrierOtherRequired"]);
    expect(issues({ carrier: "OTHER", carrierOther: "德".repeat(31) })).toEqual(["carrierOther:carrierOtherTooLong"]);
    expect(issues({ trackingNo: "12345" })).toEqual(["trackingNo:trackingNoInvalid"]);
    expect(issues({ trackingNo: undefined })).toEqual(["trackingNo:trackingNoInvalid"]);
  });
});
