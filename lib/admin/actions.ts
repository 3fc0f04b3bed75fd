"use server";
// The admin console's actions (/admin): accounts, regions, GI marks, operators, settlement payouts.
// Admins only; each loads its target and writes the change and its AuditLog row in one transaction
// (lib/admin/*.ts, lib/settlement/payouts.ts). Changes to what the storefront shows revalidate it.
import { z } from "zod";
import { defineAction } from "@/lib/actions/define.server";
import { dateColumnFromYmd, isYmd, shanghaiToday } from "@/lib/time/shanghai";
import { hashPassword } from "@/lib/auth/password";
import { normaliseEmail } from "@/lib/auth/throttle";
import { catalogChanged } from "@/lib/catalog/revalidate.server";
import { db } from "@/lib/db/db.server";
import { ActionError } from "@/lib/errors";
import { creditCodeProblem, normaliseCreditCode } from "@/lib/operators/credit-code";
import { MOBILE, normaliseMobile } from "@/lib/orders/address";
import { MONTH } from "@/lib/orders/seller-orders";
import { platformFeeBps } from "@/lib/settlement/config";
import { recordPayout } from "@/lib/settlement/payouts";
import { changeRole, createAccount, setDisabled } from "./accounts";
import { requestPasswordReset } from "@/lib/accounts/recovery";
import { writeAudit } from "@/lib/audit/audit";
import { notFound } from "@/lib/errors";
import { authoriseGiMark, createGiMark, revokeGiMark } from "./gi-marks";
import { storeEvidence } from "./evidence.server";
import { reinstateOperator, suspendOperator, updateOperatorDetails } from "./operators";
import { addRegion, deleteRegion, renameRegion } from "./regions";

