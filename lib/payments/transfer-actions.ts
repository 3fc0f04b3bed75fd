"use server";
// 对公转账: an admin marks a transfer received (the admin's transfer page). Thin: the one "paid" path
// and its once-only event are in ./transfers.ts.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define.server";
import { catalogChanged } from "@/lib/catalog/revalidate.server";
import { db } from "@/lib/db/db.server";
import { markTransferReceived } from "./transfers";

export const markTransferReceivedAction = defineAction({
  name: "transfer.markReceived",
  input: z.object({
    orderId: z.string().min(1).max(64),
    expectAmountFen: z.coerce.number().int().min(0).max(99_999_999),
  }),
  allow: ["ADMIN"],
  run: async ({ actor }, input) => {
    const paid = await markTransferReceived(db, actor, input);
    catalogChanged(); // sold counts changed
    revalidatePath("/admin/transfers");
    revalidatePath("/en/admin/transfers");
    return paid;
  },
});
