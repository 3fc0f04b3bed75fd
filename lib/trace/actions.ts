"use server";
// The buyer makes (or gets again) the share card of their order's impact receipt.
import { z } from "zod";
import { defineAction } from "@/lib/actions/define.server";
import { ORDER_NUMBER } from "@/lib/orders/number";
import { sharePath } from "./code";
import { shareTokenOf } from "./trace.server";

export const makeShareCard = defineAction({
  name: "share.create",
  input: z.object({ number: z.string().regex(ORDER_NUMBER, "notFound") }),
  allow: "signedIn",
  async run({ actor }, input) {
    const token = await shareTokenOf(actor.userId, input.number);
    return { path: sharePath(token) };
  },
});
