// Input schemas of the benefit-link and payout actions. Messages are translation keys under
// `errors.` (messages/*/errors.json), shown next to the field they concern.
import { z } from "zod";
import { parsePercentToBps, parseYuanAmount } from "./amounts";
import { PROOF_MAX_BYTES } from "./proof";
import { isYmd, shanghaiDayEnd, shanghaiDayStart, shanghaiToday } from "@/lib/time/shanghai";

export const MECHANISMS = ["PURCHASE", "DIVIDEND", "WAGE", "LAND_RENT"] as const;
export const RULES = ["PERCENT_OF_SALES", "FIXED_PER_UNIT"] as const;

const id = z.string().trim().min(1, "required").max(64, "required");
const optionalText = (max: number) => z.preprocess((v) => (v === undefined || v === null ? "" : v), z.string().trim().max(max));
const ymd = z.string().trim().refine(isYmd, "dateInvalid");
const optionalYmd = optionalText(10).refine((v) => v === "" || isYmd(v), "dateInvalid");

/** Fen of an amount already checked by parseYuanAmount. */
const fenOf = (text: string): number => {
  const amount = parseYuanAmount(text);
  if (!amount.ok) throw new Error("amount was not validated");
  return amount.fen;
};

export const linkCreateInput = z
  .object({
    operatorId: id,
    householdId: z.string().trim().min(1, "linkHouseholdRequired").max(64, "linkHouseholdRequired"),
    /** "" or absent: every product of the operator (an operator-wide link). */
    productId: optionalText(64),
    mechanism: z.enum(MECHANISMS, "required"),
    rule: z.enum(RULES, "required"),
    percent: optionalText(20),
    yuanPerUnit: optionalText(20),
    validFrom: ymd,
    validTo: optionalYmd,
  })
  .superRefine((v, ctx) => {
    if (v.rule === "PERCENT_OF_SALES" && parsePercentToBps(v.percent) === null) {
      ctx.addIssue({ code: "custom", path: ["percent"], message: "linkPercentInvalid" });
    }
    if (v.rule === "FIXED_PER_UNIT") {
      const amount = parseYuanAmount(v.yuanPerUnit);
      if (!amount.ok) ctx.addIssue({ code: "custom", path: ["yuanPerUnit"], message: amount.error });
    }
    if (v.validTo && isYmd(v.validFrom) && v.validTo < v.validFrom) {
      ctx.addIssue({ code: "custom", path: ["validTo"], message: "linkValidToBeforeFrom" });
    }
  })
  .transform((v) => ({
    operatorId: v.operatorId,
    householdId: v.householdId,
    productId: v.productId || null,
    mechanism: v.mechanism,
    rule: v.rule,
    bps: v.rule === "PERCENT_OF_SALES" ? parsePercentToBps(v.percent) : null,
    fenPerUnit: v.rule === "FIXED_PER_UNIT" ? fenOf(v.yuanPerUnit) : null,
    validFromYmd: v.validFrom,
    validToYmd: v.validTo || null,
    validFrom: shanghaiDayStart(v.validFrom),
    validTo: v.validTo ? shanghaiDayEnd(v.validTo) : null,
  }));

export const linkEndInput = z.object({
  linkId: id,
  /** The last day the link applies; "" or absent: today. */
  endOn: optionalYmd,
});

export const linkDeleteInput = z.object({ linkId: id });

export const payoutCreateInput = z.object({
  operatorId: id,
  householdId: z.string().trim().min(1, "payoutHouseholdRequired").max(64, "payoutHouseholdRequired"),
  mechanism: z.enum(MECHANISMS, "required"),
  amount: z
    .string()
    .superRefine((v, ctx) => {
      const amount = parseYuanAmount(v);
      if (!amount.ok) ctx.addIssue({ code: "custom", message: amount.error });
    })
    .transform(fenOf),
  paidOn: ymd.refine((v) => !isYmd(v) || v <= shanghaiToday(), "payoutDateFuture"),
  note: optionalText(200),
  proof: z
    .custom<File>((v) => typeof File !== "undefined" && v instanceof File && v.size > 0, "payoutProofRequired")
    .refine((f) => f.size <= PROOF_MAX_BYTES, "payoutProofTooLarge"),
});
