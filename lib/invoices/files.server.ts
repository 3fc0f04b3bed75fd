import "server-only";
// The issued invoice's PDF in the file store (lib/storage: the local disk, or S3 when configured),
// under invoices/<operatorId>/<random>.pdf. Checked by its content before it is stored
// (./rules.ts pdfProblem); served only by /api/invoices/<id>/file to the order's buyer, the seller's
// managers and admins, never by /api/files (no policy there: 404).
import { ActionError } from "@/lib/errors";
import { getFileStore, randomName } from "@/lib/storage/store.server";
import { INVOICE_KEY, INVOICE_PDF_MAX_BYTES, invoiceFileName, pdfProblem } from "./rules";

export async function storeInvoicePdf(operatorId: string, file: File): Promise<{ key: string; name: string; bytes: number }> {
  // The size the browser declares first, so a 100 MB upload is refused before it is read.
  if (file.size > INVOICE_PDF_MAX_BYTES) throw new ActionError("invoicePdfTooLarge");
  const bytes = new Uint8Array(await file.arrayBuffer());
  const problem = pdfProblem(bytes);
  if (problem) throw new ActionError(problem);
  const key = `invoices/${operatorId}/${randomName()}.pdf`;
  await getFileStore().put(key, bytes, "application/pdf");
  return { key, name: invoiceFileName(file.name, "invoice.pdf"), bytes: bytes.byteLength };
}

export async function discardInvoicePdf(key: string): Promise<void> {
  await getFileStore().delete(key);
}

export async function readInvoicePdf(key: string): Promise<Uint8Array | null> {
  if (!INVOICE_KEY.test(key)) return null;
  const file = await getFileStore().get(key);
  return file ? new Uint8Array(file.bytes) : null;
}
