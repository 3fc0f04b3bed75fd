// The audit trail: who did what to which object, written in the same transaction as the change.
// Every action name is in AUDIT_ACTIONS, so a history page or an audit viewer can list them all
// and a typo is a type error rather than a row nobody finds.
import type { Prisma } from "@/lib/generated/prisma/client";

export const AUDIT_ACTIONS = [
  "product.create",
  "product.update",
  "product.duplicate",
  "product.submit",
  "product.list",
  "product.delist",
  "product.photo.upload",
  "product.photo.move",
  "product.photo.remove",
  "product.certify",
  "product.reject",
  "product.revoke",
  "stock.adjust",
  "order.ship",
  "order.deliver",
  "order.paidAfterCancel",
  "link.create",
  "link.end",
  "link.delete",
  "payout.create",
  "invite.create",
  "invite.revoke",
  "invite.accept",
  "household.import",
  "household.export",
  "household.reveal",
  "household.status",
  "household.update",
  // Security alerts (lib/auth/alerts.ts ALERT_ACTIONS), listed for the admin on /admin/security.
  "security.signInChallenged",
  "security.revealAlert",
  "security.importCrossCounty",
  "security.signInCleared",
  "order.confirmReceipt",
  "order.autoConfirmReceipt",
  "password.reset",
  "email.verify",
  // Operating the platform (issue 10)
  "application.submit",
  "application.resubmit",
  "application.recommend",
  "application.return",
  "application.reject",
  "application.approve",
  "operator.create",
  "operator.suspend",
  "operator.reinstate",
  "operator.update",
  "operator.creditCode",
  "user.create",
  "user.role",
  "user.disable",
  "user.passwordResetSent",
  "user.enable",
  "review.hide",
  "region.create",
  "region.rename",
  "region.delete",
  "giMark.create",
  "giMark.authorise",
  "giMark.revoke",
  "settlement.payout",
  "campaign.create",
  "campaign.update",
  "campaign.publish",
  "campaign.cancel",
  "search.synonyms.save",
  "search.synonyms.delete",
  "shipping.rule.save",
  // Buyer organisations (issue 15)
  "organisation.create",
  "organisation.update",
  "organisation.disable",
  "organisation.enable",
  "organisation.manager.add",
  "organisation.member.remove",
  "organisation.member.role",
  "organisation.budget.declare",
  "quotaRate.set",
  "quotaRate.delete",
  // After-sales (lib/after-sales/requests.ts)
  "afterSale.open",
  "afterSale.accept",
  "afterSale.propose",
  "afterSale.refuse",
  "afterSale.acceptOffer",
  "afterSale.escalate",
  "afterSale.autoEscalate",
  "afterSale.decide",
  // Invoices (lib/invoices) and bank transfers (lib/payments/transfer.ts)
  "invoice.request",
  "invoice.cancel",
  "invoice.issue",
  "invoice.flagReversal",
  "invoice.reverse",
  "transfer.received",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  /** Who acted; null or absent for the system (a webhook, the sweeper). */
  userId?: string | null;
  action: AuditAction;
  /** The model name of the object ("Product", "Household", "County"…) and its id. */
  entity: string;
  entityId: string;
  detail?: Prisma.InputJsonValue;
}

/** The database client or an open transaction: anything with the audit table. */
type AuditWriter = Pick<Prisma.TransactionClient, "auditLog">;

/** Writes one audit row with the client or transaction given (the change's own transaction). */
export function writeAudit(client: AuditWriter, entry: AuditEntry) {
  return client.auditLog.create({ data: entry });
}
