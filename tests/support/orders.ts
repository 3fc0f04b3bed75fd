// The columns every Order needs besides what a test is about (address, payment, checkout key),
// for tests that write orders directly rather than through checkout.
//   testDb.order.create({ data: { ...orderDefaults(), number: "T-1", email, status, totalFen } })
import { randomBytes } from "node:crypto";

export function orderDefaults() {
  return {
    checkoutKey: randomBytes(12).toString("base64url"),
    recipient: "测试收货人",
    mobile: "13800138000",
    province: "甘肃省",
    city: "天水市",
    district: "甘谷县",
    address: "大像山镇测试路 1 号",
    paymentProvider: "demo",
    reservedUntil: new Date(Date.now() + 31 * 60 * 1000),
  };
}
