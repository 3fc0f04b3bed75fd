// Shipping fees: the arithmetic of an operator's shipping rule (DESIGN.md, ShippingRule). Pure.
//   fee of one seller's part of an order =
//       flat fee (waived when the part's goods reach the 满X包邮 threshold, exactly: goods ≥ X)
//     + the surcharge of the delivery province, if listed
//     + the cold-chain fee, once, when any line of the part is a cold-chain product
//   A province listed as not delivered refuses the part. No rule at all: no fee.
// Shipping is money of the order and of the seller's settlement; it is never part of assistance
// sales nor of the base of allocations (those use the goods' net only).
import { z } from "zod";
import { provinces as knownProvinces } from "@/lib/orders/address";

export const MAX_FEE_FEN = 100_000; // ¥1,000: no shipping fee is larger

const fen = z.number().int().min(0).max(MAX_FEE_FEN);

export const provinceRuleSchema = z.union([
  z.object({ province: z.string().min(1).max(20), notDelivered: z.literal(true) }),
  z.object({ province: z.string().min(1).max(20), surchargeFen: fen }),
]);
export type ProvinceRule = z.infer<typeof provinceRuleSchema>;

export const shippingRuleSchema = z
  .object({
    flatFen: fen,
    freeAboveFen: z.number().int().min(0).max(99_999_999).nullable(),
    coldChainFen: fen,
    provinces: z.array(provinceRuleSchema).max(40),
  })
  .superRefine((rule, ctx) => {
    const seen = new Set<string>();
    const known = new Set(knownProvinces());
    for (const [i, p] of rule.provinces.entries()) {
      if (!known.has(p.province)) ctx.addIssue({ code: "custom", path: ["provinces", i], message: "provinceUnknown" });
      if (seen.has(p.province)) ctx.addIssue({ code: "custom", path: ["provinces", i], message: "provinceTwice" });
      seen.add(p.province);
    }
  });
export type ShippingRuleData = z.infer<typeof shippingRuleSchema>;

/** The stored JSON of a rule's provinces, read defensively: anything malformed counts as no entry. */
export function parseProvinces(json: unknown): ProvinceRule[] {
  if (!Array.isArray(json)) return [];
  return json.flatMap((item) => {
    const parsed = provinceRuleSchema.safeParse(item);
    return parsed.success ? [parsed.data] : [];
  });
}

export interface SellerPart {
  /** The seller's goods in the order (net of the lines), fen. */
  goodsFen: number;
  /** Any line of the part is a cold-chain product. */
  coldChain: boolean;
  /** The delivery province, as in the address (e.g. 新疆维吾尔自治区). */
  province: string;
}

export type ShippingQuote =
  | { ok: true; feeFen: number; baseFen: number; surchargeFen: number; coldChainFen: number; free: boolean }
  | { ok: false; notDelivered: string };

export function shippingFor(rule: ShippingRuleData | null, part: SellerPart): ShippingQuote {
  if (!rule) return { ok: true, feeFen: 0, baseFen: 0, surchargeFen: 0, coldChainFen: 0, free: true };
  const province = rule.provinces.find((p) => p.province === part.province);
  if (province && "notDelivered" in province) return { ok: false, notDelivered: province.province };
  const free = rule.freeAboveFen !== null && part.goodsFen >= rule.freeAboveFen;
  const baseFen = free ? 0 : rule.flatFen;
  const surchargeFen = province && "surchargeFen" in province ? province.surchargeFen : 0;
  const coldChainFen = part.coldChain ? rule.coldChainFen : 0;
  const feeFen = baseFen + surchargeFen + coldChainFen;
  return { ok: true, feeFen, baseFen, surchargeFen, coldChainFen, free: feeFen === 0 };
}

/** What is left to refund of a shipping line; a refund of shipping is never more than this. */
export function refundableShippingFen(line: { feeFen: number; refundedFen: number }): number {
  return Math.max(0, line.feeFen - line.refundedFen);
}

/** Lines grouped by seller: each seller's goods and whether any of them ships in the cold chain. */
export function sellerParts(
  lines: { operatorId: string; netFen: number; coldChain: boolean }[],
): Map<string, { goodsFen: number; coldChain: boolean }> {
  const parts = new Map<string, { goodsFen: number; coldChain: boolean }>();
  for (const line of lines) {
    const part = parts.get(line.operatorId) ?? { goodsFen: 0, coldChain: false };
    part.goodsFen += line.netFen;
    part.coldChain ||= line.coldChain;
    parts.set(line.operatorId, part);
  }
  return parts;
}
