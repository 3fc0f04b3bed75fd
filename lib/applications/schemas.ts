// The application form's input (开店申请). Every message is a key under `errors.`.
import { z } from "zod";
import { creditCodeProblem, normaliseCreditCode } from "@/lib/operators/credit-code";
import { normaliseEmail } from "@/lib/auth/throttle";
import { MOBILE, normaliseMobile } from "@/lib/orders/address";
import { DOCUMENT_MAX_BYTES } from "./documents";

const text = (max: number, tooLong = "textTooLong") =>
  z.string({ error: "required" }).trim().min(1, { error: "required", abort: true }).max(max, tooLong);

const file = (required: string) =>
  z
    .custom<File>((v) => typeof File !== "undefined" && v instanceof File && v.size > 0, required)
    .refine((f) => f.size <= DOCUMENT_MAX_BYTES, "documentTooLarge");

/** An empty file input arrives as a zero-byte File: that means "keep the one already sent". */
const optionalFile = z.preprocess(
  (v) => (typeof File !== "undefined" && v instanceof File && v.size === 0 ? undefined : v === "" ? undefined : v),
  file("documentRequired").optional(),
);

const blankIsMissing = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

export const KINDS = ["COOPERATIVE", "ENTERPRISE", "WORKSHOP", "FAMILY_FARM"] as const;

export const applicationFields = z.object({
  kind: z.enum(KINDS, { error: "required" }),
  nameZh: text(60),
  nameEn: z.string().trim().max(80, "textTooLong").default(""),
  creditCode: z
    .string({ error: "required" })
    .transform(normaliseCreditCode)
    .superRefine((code, ctx) => {
      if (code.length === 0) return void ctx.addIssue({ code: "custom", message: "required" });
      const problem = creditCodeProblem(code);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  legalRep: text(30),
  mobile: z.string({ error: "required" }).transform(normaliseMobile).pipe(z.string().regex(MOBILE, "mobileInvalid")),
  countyId: z.string({ error: "required" }).regex(/^[0-9]{6}$/u, "required"),
  villageId: z.string({ error: "required" }).regex(/^[0-9]{12}$/u, "required"),
  giMarkIds: z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().max(40)).max(10)),
  benefitMechanism: text(300),
});

/** A new application: the fields, both documents, and, for someone not signed in, their new account. */
export const submitApplicationInput = applicationFields.extend({
  licence: optionalFile,
  foodLicence: optionalFile,
  // Only for someone not signed in (the form shows them then); checked when present.
  accountName: blankIsMissing(z.string().trim().min(1, "required").max(60, "nameTooLong")),
  accountEmail: blankIsMissing(z.string().trim().max(254, "emailTooLong").email("invalidEmail").transform(normaliseEmail)),
  accountPassword: blankIsMissing(z.string().min(10, "passwordTooShort").max(200, "passwordTooLong")),
});

export const resubmitApplicationInput = applicationFields.extend({
  applicationId: z.string().min(1, "notFound").max(100, "notFound"),
  licence: optionalFile,
  foodLicence: optionalFile,
});

export const decisionInput = z.object({ applicationId: z.string().min(1, "notFound").max(100, "notFound") });
export const reasonDecisionInput = decisionInput.extend({
  reason: z.string({ error: "reviewReasonRequired" }).trim().min(1, "reviewReasonRequired").max(500, "reviewReasonTooLong"),
});

export type ApplicationFields = z.output<typeof applicationFields>;
