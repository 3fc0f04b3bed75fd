import { describe, expect, it } from "vitest";
import en from "@/messages/en/errors.json";
import zh from "@/messages/zh-CN/errors.json";
import { LIVE_ERROR_KEYS, liveErrorMessages } from "./live-messages";
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
