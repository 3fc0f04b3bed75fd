"use server";
// The program office's certification decisions (消费帮扶产品认定): certify, reject, revoke. Each
// goes through defineAction (officers and admins only), loads the product and answers notFound()
// unless the actor serves its county (canOfficeCounty), writes the status and an AuditLog row in
// one transaction (lib/catalog/certification.ts), then calls catalogChanged() so the storefront's
// 消费帮扶产品 badge changes at once.
import { z } from "zod";
import { ActionError, notFound } from "@/lib/errors";
import { defineAction } from "@/lib/actions/define.server";
import { canOfficeCounty, type Actor } from "@/lib/auth/actor";
import { certifyProduct, rejectProduct, revokeCertification } from "./commands";
import { catalogChanged } from "@/lib/catalog/revalidate.server";
import { db } from "@/lib/db/db.server";
import { validUntilError, validUntilInstant } from "./rules";

const OFFICE = ["OFFICER", "ADMIN"] as const;

const productId = z.string({ error: "notFound" }).trim().min(1, "notFound").max(100, "notFound");
const reason = z.string({ error: "reviewReasonRequired" }).trim().min(1, "reviewReasonRequired").max(500, "reviewReasonTooLong");

const certifyInput = z.object({
  productId,
  until: z
    .string({ error: "dateInvalid" })
    .trim()
    .superRefine((day, ctx) => {
      const error = validUntilError(day);
      if (error) ctx.addIssue({ code: "custom", message: error });
    }),
});
const reasonInput = z.object({ productId, reason });

/** The product if the actor's office covers its county; else notFound() (another county's ids are not confirmed). */
async function productInCounty(actor: Actor, id: string) {
  const product = await db.product.findUnique({ where: { id }, select: { id: true, countyId: true, status: true } });
  if (!product || !canOfficeCounty(actor, product.countyId)) throw notFound();
  return { actor, product };
}

export const certifyProductAction = defineAction({
  name: "certification.certify",
  input: certifyInput,
  allow: OFFICE,
  async run({ actor }, input) {
    const { actor: a, product } = await productInCounty(actor, input.productId);
    if (product.status !== "PENDING_CERTIFICATION") throw new ActionError("notPending");
    const result = await certifyProduct(db, product.id, { until: validUntilInstant(input.until), userId: a.userId });
    catalogChanged();
    return { id: result.id, status: result.status, certifiedUntil: result.certifiedUntil.toISOString() };
  },
});

export const rejectProductAction = defineAction({
  name: "certification.reject",
  input: reasonInput,
  allow: OFFICE,
  async run({ actor }, input) {
    const { actor: a, product } = await productInCounty(actor, input.productId);
    if (product.status !== "PENDING_CERTIFICATION") throw new ActionError("notPending");
    const result = await rejectProduct(db, product.id, { note: input.reason, userId: a.userId });
    catalogChanged();
    return result;
  },
});

export const revokeCertificationAction = defineAction({
  name: "certification.revoke",
  input: reasonInput,
  allow: OFFICE,
  async run({ actor }, input) {
    const { actor: a, product } = await productInCounty(actor, input.productId);
    if (product.status !== "CERTIFIED") throw new ActionError("notCertified");
    const result = await revokeCertification(db, product.id, { note: input.reason, userId: a.userId });
    catalogChanged();
    return result;
  },
});
