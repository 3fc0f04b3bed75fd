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

export const campaignFields = {
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
  perBuyerLimit: z.coerce.number({ error: "limitTooLow" }).int("limitTooLow").min(1, "limitTooLow").max(99, "limitTooHigh"),
};

/** The window's and the product list's rules, shared by the domain schema and the console's form. */
export function checkCampaign(
  c: { startsAt: Date; endsAt: Date; items: { productId: string }[] },
  ctx: { addIssue: (issue: { code: "custom"; path: string[]; message: string }) => void },
) {
  if (c.endsAt.getTime() <= c.startsAt.getTime()) ctx.addIssue({ code: "custom", path: ["endsAt"], message: "endBeforeStart" });
  else if (c.endsAt.getTime() - c.startsAt.getTime() > 7 * 24 * 3600_000)
    ctx.addIssue({ code: "custom", path: ["endsAt"], message: "windowTooLong" });
  const ids = c.items.map((i) => i.productId);
  if (new Set(ids).size !== ids.length) ctx.addIssue({ code: "custom", path: ["items"], message: "duplicateItem" });
}

export const campaignSchema = z
  .object({
    ...campaignFields,
    startsAt: z.coerce.date({ error: "dateInvalid" }),
    endsAt: z.coerce.date({ error: "dateInvalid" }),
    items: z.array(campaignItemSchema).min(1, "itemsRequired").max(20, "tooManyItems"),
  })
  .superRefine(checkCampaign);
export type CampaignInput = z.input<typeof campaignSchema>;

/** May this actor draft or change a campaign that sells these operators' products? */
export function canRunCampaignFor(actor: Actor | null, operatorIds: string[]): boolean {
  if (!actor) return false;
  if (actor.role === "ADMIN") return true;
  return actor.role === "MANAGER" && operatorIds.every((id) => actor.operatorIds.includes(id));
}

export interface CampaignScope {
  /** The console's operator: every product must be one of its own (else "campaignProductNotFound"). */
  operatorId?: string;
}

/**
 * The products a draft names, checked: each exists, is listed, is the console operator's (and one the
 * actor may run a campaign for), and has the stock its allotment asks for today. Another operator's
 * product reads as not found, never "forbidden" (ids are not confirmed).
 */
async function checkedProducts(db: Db, actor: Actor, input: z.output<typeof campaignSchema>, scope: CampaignScope) {
  const products = await db.product.findMany({
    where: { id: { in: input.items.map((i) => i.productId) } },
    select: { id: true, operatorId: true, nameZh: true, nameEn: true, stock: true, listed: true },
  });
  const byId = new Map(products.map((p) => [p.id, p]));
  for (const item of input.items) {
    const p = byId.get(item.productId);
    if (!p || !p.listed || (scope.operatorId && p.operatorId !== scope.operatorId) || !canRunCampaignFor(actor, [p.operatorId]))
      throw new ActionError("campaignProductNotFound");
    if (item.allotment > p.stock) throw new ActionError("allotmentAboveStock", { name: p.nameZh, nameEn: p.nameEn, stock: p.stock });
  }
  return byId;
}

function productRows(input: z.output<typeof campaignSchema>, byId: Map<string, { operatorId: string }>) {
  return input.items.map((item, position) => ({
    productId: item.productId,
    operatorId: byId.get(item.productId)!.operatorId,
    priceFen: item.priceFen,
    allotment: item.allotment,
    position,
  }));
}

export async function createCampaign(db: Db, actor: Actor, raw: CampaignInput, now = new Date(), scope: CampaignScope = {}) {
  const input = campaignSchema.parse(raw);
  if (input.startsAt.getTime() < now.getTime() - 60_000) throw new ActionError("startInPast");
  const byId = await checkedProducts(db, actor, input, scope);
  const slug = input.slug ?? `live-${randomBytes(4).toString("hex")}`;
  if (await db.campaign.findUnique({ where: { slug }, select: { id: true } })) throw new ActionError("slugTaken");
  const created = await db.campaign.create({
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
      products: { create: productRows(input, byId) },
    },
    select: { id: true, slug: true },
  });
  await writeAudit(db, { userId: actor.userId, action: "campaign.create", entity: "Campaign", entityId: created.id });
  return created;
}

/**
 * Changes a draft (never a published or cancelled campaign): its texts, window, limit and products.
 * The actor must be allowed the campaign's current products and its new ones.
 */
export async function updateCampaign(
  db: Db,
  actor: Actor,
  campaignId: string,
  raw: CampaignInput,
  now = new Date(),
  scope: CampaignScope = {},
) {
  const input = campaignSchema.parse(raw);
  const current = await db.campaign.findUnique({
    where: { id: campaignId },
    select: { status: true, slug: true, products: { select: { operatorId: true } } },
  });
  const operators = current?.products.map((p) => p.operatorId) ?? [];
  if (!current || !canRunCampaignFor(actor, operators) || (scope.operatorId && !operators.includes(scope.operatorId)))
    throw new ActionError("notFound");
  if (current.status !== "DRAFT") throw new ActionError("campaignNotDraft");
  if (input.startsAt.getTime() < now.getTime() - 60_000) throw new ActionError("startInPast");
  const byId = await checkedProducts(db, actor, input, scope);
  const slug = input.slug ?? current.slug;
  if (slug !== current.slug && (await db.campaign.findUnique({ where: { slug }, select: { id: true } })))
    throw new ActionError("slugTaken");
  await db.$transaction(async (tx) => {
    // Only a draft changes, and only once at a time: the row is claimed by its status.
    const claimed = await tx.campaign.updateMany({
      where: { id: campaignId, status: "DRAFT" },
      data: {
        slug,
        titleZh: input.titleZh,
        titleEn: input.titleEn,
        hostZh: input.hostZh,
        hostEn: input.hostEn,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        perBuyerLimit: input.perBuyerLimit,
      },
    });
    if (claimed.count === 0) throw new ActionError("campaignNotDraft");
    await tx.campaignProduct.deleteMany({ where: { campaignId } });
    await tx.campaignProduct.createMany({ data: productRows(input, byId).map((r) => ({ ...r, campaignId })) });
    await writeAudit(tx, { userId: actor.userId, action: "campaign.update", entity: "Campaign", entityId: campaignId });
  });
  return { id: campaignId, slug };
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
