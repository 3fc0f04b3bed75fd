import "server-only";
// What the order page and the seller's 发票 tab read about invoices, bound to this process's database.
import { canManageOperator, type Actor } from "@/lib/auth/actor";
import { db, withDb } from "@/lib/db/db.server";
import { mayOpenOrder } from "@/lib/orders/access";
import { orderInvoices, pendingInvoiceCounts, sellerInvoices } from "./invoices";

export const invoicesOfOrder = withDb(orderInvoices);
export const invoicesOfSeller = withDb(sellerInvoices);
export const invoiceCountsOf = withDb(pendingInvoiceCounts);

/** The invoice's stored PDF if this caller may read it: the order's buyer (owner, admin, or the order's link), the seller's managers. */
export async function invoiceFileFor(actor: Actor | null, invoiceId: string, token: string | null) {
  const invoice = await db.invoice.findUnique({
    where: { id: invoiceId },
    select: { id: true, operatorId: true, fileKey: true, fileName: true, status: true, order: { select: { id: true, userId: true } } },
  });
  if (!invoice?.fileKey) return null;
  if (!mayOpenOrder(actor, invoice.order, token) && !canManageOperator(actor, invoice.operatorId)) return null;
  return { key: invoice.fileKey, name: invoice.fileName ?? "invoice.pdf" };
}
