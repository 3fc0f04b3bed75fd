// Campaigns (直播/活动) as the console sees them: an operator's manager (or an admin, for several
// operators at once) drafts one; an admin publishes it; its allotments move when its window opens
// and closes (./lifecycle.ts). Takes the database as a parameter (tests and the seed call it too).
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { writeAudit } from "@/lib/audit/audit";
import { ActionError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { endCampaign, startCampaign } from "./lifecycle";

const SLUG = /^[a-z0-9](?:[a-z0-9-]{1,46}[a-z0-9])$/;

export const campaignItemSchema = z.object({
  productId: z.string().min(1).max(64),
  priceFen: z.coerce.number().int().min(1, "priceTooLow").max(10_000_000, "priceTooHigh"),
  allotment: z.coerce.number().int().min(1, "allotmentTooLow").max(1_000_000, "allotmentTooHigh"),
});

export const campaignSchema = z
  .object({
    slug: z
      .string()
      .trim()
      .toLowerCase()
      .regex(SLUG, "slugInvalid")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    titleZh: z.string().trim().min(2, "titleRequired").max(60, "titleTooLong"),
    titleEn: z.string().trim().min(2, "titleRequired").max(80, "titleTooLong"),
    hostZh: z.string().trim().min(1, "hostRequired").max(40, "hostTooLong"),
    hostEn: z.string().trim().max(60, "hostTooLong").default(""),
    startsAt: z.coerce.date({ error: "dateInvalid" }),
    endsAt: z.coerce.date({ error: "dateInvalid" }),
    perBuyerLimit: z.coerce.number().int().min(1, "limitTooLow").max(99, "limitTooHigh"),
    items: z.array(campaignItemSchema).min(1, "itemsRequired").max(20, "tooManyItems"),
  })
  .superRefine((c, ctx) => {
    if (c.endsAt.getTime() <= c.startsAt.getTime()) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "endBeforeStart" });
    if (c.endsAt.getTime() - c.startsAt.getTime() > 7 * 24 * 3600_000)
      ctx.addIssue({ code: "custom", path: ["endsAt"], message: "windowTooLong" });
    const ids = c.items.map((i) => i.productId);
    if (new Set(ids).size !== ids.length) ctx.addIssue({ code: "custom", path: ["items"], message: "duplicateItem" });
  });
export type CampaignInput = z.input<typeof campaignSchema>;

/** May this actor draft or change a campaign that sells these operators' products? */
export function canRunCampaignFor(actor: Actor | null, operatorIds: string[]): boolean {
  if (!actor) return false;
  if (actor.role === "ADMIN") return true;
  return actor.role === "MANAGER" && operatorIds.every((id) => actor.operatorIds.includes(id));
}

export async function createCampaign(db: Db, actor: Actor, raw: CampaignInput, now = new Date()) {
  const input = campaignSchema.parse(raw);
  if (input.startsAt.getTime() < now.getTime() - 60_000) throw new ActionError("startInPast");
  const products = await db.product.findMany({
    where: { id: { in: input.items.map((i) => i.productId) } },
    select: { id: true, operatorId: true, priceFen: true, listed: true },
  });
  if (products.length !== input.items.length) throw new ActionError("notFound");
  // Another operator's product is "not found" to a manager, never "forbidden" (ids are not confirmed).
  if (
    !canRunCampaignFor(
      actor,
      products.map((p) => p.operatorId),
    )
  )
    throw new ActionError("notFound");
  const byId = new Map(products.map((p) => [p.id, p]));
  const slug = input.slug ?? `live-${randomBytes(4).toString("hex")}`;
  if (await db.campaign.findUnique({ where: { slug }, select: { id: true } })) throw new ActionError("slugTaken");
  return db.campaign.create({
    data: {
      slug,
      titleZh: input.titleZh,
      titleEn: input.titleEn,
      hostZh: input.hostZh,
      hostEn: input.hostEn,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      perBuyerLimit: input.perBuyerLimit,
      createdById: actor.userId,
      products: {
        create: input.items.map((item, position) => ({
          productId: item.productId,
          operatorId: byId.get(item.productId)!.operatorId,
          priceFen: item.priceFen,
          allotment: item.allotment,
          position,
        })),
      },
    },
    select: { id: true, slug: true },
  });
}

/** An admin publishes a draft; if its window is already open, the allotments are taken at once. */
export async function publishCampaign(db: Db, actor: Actor, campaignId: string, now = new Date()) {
  if (actor.role !== "ADMIN") throw new ActionError("notFound");
  const updated = await db.campaign.updateMany({
    where: { id: campaignId, status: "DRAFT", endsAt: { gt: now } },
    data: { status: "PUBLISHED", publishedAt: now, publishedById: actor.userId },
  });
  if (updated.count === 0) {
    const c = await db.campaign.findUnique({ where: { id: campaignId }, select: { status: true } });
    if (!c) throw new ActionError("notFound");
    throw new ActionError(c.status === "DRAFT" ? "campaignOver" : "campaignNotDraft");
  }
  await writeAudit(db, { userId: actor.userId, action: "campaign.publish", entity: "Campaign", entityId: campaignId });
  await startCampaign(db, campaignId, now);
  return { id: campaignId };
}

/** Cancels a campaign (its creator's operators' managers or an admin); a running one ends now. */
export async function cancelCampaign(db: Db, actor: Actor, campaignId: string) {
  const c = await db.campaign.findUnique({
    where: { id: campaignId },
    select: { status: true, products: { select: { operatorId: true } } },
  });
  if (
    !c ||
    !canRunCampaignFor(
      actor,
      c.products.map((p) => p.operatorId),
    )
  )
    throw new ActionError("notFound");
  if (c.status === "CANCELLED") return { id: campaignId };
  await db.campaign.update({ where: { id: campaignId }, data: { status: "CANCELLED" } });
  await writeAudit(db, { userId: actor.userId, action: "campaign.cancel", entity: "Campaign", entityId: campaignId });
  await endCampaign(db, campaignId);
  return { id: campaignId };
}
