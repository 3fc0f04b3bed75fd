// The console's shipping form, as a clerk fills it in: fees in yuan ("8", "12.5", "１２"), empty
// meaning none; per province an optional surcharge in yuan, or "not delivered". Messages are keys
// under `errors.` at the field's path.
import { z } from "zod";
import { parseYuanAmount } from "@/lib/benefits/amounts";
import { provinces } from "@/lib/orders/address";
import { MAX_FEE_FEN, shippingRuleSchema, type ProvinceRule } from "./fees";

const list = z.preprocess(
  (v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string().max(40, "invalidInput")).max(40, "invalidInput"),
);
const optionalText = (max: number) => z.preprocess((v) => (v == null ? "" : v), z.string().trim().max(max, "shippingTextTooLong"));

/** "" → null (none); "0" → 0; else a yuan amount → fen. */
function yuanOrEmpty(value: string, max: number): { ok: true; fen: number | null } | { ok: false; error: string } {
  const s = value.normalize("NFKC").trim();
  if (s === "") return { ok: true, fen: null };
  if (/^0+(\.0+)?$/.test(s)) return { ok: true, fen: 0 };
  const parsed = parseYuanAmount(s);
  if (!parsed.ok) return parsed;
  if (parsed.fen > max) return { ok: false, error: "amountTooHigh" };
  return parsed;
}

export const shippingRuleFormInput = z
  .object({
    operator: z.string().min(1, "notFound").max(200, "notFound"),
    flat: optionalText(20),
    freeAbove: optionalText(20),
    coldChain: optionalText(20),
    dispatchDays: z.preprocess(
      (v) => (typeof v === "string" ? Number(v.normalize("NFKC").trim() || "2") : v),
      z.number({ error: "dispatchDaysInvalid" }).int("dispatchDaysInvalid").min(0, "dispatchDaysInvalid").max(60, "dispatchDaysInvalid"),
    ),
    shipFromZh: optionalText(60),
    shipFromEn: optionalText(60),
    afterSalesZh: optionalText(300),
    afterSalesEn: optionalText(300),
    /** Parallel lists: a province and its surcharge in yuan (empty: none). */
    province: list,
    surcharge: list,
    /** Provinces not delivered to. */
    notDelivered: list,
  })
  .transform((v, ctx) => {
    const amount = (field: "flat" | "freeAbove" | "coldChain", max: number) => {
      const r = yuanOrEmpty(v[field], max);
      if (!r.ok) ctx.addIssue({ code: "custom", path: [field], message: r.error });
      return r.ok ? r.fen : null;
    };
    const known = new Set(provinces());
    const notDelivered = new Set(v.notDelivered.filter((p) => known.has(p)));
    const rules: ProvinceRule[] = [...notDelivered].map((province) => ({ province, notDelivered: true as const }));
    v.province.forEach((province, i) => {
      if (!known.has(province) || notDelivered.has(province)) return;
      const r = yuanOrEmpty(v.surcharge[i] ?? "", MAX_FEE_FEN);
      if (!r.ok) ctx.addIssue({ code: "custom", path: ["surcharge", i], message: r.error });
      else if (r.fen) rules.push({ province, surchargeFen: r.fen });
    });
    const rule = {
      flatFen: amount("flat", MAX_FEE_FEN) ?? 0,
      freeAboveFen: amount("freeAbove", 99_999_999),
      coldChainFen: amount("coldChain", MAX_FEE_FEN) ?? 0,
      provinces: rules,
    };
    const checked = shippingRuleSchema.safeParse(rule);
    if (!checked.success) ctx.addIssue({ code: "custom", path: ["province"], message: "invalidInput" });
    return {
      operator: v.operator,
      rule,
      dispatchDays: v.dispatchDays,
      shipFromZh: v.shipFromZh,
      shipFromEn: v.shipFromEn,
      afterSalesZh: v.afterSalesZh,
      afterSalesEn: v.afterSalesEn,
    };
  });
export type ShippingRuleForm = z.output<typeof shippingRuleFormInput>;
