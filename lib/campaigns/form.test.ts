import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "@/lib/actions/define";
import { campaignFormSchema } from "./form";

const base = {
  operatorId: "op1",
  titleZh: "甘谷辣椒专场",
  titleEn: "Gangu chili night",
  hostZh: "小王",
  hostEn: "",
  startsAt: "2026-12-07T20:00",
  endsAt: "2026-12-07T22:00",
  perBuyerLimit: "2",
  productId: ["p1", "p2"],
  "price.p1": "¥29.90",
  "allotment.p1": "500",
  "price.p2": "３８",
  "allotment.p2": "20",
  "price.p3": "1",
  "allotment.p3": "1",
};

describe("the campaign form", () => {
  it("reads the ticked products with their price in yuan and the window in China's time", () => {
    const parsed = campaignFormSchema.parse(base);
    expect(parsed.items).toEqual([
      { productId: "p1", priceFen: 2990, allotment: 500 },
      { productId: "p2", priceFen: 3800, allotment: 20 },
    ]);
    expect(parsed.startsAt.toISOString()).toBe("2026-12-07T12:00:00.000Z");
    expect(parsed.perBuyerLimit).toBe(2);
    expect(parsed.campaignId).toBeUndefined();
  });

  it("marks each mistake on its own field", () => {
    const result = campaignFormSchema.safeParse({
      ...base,
      endsAt: "2026-12-07T19:00",
      "price.p1": "0",
      "allotment.p2": "-3",
      perBuyerLimit: "0",
      titleZh: "",
    });
    expect(result.success).toBe(false);
    const errors = fieldErrorsOf(result.error!);
    expect(errors).toMatchObject({
      endsAt: ["endBeforeStart"],
      "items.p1.price": ["priceZero"],
      "items.p2.allotment": ["allotmentTooLow"],
      perBuyerLimit: ["limitTooLow"],
      titleZh: ["titleRequired"],
    });
  });

  it("asks for at least one product and a real date", () => {
    const result = campaignFormSchema.safeParse({ ...base, productId: undefined, startsAt: "soon" });
    expect(fieldErrorsOf(result.error!)).toMatchObject({ items: ["itemsRequired"], startsAt: ["dateInvalid"] });
  });

  it("takes one product sent as a single value", () => {
    expect(campaignFormSchema.parse({ ...base, productId: "p3" }).items).toEqual([{ productId: "p3", priceFen: 100, allotment: 1 }]);
  });
});
