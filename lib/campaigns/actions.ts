"use server";
// The campaign console's actions: a manager drafts (and edits the draft of) a campaign of their
// operator's products from the console's form (an admin, for any operator's console), an admin
// publishes it, either may cancel it. Thin: parse, scope (the console's operator; then
// lib/campaigns/campaigns.ts decides what each actor may touch), call the domain function.
import { revalidateTag } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define.server";
import { db } from "@/lib/db/db.server";
import { ActionError } from "@/lib/errors";
import { managedOperator } from "@/lib/operators/scope.server";
import { cancelCampaign, createCampaign, publishCampaign, updateCampaign } from "./campaigns";
import { campaignFormSchema } from "./form";

const id = z.string({ error: "notFound" }).min(1, "notFound").max(64, "notFound");

export const createCampaignAction = defineAction({
  name: "campaign.create",
  input: campaignFormSchema,
  allow: ["MANAGER", "ADMIN"],
  scope: (actor, input) => managedOperator(actor, { id: input.operatorId }),
  async run({ actor, scope: operator }, input) {
    return createCampaign(db, actor, input, new Date(), { operatorId: operator.id });
  },
});

export const updateCampaignAction = defineAction({
  name: "campaign.update",
  input: campaignFormSchema,
  allow: ["MANAGER", "ADMIN"],
  scope: (actor, input) => managedOperator(actor, { id: input.operatorId }),
  async run({ actor, scope: operator }, input) {
    if (!input.campaignId) throw new ActionError("notFound");
    return updateCampaign(db, actor, input.campaignId, input, new Date(), { operatorId: operator.id });
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
