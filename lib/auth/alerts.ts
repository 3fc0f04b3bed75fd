// Security alerts: an audit row of its own kind that the admin sees on /admin/security, and a
// hook for mail to the people concerned. Mail belongs to issue 12's outbox: when it lands, the
// mail hooks below queue a message (set with setSecurityMailer); until then they only log.
import { writeAudit } from "@/lib/audit/audit";
import type { Db } from "@/lib/db/client";

export type SecurityMail =
  /** To the account's owner: many failed sign-ins; the next ones need a challenge. */
  | { kind: "signInUnderAttack"; email: string }
  /** To the county's other officers and the admins: an officer revealed many ID numbers. */
  | { kind: "revealAlert"; officerUserId: string; countyId: string | null; revealsLastHour: number };

type Mailer = (db: Db, mail: SecurityMail) => Promise<void>;
const holder = globalThis as { xiaokangSecurityMailer?: Mailer };

/** Issue 12's outbox registers itself here (e.g. from instrumentation or its module's top level). */
export function setSecurityMailer(mailer: Mailer | undefined): void {
  holder.xiaokangSecurityMailer = mailer;
}

async function mail(db: Db, message: SecurityMail): Promise<void> {
  if (holder.xiaokangSecurityMailer) await holder.xiaokangSecurityMailer(db, message);
  else console.warn(`[security] ${message.kind} (no mailer configured yet)`);
}

/** AuditLog action names of security alerts (the admin's list on /admin/security shows these). */
export const ALERT_ACTIONS = [
  "security.signInChallenged",
  "security.revealAlert",
  "security.importCrossCounty",
  "security.signInCleared",
] as const;

/** The account reached the challenge threshold: an alert row and a mail to its owner. */
export async function notifyAccountUnderAttack(db: Db, email: string): Promise<void> {
  const user = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (!user) return;
  await writeAudit(db, { userId: null, action: "security.signInChallenged", entity: "User", entityId: user.id, detail: {} });
  await mail(db, { kind: "signInUnderAttack", email });
}

export async function notifyRevealAlert(
  db: Db,
  officerUserId: string,
  countyId: string | null,
  revealsLastHour: number,
  householdId: string,
): Promise<void> {
  await writeAudit(db, {
    userId: officerUserId,
    action: "security.revealAlert",
    entity: "Household",
    entityId: householdId,
    detail: { revealsLastHour, countyId },
  });
  await mail(db, { kind: "revealAlert", officerUserId, countyId, revealsLastHour });
}