const ADMIN = ["ADMIN"] as const;
const id = z.string({ error: "notFound" }).trim().min(1, "notFound").max(100, "notFound");
const text = (max: number) => z.string({ error: "required" }).trim().min(1, { error: "required", abort: true }).max(max, "textTooLong");
const optionalId = z.preprocess((v) => (v === "" ? null : v), z.string().max(20).nullable().default(null));
const ROLES = ["SHOPPER", "INSTITUTION", "MANAGER", "OFFICER", "ADMIN"] as const;
const ymd = z.string().trim().refine(isYmd, "dateInvalid");
const creditCode = z
  .string({ error: "required" })
  .transform(normaliseCreditCode)
  .superRefine((code, ctx) => {
    const problem = creditCodeProblem(code);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

// ---- accounts -----------------------------------------------------------------------------------

export const createAccountAction = defineAction({
  name: "admin.user.create",
  input: z.object({
    email: z.string().trim().min(1, "required").max(254, "emailTooLong").email("invalidEmail").transform(normaliseEmail),
    name: text(60),
    role: z.enum(ROLES, { error: "required" }),
    countyId: optionalId,
    password: z.string().min(10, "passwordTooShort").max(200, "passwordTooLong"),
  }),
  allow: ADMIN,
  async run({ actor }, input) {
    return createAccount(db, actor, { ...input, passwordHash: await hashPassword(input.password) });
  },
});

export const changeRoleAction = defineAction({
  name: "admin.user.role",
  input: z.object({ userId: id, role: z.enum(ROLES, { error: "required" }), countyId: optionalId }),
  allow: ADMIN,
  run: ({ actor }, input) => changeRole(db, actor, input),
});

export const disableUserAction = defineAction({
  name: "admin.user.disable",
  input: z.object({ userId: id }),
  allow: ADMIN,
  run: ({ actor }, input) => setDisabled(db, actor, input.userId, true),
});

export const enableUserAction = defineAction({
  name: "admin.user.enable",
  input: z.object({ userId: id }),
  allow: ADMIN,
  run: ({ actor }, input) => setDisabled(db, actor, input.userId, false),
});

/**
 * Mails the user a one-time, expiring password-reset link (the same link and limits as "forgot
 * password": at most 3 an hour). The admin never sees the link or sets the password.
 */
export const sendPasswordResetAction = defineAction({
  name: "admin.user.sendPasswordReset",
  input: z.object({ userId: id }),
  allow: ADMIN,
  async run({ actor }, input) {
    const user = await db.user.findUnique({ where: { id: input.userId }, select: { id: true, email: true, disabledAt: true } });
    if (!user || user.disabledAt) throw notFound();
    await requestPasswordReset(db, user.email);
    await writeAudit(db, { userId: actor.userId, action: "user.passwordResetSent", entity: "User", entityId: user.id });
    return { sent: true };
  },
});

// ---- regions ------------------------------------------------------------------------------------

export const addRegionAction = defineAction({
  name: "admin.region.create",
  input: z.object({
    code: z.string({ error: "required" }).trim(),
    parentId: optionalId,
    nameZh: text(40),
    nameEn: text(80),
  }),
  allow: ADMIN,
  async run({ actor }, input) {
    const region = await addRegion(db, actor, input);
    catalogChanged();
    return region;
  },
});

export const renameRegionAction = defineAction({
  name: "admin.region.rename",
  input: z.object({ regionId: id, nameZh: text(40), nameEn: text(80) }),
  allow: ADMIN,
  async run({ actor }, input) {
    const region = await renameRegion(db, actor, input);
    catalogChanged();
    return region;
  },
});

export const deleteRegionAction = defineAction({
  name: "admin.region.delete",
  input: z.object({ regionId: id }),
  allow: ADMIN,
  async run({ actor }, input) {
    const region = await deleteRegion(db, actor, input.regionId);
    catalogChanged();
    return region;
  },
});

// ---- GI marks -----------------------------------------------------------------------------------

export const createGiMarkAction = defineAction({
  name: "admin.giMark.create",
  input: z.object({
    nameZh: text(40),
    nameEn: text(80),
    kind: z.enum(["CERT_TRADEMARK", "AGRI_GI", "PROTECTED_PRODUCT"], { error: "required" }),
    registrationNo: text(40),
    year: z.coerce.number({ error: "yearInvalid" }).int("yearInvalid").min(1990, "yearInvalid").max(2100, "yearInvalid"),
    holderZh: text(60),
    holderEn: z.string().trim().max(120, "textTooLong").default(""),
    countyId: z.string({ error: "required" }).regex(/^[0-9]{6}$/u, "required"),
  }),
  allow: ADMIN,
  async run({ actor }, input) {
    const mark = await createGiMark(db, actor, input);
    catalogChanged();
    return mark;
  },
});

export const authoriseGiMarkAction = defineAction({
  name: "admin.giMark.authorise",
  input: z.object({
    giMarkId: id,
    operatorId: id,
    validUntil: z.preprocess((v) => (v === "" ? undefined : v), ymd.optional()),
    evidence: z.custom<File>((v) => typeof File !== "undefined" && v instanceof File && v.size > 0, "documentRequired"),
  }),
  allow: ADMIN,
  async run({ actor }, input) {
    if (input.validUntil && input.validUntil < shanghaiToday()) throw new ActionError("dateInPast");
    const evidence = await storeEvidence(input.evidence);
    try {
      return await authoriseGiMark(db, actor, {
        giMarkId: input.giMarkId,
        operatorId: input.operatorId,
        validUntil: input.validUntil ? dateColumnFromYmd(input.validUntil) : null,
        evidenceUrl: evidence.url,
      });
    } catch (error) {
      await evidence.discard();
      throw error;
    }
  },
});

export const revokeGiMarkAction = defineAction({
  name: "admin.giMark.revoke",
  input: z.object({ giMarkId: id, operatorId: id }),
  allow: ADMIN,
  run: ({ actor }, input) => revokeGiMark(db, actor, input),
});

// ---- operators ----------------------------------------------------------------------------------

export const suspendOperatorAction = defineAction({
  name: "admin.operator.suspend",
  input: z.object({ operatorId: id, reason: z.string().trim().min(1, "reviewReasonRequired").max(500, "reviewReasonTooLong") }),
  allow: ADMIN,
  async run({ actor }, input) {
    const result = await suspendOperator(db, actor, input.operatorId, input.reason);
    catalogChanged(); // its products leave the storefront now, not when the cache expires
    return result;
  },
});

export const reinstateOperatorAction = defineAction({
  name: "admin.operator.reinstate",
  input: z.object({ operatorId: id }),
  allow: ADMIN,
  async run({ actor }, input) {
    const result = await reinstateOperator(db, actor, input.operatorId);
    catalogChanged();
    return result;
  },
});

export const updateOperatorAction = defineAction({
  name: "admin.operator.update",
  input: z.object({
    operatorId: id,
    nameZh: text(60),
    nameEn: text(80),
    kind: z.enum(["COOPERATIVE", "ENTERPRISE", "WORKSHOP", "FAMILY_FARM"], { error: "required" }),
    creditCode,
    legalRep: z.string().trim().max(30, "textTooLong").default(""),
    mobile: z.preprocess(
      (v) => (typeof v === "string" ? normaliseMobile(v) : v),
      z.string().refine((v) => v === "" || MOBILE.test(v), "mobileInvalid"),
    ),
  }),
  allow: ADMIN,
  async run({ actor }, { operatorId, ...details }) {
    const result = await updateOperatorDetails(db, actor, operatorId, details);
    if (result.changed.length > 0) catalogChanged();
    return result;
  },
});

// ---- settlement payouts ---------------------------------------------------------------------------

export const recordPayoutAction = defineAction({
  name: "settlement.payout.record",
  input: z.object({
    operatorId: id,
    month: z.string().regex(MONTH, "dateInvalid"),
    paidOn: ymd.refine((v) => !isYmd(v) || v <= shanghaiToday(), "payoutDateFuture"),
    bankReference: text(60),
    expectAmountFen: z.coerce.number().int().positive("payoutNothingOwed"),
  }),
  allow: ADMIN,
  run: ({ actor }, input) => recordPayout(db, actor, { ...input, paidOn: dateColumnFromYmd(input.paidOn) }, platformFeeBps()),
});
