"use server";
// A buyer organisation's own actions (/org/<id>): its managers declare the canteen budget, invite
// colleagues (the operator team's invitations), remove members and name managers. An admin may act
// on any organisation; anyone else's ids are "not found".
import { z } from "zod";
import { defineAction } from "@/lib/actions/define.server";
import { normaliseEmail } from "@/lib/auth/throttle";
import { db } from "@/lib/db/db.server";
import { parseBudgetYuan } from "./budget";
import { declareBudget, inviteMember, organisationInScope, removeMember, revokeMemberInvite, setMemberManager } from "./organisations";

const BUYERS = ["INSTITUTION", "ADMIN"] as const;
const id = z.string({ error: "notFound" }).trim().min(1, "notFound").max(64, "notFound");
const budget = z.unknown().transform((raw, ctx) => {
  const parsed = parseBudgetYuan(raw);
  if (!parsed.ok) {
    ctx.addIssue({ code: "custom", message: parsed.error });
    return z.NEVER;
  }
  return parsed.fen;
});

export const declareBudgetAction = defineAction({
  name: "organisation.budget.declare",
  input: z.object({ organisationId: id, budget }),
  allow: BUYERS,
  scope: (actor, input) => organisationInScope(db, actor, input.organisationId, { manager: true }),
  run: ({ actor, scope }, input) => declareBudget(db, actor, scope, input.budget),
});

export const inviteMemberAction = defineAction({
  name: "organisation.invite.create",
  input: z.object({
    organisationId: id,
    email: z.string().trim().min(1, "required").max(320, "emailTooLong").pipe(z.email("invalidEmail")).transform(normaliseEmail),
  }),
  allow: BUYERS,
  scope: (actor, input) => organisationInScope(db, actor, input.organisationId, { manager: true }),
  run: ({ actor, scope }, input) => inviteMember(db, actor, scope, input.email),
});

export const revokeMemberInviteAction = defineAction({
  name: "organisation.invite.revoke",
  input: z.object({ organisationId: id, inviteId: id }),
  allow: BUYERS,
  scope: (actor, input) => organisationInScope(db, actor, input.organisationId, { manager: true }),
  run: ({ actor, scope }, input) => revokeMemberInvite(db, actor, scope, input.inviteId),
});

export const removeMemberAction = defineAction({
  name: "organisation.member.remove",
  input: z.object({ organisationId: id, userId: id }),
  allow: BUYERS,
  scope: (actor, input) => organisationInScope(db, actor, input.organisationId, { manager: true }),
  run: ({ actor, scope }, input) => removeMember(db, actor, scope, input.userId),
});

export const setMemberManagerAction = defineAction({
  name: "organisation.member.setManager",
  input: z.object({ organisationId: id, userId: id, isManager: z.enum(["true", "false"]).transform((v) => v === "true") }),
  allow: BUYERS,
  scope: (actor, input) => organisationInScope(db, actor, input.organisationId, { manager: true }),
  run: ({ actor, scope }, input) => setMemberManager(db, actor, scope, input.userId, input.isManager),
});
