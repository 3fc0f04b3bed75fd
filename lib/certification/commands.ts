// Certification of a product as a 消费帮扶产品 by the county office (县乡村振兴局). The office
// console calls these; so do tests. Each writes the status and an AuditLog row in one transaction,
// and only from PENDING_CERTIFICATION (a draft, or a product already decided, is refused);
// a revocation only from CERTIFIED.
// The caller checks who may certify (an officer of the product's county) and, after success,
// calls catalogChanged() so the storefront shows the new status at once.
import { ActionError } from "@/lib/errors";
import type { Db } from "@/lib/db/client";
import { writeAudit } from "@/lib/audit/audit";

export async function certifyProduct(db: Db, productId: string, { until, userId }: { until: Date; userId: string | null }) {
  if (!(until instanceof Date) || Number.isNaN(until.getTime())) throw new ActionError("invalidInput");
  return db.$transaction(async (tx) => {
    const updated = await tx.product.updateMany({
      where: { id: productId, status: "PENDING_CERTIFICATION" },
      data: { status: "CERTIFIED", certifiedUntil: until, reviewNote: null },
    });
    if (updated.count === 0) {
      const exists = await tx.product.findUnique({ where: { id: productId }, select: { id: true } });
      throw new ActionError(exists ? "notPending" : "notFound");
    }
    await writeAudit(tx, {
      userId,
      action: "product.certify",
      entity: "Product",
      entityId: productId,
      detail: { until: until.toISOString() },
    });
    return { id: productId, status: "CERTIFIED" as const, certifiedUntil: until };
  });
}

export async function rejectProduct(db: Db, productId: string, { note, userId }: { note: string; userId: string | null }) {
  const reason = note.trim().slice(0, 500);
  if (!reason) throw new ActionError("required");
  return db.$transaction(async (tx) => {
    const updated = await tx.product.updateMany({
      where: { id: productId, status: "PENDING_CERTIFICATION" },
      data: { status: "REJECTED", certifiedUntil: null, reviewNote: reason },
    });
    if (updated.count === 0) {
      const exists = await tx.product.findUnique({ where: { id: productId }, select: { id: true } });
      throw new ActionError(exists ? "notPending" : "notFound");
    }
    await writeAudit(tx, { userId, action: "product.reject", entity: "Product", entityId: productId, detail: { note: reason } });
    return { id: productId, status: "REJECTED" as const };
  });
}

/** Withdraws a certification (CERTIFIED → REJECTED, with the reason the operator sees). */
export async function revokeCertification(db: Db, productId: string, { note, userId }: { note: string; userId: string | null }) {
  const reason = note.trim().slice(0, 500);
  if (!reason) throw new ActionError("required");
  return db.$transaction(async (tx) => {
    const before = await tx.product.findUnique({ where: { id: productId }, select: { certifiedUntil: true } });
    const updated = await tx.product.updateMany({
      where: { id: productId, status: "CERTIFIED" },
      data: { status: "REJECTED", certifiedUntil: null, reviewNote: reason },
    });
    if (updated.count === 0) throw new ActionError(before ? "notCertified" : "notFound");
    await writeAudit(tx, {
      userId,
      action: "product.revoke",
      entity: "Product",
      entityId: productId,
      detail: { note: reason, wasUntil: before?.certifiedUntil?.toISOString() ?? null },
    });
    return { id: productId, status: "REJECTED" as const };
  });
}
