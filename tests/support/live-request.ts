// A reservation request of a distinct guest, with no test-runner imports, so the reservation
// micro-benchmark (scripts/bench-reserve-run.ts) builds its requests the way the tests do.
import { randomBytes } from "node:crypto";
import type { ReserveRequest } from "@/lib/campaigns/reserve";

let n = 0;
/** A request of a distinct guest (own e-mail and address) unless `buyer` is given. */
export function liveRequest(campaignProductId: string, over: Partial<ReserveRequest> & { who?: number } = {}): ReserveRequest {
  const who = over.who ?? ++n;
  return {
    campaignProductId,
    quantity: 1,
    checkoutKey: randomBytes(16).toString("base64url"),
    paymentProvider: "demo",
    buyer: {
      userId: null,
      email: `buyer${who}@live.test`,
      recipient: "直播买家",
      mobile: "13800138000",
      province: "甘肃省",
      city: "天水市",
      district: "甘谷县",
      address: `大像山镇人民路 ${who} 号`,
    },
    ...over,
  };
}
