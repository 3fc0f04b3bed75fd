"use server";
// Inviting managers to an operator. The invitation link is shown once, on the inviter's screen
// (no e-mail is sent); only the token's hash is stored.
import { z } from "zod";
import { ActionError, notFound } from "@/lib/errors";
import { defineAction } from "@/lib/actions/define.server";
import { canManageOperator } from "@/lib/auth/actor";
import { db } from "@/lib/db/db.server";
import { acceptInvite, issueInvite, normaliseEmail } from "./team";
import { managedOperator } from "./scope.server";
import { writeAudit } from "@/lib/audit/audit";

const MANAGERS = ["MANAGER", "ADMIN"] as const;

export const createInvite = defineAction({
  name: "invite.create",
  input: z.object({
    operatorId: z.string().trim().min(1, "required").max(64, "required"),
    email: z.string().trim().min(1, "required").max(320, "emailTooLong").pipe(z.email("invalidEmail")).transform(normaliseEmail),
  }),
  allow: MANAGERS,
  scope: (actor, input) => managedOperator(actor, { id: input.operatorId }),
  async run({ actor, scope: operator }, input) {
    const member = await db.membership.findFirst({
      where: { operatorId: operator.id, user: { email: input.email } },
      select: { userId: true },
    });
    if (member) throw new ActionError("inviteAlreadyMember", { email: input.email });

    const invite = await db.$transaction((tx) => issueInvite(tx, { operatorId: operator.id }, input.email, actor!.userId));
    return { id: invite.id, email: input.email, token: invite.token, expiresAt: invite.expiresAt.toISOString() };
  },
});

export const revokeInvite = defineAction({
  name: "invite.revoke",
  input: z.object({ inviteId: z.string().trim().min(1, "required").max(64, "required") }),
  allow: MANAGERS,
  async run({ actor }, input) {
    const invite = await db.invite.findUnique({
      where: { id: input.inviteId },
      select: { id: true, operatorId: true, email: true, acceptedAt: true },
    });
    // An organisation's invitation is revoked through organisation.invite.revoke.
    if (!invite?.operatorId || !canManageOperator(actor, invite.operatorId)) throw notFound();
    if (invite.acceptedAt) throw new ActionError("inviteAccepted");
    await db.$transaction(async (tx) => {
      const deleted = await tx.invite.deleteMany({ where: { id: invite.id, acceptedAt: null } });
      if (deleted.count !== 1) throw new ActionError("inviteAccepted");
      await writeAudit(tx, {
        userId: actor!.userId,
        action: "invite.revoke",
        entity: "Invite",
        entityId: invite.id,
        detail: { operatorId: invite.operatorId, email: invite.email },
      });
    });
    return { id: invite.id };
  },
});

export const acceptInviteAction = defineAction({
  name: "invite.accept",
  input: z.object({ token: z.string().trim().min(1, "inviteInvalid").max(100, "inviteInvalid") }),
  allow: "signedIn",
  async run({ actor }, input) {
    const result = await db.$transaction((tx) => acceptInvite(tx, input.token, actor!.userId));
    return "operatorSlug" in result
      ? { operatorSlug: result.operatorSlug, promoted: result.promoted }
      : { organisationId: result.organisationId, promoted: result.promoted };
  },
});
