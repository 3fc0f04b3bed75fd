import { describe, expect, it } from "vitest";
import en from "@/messages/en/errors.json";
import zh from "@/messages/zh-CN/errors.json";
import enLive from "@/messages/en/live.json";
import zhLive from "@/messages/zh-CN/live.json";
import enShop from "@/messages/en/shop.json";
import zhShop from "@/messages/zh-CN/shop.json";
import { LIVE_CHECKOUT_KEYS, LIVE_ERROR_KEYS, liveErrorMessages, liveTexts, translator, type Messages } from "./live-messages";
import { reserveSchema } from "./reserve-http";

const valid = {
  campaignProductId: "cp-1",
  quantity: 1,
  checkoutKey: "abcdefghijklmnop",
  address: {
    recipient: "直播买家",
    mobile: "13800138000",
    province: "甘肃省",
    city: "天水市",
    district: "甘谷县",
    address: "大像山镇人民路 1 号",
  },
};

describe("the campaign page's error texts", () => {
  it("are all in both languages", () => {
    for (const key of LIVE_ERROR_KEYS) {
      expect(zh.errors, key).toHaveProperty(key);
      expect(en.errors, key).toHaveProperty(key);
    }
    expect(Object.keys(liveErrorMessages(zh.errors))).toHaveLength(LIVE_ERROR_KEYS.length);
  });

  it("cover every message a buyer's own input can get from the reservation check", () => {
    const bad: Record<string, unknown>[] = [
      { address: { recipient: "", mobile: "123", province: "", city: "", district: "", address: "" } },
      {
        address: {
          recipient: "名".repeat(31),
          mobile: "13800138000",
          province: "火星省",
          city: "x",
          district: "y",
          address: "路".repeat(121),
        },
      },
      { address: { ...valid.address, city: "兰州市" } },
      { address: { ...valid.address, city: "火星市" } },
      { address: { ...valid.address, district: "城关区" } },
      { address: { ...valid.address, city: "" } },
      { email: "not-an-address" },
    ];
    for (const over of bad) {
      const result = reserveSchema.safeParse({ ...valid, ...over });
      expect(result.success).toBe(false);
      for (const issue of result.error!.issues) expect(LIVE_ERROR_KEYS, JSON.stringify(issue.path)).toContain(issue.message);
    }
  });
});

describe("the buy box's texts", () => {
  const texts = (l: "en" | "zh") => (l === "en" ? liveTexts({ ...en, ...enLive, ...enShop }) : liveTexts({ ...zh, ...zhLive, ...zhShop }));

  it("are every text it uses, with only {name} placeholders (no ICU plural or select, which translator does not read)", () => {
    for (const l of ["en", "zh"] as const) {
      const all = texts(l);
      expect(Object.keys(all.checkout).sort()).toEqual([...LIVE_CHECKOUT_KEYS].sort());
      expect(Object.keys(all.errors)).toHaveLength(LIVE_ERROR_KEYS.length);
      const strings = (m: Messages): string[] => Object.values(m).flatMap((v) => (typeof v === "string" ? [v] : strings(v)));
      for (const text of [...strings(all.live), ...strings(all.checkout), ...strings(all.errors)]) {
        expect(text.replace(/\{\w+\}/g, ""), text).not.toMatch(/[{}]|''/);
      }
    }
  });

  it("fill in placeholders, numbers in the locale's format, and show the key of a missing text", () => {
    const t = translator("en", texts("en").live);
    expect(t("remaining", { count: 1200 })).toContain("1,200");
    expect(t("errors.onlyLeft", { left: 2 })).toContain("2");
    expect(t.has("errors.soldOut")).toBe(true);
    expect(t.has("errors")).toBe(false);
    expect(t("nothing.here")).toBe("nothing.here");
    const z = translator("zh-CN", texts("zh").live);
    expect(z("startsIn", { time: "01:02:03" })).toBe("距开始还有 01:02:03");
    expect(z("held", { number: "XK-1" })).toBe("已为您保留订单 XK-1");
  });
});
