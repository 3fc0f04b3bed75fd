"use server";
// The admin's security actions: clearing an account's failed sign-ins ("unlock"). Admins only.
import { z } from "zod";
import { defineAction } from "@/lib/actions/define.server";
import { db } from "@/lib/db/db.server";
import { notFound } from "@/lib/errors";
import { clearSignInFailures } from "./security";

export const clearSignInFailuresAction = defineAction({
  name: "admin.clearSignInFailures",
  input: z.object({ userId: z.string({ error: "notFound" }).trim().min(1, "notFound").max(100, "notFound") }),
  allow: ["ADMIN"],
  async run({ actor }, input) {
    if (!(await clearSignInFailures(db, actor.userId, input.userId))) throw notFound();
    return { cleared: true };
  },
});
