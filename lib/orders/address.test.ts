import { describe, expect, it } from "vitest";
import { addressSchema, citiesOf, districtsOf, normaliseMobile } from "./address";

const valid = {
  recipient: "王小明",
  mobile: "13800138000",
  province: "甘肃省",
  city: "天水市",
  district: "甘谷县",
  address: "大像山镇人民路 12 号",
};

describe("delivery address", () => {
  it("accepts mobile numbers as people type them", () => {
    for (const typed of ["138 0013 8000", "138-0013-8000", "+86 138 0013 8000", "86 13800138000", "（138）00138000"]) {
      expect(normaliseMobile(typed), typed).toBe("13800138000");
    }
    expect(addressSchema.parse({ ...valid, mobile: "+86 138-0013-8000" }).mobile).toBe("13800138000");
  });

  it("refuses numbers that are not Chinese mobiles, naming the field", () => {
    for (const mobile of ["12345", "12800138000", "1380013800", "138001380001", "0931-8888888"]) {
      const result = addressSchema.safeParse({ ...valid, mobile });
      expect(result.success, mobile).toBe(false);
      expect(result.error!.issues.map((i) => `${i.path.join(".")}:${i.message}`)).toContain("mobile:mobileInvalid");
    }
  });

  it("checks province › city › district against the national list", () => {
    expect(citiesOf("甘肃省")).toContain("张掖市");
    expect(districtsOf("甘肃省", "张掖市")).toContain("肃南裕固族自治县");
    const wrongCity = addressSchema.safeParse({ ...valid, city: "张掖市" }); // 甘谷县 is not in 张掖市
    expect(wrongCity.error!.issues.map((i) => i.message)).toEqual(["districtUnknown"]);
    const madeUp = addressSchema.safeParse({ ...valid, province: "火星省" });
    expect(madeUp.error!.issues.map((i) => i.message)).toEqual(["provinceUnknown"]);
    // Nothing chosen: one message per select, "choose one", not also "not on the list".
    const empty = addressSchema.safeParse({ ...valid, province: "", city: "", district: "" });
    expect(empty.error!.issues.map((i) => i.message)).toEqual(["provinceRequired", "cityRequired", "districtRequired"]);
  });

  it("asks for a street address long enough to find the door", () => {
    expect(addressSchema.safeParse({ ...valid, address: "甘谷" }).error!.issues.map((i) => i.message)).toEqual(["addressTooShort"]);
    expect(addressSchema.safeParse({ ...valid, recipient: "  " }).error!.issues.map((i) => i.message)).toEqual(["recipientRequired"]);
  });
});
