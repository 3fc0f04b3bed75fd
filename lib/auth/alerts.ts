// Security alerts: an audit row of its own kind that the admin sees on /admin/security, and a
// hook for mail to the people concerned: lib/notifications/security.ts registers the outbox here
// (setSecurityMailer, from instrumentation.ts), which writes each alert's mails as security mails
// (they cannot be turned off). Without a mailer (a script, a test that did not register one) the
// alert is only logged.
import { writeAudit } from "@/lib/audit/audit";
import type { Db } from "@/lib/db/client";

export type SecurityMail =
  /** To the account's owner: many failed sign-ins; the next ones need a challenge. */
  | { kind: "signInUnderAttack"; email: string }
  /** To the county's other officers and the admins: an officer revealed many ID numbers. */
  | { kind: "revealAlert"; officerUserId: string; countyId: string | null; revealsLastHour: number }
  /** To the account's owner: every other session was ended (from the account page). */
  | { kind: "sessionsEnded"; email: string };

/** `eventId` names the alert (its audit row, or the session version): one alert, one mail per reader. */
type Mailer = (db: Db, mail: SecurityMail, eventId: string) => Promise<void>;
const holder = globalThis as { xiaokangSecurityMailer?: Mailer };

/** The outbox registers itself here (lib/notifications/security.ts, from instrumentation.ts). */
export function setSecurityMailer(mailer: Mailer | undefined): void {
  holder.xiaokangSecurityMailer = mailer;
}

async function mail(db: Db, message: SecurityMail, eventId: string): Promise<void> {
  if (holder.xiaokangSecurityMailer) await holder.xiaokangSecurityMailer(db, message, eventId);
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
  const row = await writeAudit(db, { userId: null, action: "security.signInChallenged", entity: "User", entityId: user.id, detail: {} });
  await mail(db, { kind: "signInUnderAttack", email }, row.id);
}

export async function notifyRevealAlert(
  db: Db,
  officerUserId: string,
  countyId: string | null,
  revealsLastHour: number,
  householdId: string,
): Promise<void> {
  const row = await writeAudit(db, {
    userId: officerUserId,
    action: "security.revealAlert",
    entity: "Household",
    entityId: householdId,
    detail: { revealsLastHour, countyId },
  });
  await mail(db, { kind: "revealAlert", officerUserId, countyId, revealsLastHour }, row.id);
}

/** Every other session of the account ended (the session version `version` is the event): its owner is told. */
export async function notifySessionsEnded(db: Db, email: string, version: number | string): Promise<void> {
  await mail(db, { kind: "sessionsEnded", email }, `${email}:${version}`);
}
