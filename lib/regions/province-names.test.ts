import { describe, expect, it } from "vitest";
import { provinces } from "@/lib/orders/address";
import { provinceName, provinceOption } from "./province-names";

describe("province names", () => {
  it("has an English name for every province of the address list", () => {
    for (const zh of provinces()) expect(provinceName("en", zh), zh).not.toBe(zh);
  });

  it("keeps Chinese on Chinese pages and shows both in English selects", () => {
    expect(provinceName("zh-CN", "新疆维吾尔自治区")).toBe("新疆维吾尔自治区");
    expect(provinceName("en", "新疆维吾尔自治区")).toBe("Xinjiang");
    expect(provinceOption("en", "甘肃省")).toBe("Gansu · 甘肃省");
    expect(provinceOption("zh-CN", "甘肃省")).toBe("甘肃省");
    expect(provinceName("en", "火星")).toBe("火星");
  });
});
