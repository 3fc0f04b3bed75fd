"use server";
// The campaign console's actions: a manager drafts a campaign of their operator's products (an
// admin, of any operators'), an admin publishes it, either may cancel it. Thin: parse, scope
// (lib/campaigns/campaigns.ts decides what each actor may touch), call the domain function.
import { revalidateTag } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define.server";
import { db } from "@/lib/db/db.server";
import { cancelCampaign, campaignSchema, createCampaign, publishCampaign } from "./campaigns";

const id = z.string({ error: "notFound" }).min(1, "notFound").max(64, "notFound");

export const createCampaignAction = defineAction({
  name: "campaign.create",
  input: campaignSchema,
  allow: ["MANAGER", "ADMIN"],
  async run({ actor }, input) {
    const created = await createCampaign(db, actor, input);
    return created;
  },
});

export const publishCampaignAction = defineAction({
  name: "campaign.publish",
  input: z.object({ campaignId: id }),
  allow: ["ADMIN"],
  async run({ actor }, input) {
    const published = await publishCampaign(db, actor, input.campaignId);
    revalidateTag("campaigns", { expire: 0 });
    return published;
  },
});

export const cancelCampaignAction = defineAction({
  name: "campaign.cancel",
  input: z.object({ campaignId: id }),
  allow: ["MANAGER", "ADMIN"],
  async run({ actor }, input) {
    const cancelled = await cancelCampaign(db, actor, input.campaignId);
    revalidateTag("campaigns", { expire: 0 });
    return cancelled;
  },
});
