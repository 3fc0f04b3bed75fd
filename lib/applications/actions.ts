"use server";
// 开店申请 actions: submit (anyone: someone not signed in creates their account with it), resubmit
// (the applicant, after a return), recommend / return (the county office of the application's
// county, or an admin), approve / reject (admins). Documents are checked and stored before the
// transaction and removed again if it fails, so nothing is left half-written.
import { ActionError, notFound } from "@/lib/errors";
import { defineAction } from "@/lib/actions/define.server";
import { hashPassword } from "@/lib/auth/password";
import { Prisma } from "@/lib/db/client";
import { db } from "@/lib/db/db.server";
import { approveApplication, createApplication, decideApplication, resubmitApplication, type StoredDocument } from "./applications";
import { discardDocuments, storeDocuments } from "./documents.server";
import { decisionInput, reasonDecisionInput, resubmitApplicationInput, submitApplicationInput } from "./schemas";

const OFFICE = ["OFFICER", "ADMIN"] as const;

function documentsOf(input: { licence?: File; foodLicence?: File }) {
  const files: { kind: "BUSINESS_LICENCE" | "FOOD_LICENCE"; file: File }[] = [];
  if (input.licence) files.push({ kind: "BUSINESS_LICENCE", file: input.licence });
  if (input.foodLicence) files.push({ kind: "FOOD_LICENCE", file: input.foodLicence });
  return files;
}

async function withDocuments<T>(files: ReturnType<typeof documentsOf>, write: (docs: StoredDocument[]) => Promise<T>): Promise<T> {
  const docs = await storeDocuments(files);
  try {
    return await write(docs);
  } catch (error) {
    await discardDocuments(docs);
    throw error;
  }
}

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

export const submitApplicationAction = defineAction({
  name: "application.submit",
  input: submitApplicationInput,
  allow: "anyone",
  async run({ actor }, input) {
    if (actor && (actor.role === "OFFICER" || actor.role === "ADMIN")) throw new ActionError("applicationStaff");
    if (!input.licence) throw new ActionError("licenceRequired");
    if (!input.foodLicence) throw new ActionError("foodLicenceRequired");
    // Someone not signed in: their account is created in the same transaction as the application.
    let account: { name: string; email: string; passwordHash: string } | null = null;
    if (!actor) {
      if (!input.accountName || !input.accountEmail || !input.accountPassword) throw new ActionError("applicationAccountRequired");
      if (await db.user.findUnique({ where: { email: input.accountEmail }, select: { id: true } }))
        throw new ActionError("applicationEmailTaken");
      account = { name: input.accountName, email: input.accountEmail, passwordHash: await hashPassword(input.accountPassword) };
    }
    const fields = input;
    return withDocuments(documentsOf(input), async (docs) => {
      try {
        return await db.$transaction(async (tx) => {
          const applicantId = actor
            ? actor.userId
            : (await tx.user.create({ data: { ...account!, role: "SHOPPER" }, select: { id: true } })).id;
          const created = await createApplication(tx, applicantId, fields, docs);
          return { id: created.id, status: created.status, email: account?.email ?? null };
        });
      } catch (error) {
        if (isUniqueViolation(error) && !actor) throw new ActionError("applicationEmailTaken");
        throw error;
      }
    });
  },
});

export const resubmitApplicationAction = defineAction({
  name: "application.resubmit",
  input: resubmitApplicationInput,
  allow: "signedIn",
  async run({ actor }, input) {
    const own = await db.operatorApplication.findFirst({
      where: { id: input.applicationId, applicantId: actor.userId },
      select: { id: true },
    });
    if (!own) throw notFound();
    return withDocuments(documentsOf(input), (docs) =>
      db.$transaction((tx) => resubmitApplication(tx, actor.userId, input.applicationId, input, docs)),
    );
  },
});

export const recommendApplicationAction = defineAction({
  name: "application.recommend",
  input: decisionInput,
  allow: OFFICE,
  run: ({ actor }, input) => db.$transaction((tx) => decideApplication(tx, actor, input.applicationId, "recommend", null)),
});

export const returnApplicationAction = defineAction({
  name: "application.return",
  input: reasonDecisionInput,
  allow: OFFICE,
  run: ({ actor }, input) => db.$transaction((tx) => decideApplication(tx, actor, input.applicationId, "return", input.reason)),
});

export const rejectApplicationAction = defineAction({
  name: "application.reject",
  input: reasonDecisionInput,
  allow: ["ADMIN"],
  run: ({ actor }, input) => db.$transaction((tx) => decideApplication(tx, actor, input.applicationId, "reject", input.reason)),
});

export const approveApplicationAction = defineAction({
  name: "application.approve",
  input: decisionInput,
  allow: ["ADMIN"],
  run: ({ actor }, input) => db.$transaction((tx) => approveApplication(tx, actor, input.applicationId)),
});
