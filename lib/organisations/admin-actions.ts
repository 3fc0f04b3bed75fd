"use server";
// The admin's side of buyer organisations (/admin/organisations): create one with its first manager,
// edit, disable and re-enable it, add a manager, and set the 预留份额 rates of provinces and cities.
// Admins only; each change and its AuditLog row are one transaction (./organisations.ts). A manager
// whose account is created here gets the password-reset mail (the admin never sees a password).
import { z } from "zod";
import { defineAction } from "@/lib/actions/define.server";
import { requestPasswordReset } from "@/lib/accounts/recovery";
import { normaliseEmail } from "@/lib/auth/throttle";
import { db } from "@/lib/db/db.server";
import { creditCodeProblem, normaliseCreditCode } from "@/lib/operators/credit-code";
import {
  addOrganisationManager,
  createOrganisation,
  deleteQuotaRate,
  setOrganisationDisabled,
  setQuotaRate,
  updateOrganisation,
} from "./organisations";

const ADMIN = ["ADMIN"] as const;
const KINDS = ["BUDGET_UNIT", "TRADE_UNION", "ENTERPRISE", "PARTNER"] as const;
const id = z.string({ error: "notFound" }).trim().min(1, "notFound").max(64, "notFound");
const text = (max: number) => z.string({ error: "required" }).trim().min(1, { error: "required", abort: true }).max(max, "textTooLong");
const optionalText = (max: number) => z.string().trim().max(max, "textTooLong").default("");
const optionalId = z.preprocess((v) => (v === "" ? null : v), z.string().max(64).nullable().default(null));
const creditCode = z
  .string({ error: "required" })
  .transform(normaliseCreditCode)
  .superRefine((code, ctx) => {
    const problem = creditCodeProblem(code);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
const regionId = z
  .string({ error: "organisationRegionUnknown" })
  .trim()
  .min(1, "organisationRegionUnknown")
  .max(20, "organisationRegionUnknown");
const counties = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v.filter((x) => x !== "") : [v]),
  z.array(z.string().max(20, "countyUnknown")).max(50, "countyUnknown"),
);
const fields = {
  nameZh: text(80),
  nameEn: optionalText(160),
  creditCode,
  regionId,
  hasCanteen: z
    .enum(["yes", "no"])
    .default("no")
    .transform((v) => v === "yes"),
  parentUnitId: optionalId,
  pairedCountyIds: counties,
};
const manager = {
  managerEmail: z.string().trim().min(1, "required").max(254, "emailTooLong").pipe(z.email("invalidEmail")).transform(normaliseEmail),
  managerName: z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? null : v),
    z.string().trim().max(60, "textTooLong").nullable().default(null),
  ),
};

/** Mails a just-created manager the link to choose a password (the forgot-password mail and limits). */
async function welcome(result: { managerEmail: string; accountCreated: boolean }) {
  if (result.accountCreated) await requestPasswordReset(db, result.managerEmail);
}

export const createOrganisationAction = defineAction({
  name: "organisation.create",
  input: z.object({ ...fields, kind: z.enum(KINDS, { error: "required" }), ...manager }),
  allow: ADMIN,
  async run({ actor }, input) {
    const result = await createOrganisation(db, actor, input);
    await welcome(result);
    return { id: result.id, accountCreated: result.accountCreated };
  },
});

export const updateOrganisationAction = defineAction({
  name: "organisation.update",
  input: z.object({ organisationId: id, ...fields }),
  allow: ADMIN,
  run: ({ actor }, { organisationId, ...input }) => updateOrganisation(db, actor, organisationId, input),
});

export const disableOrganisationAction = defineAction({
  name: "organisation.disable",
  input: z.object({ organisationId: id }),
  allow: ADMIN,
  run: ({ actor }, input) => setOrganisationDisabled(db, actor, input.organisationId, true),
});

export const enableOrganisationAction = defineAction({
  name: "organisation.enable",
  input: z.object({ organisationId: id }),
  allow: ADMIN,
  run: ({ actor }, input) => setOrganisationDisabled(db, actor, input.organisationId, false),
});

export const addOrganisationManagerAction = defineAction({
  name: "organisation.manager.add",
  input: z.object({ organisationId: id, ...manager }),
  allow: ADMIN,
  async run({ actor }, { organisationId, ...input }) {
    const result = await addOrganisationManager(db, actor, organisationId, input);
    await welcome({ managerEmail: result.managerEmail, accountCreated: result.created });
    return { userId: result.userId, accountCreated: result.created };
  },
});

/** "15", "12.5", "15%" → basis points; 0.01% to 100%. */
const percent = z.string({ error: "quotaPercentInvalid" }).transform((raw, ctx) => {
  const text = raw.normalize("NFKC").trim().replace(/\s*%$/u, "");
  const match = /^(\d{1,3})(?:\.(\d{1,2}))?$/u.exec(text);
  const bps = match ? Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0")) : NaN;
  if (!Number.isInteger(bps) || bps < 1 || bps > 10000) {
    ctx.addIssue({ code: "custom", message: "quotaPercentInvalid" });
    return z.NEVER;
  }
  return bps;
});

export const setQuotaRateAction = defineAction({
  name: "quotaRate.set",
  input: z.object({ regionId: z.string().trim().min(1, "quotaRegionUnknown").max(20, "quotaRegionUnknown"), percent }),
  allow: ADMIN,
  run: ({ actor }, input) => setQuotaRate(db, actor, { regionId: input.regionId, bps: input.percent }),
});

export const deleteQuotaRateAction = defineAction({
  name: "quotaRate.delete",
  input: z.object({ regionId: z.string().trim().min(1, "notFound").max(20, "notFound") }),
  allow: ADMIN,
  run: ({ actor }, input) => deleteQuotaRate(db, actor, input.regionId),
});
