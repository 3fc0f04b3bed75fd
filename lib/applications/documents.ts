// The documents of an application (营业执照; SC 食品生产许可证 or 承诺达标合格证): PDF, JPEG or PNG,
// recognised by their first bytes (the payout proofs' sniffing), at most DOCUMENT_MAX_BYTES each.
// Stored under applications/<random>.<ext>; served only to the applicant, the county's officers and
// admins (lib/applications/access.server.ts). Pure.
export { sniffProof as sniffDocument } from "@/lib/benefits/proof";

/** 5 MB each: two documents stay under the server actions' 12 MB body limit (next.config.ts). */
export const DOCUMENT_MAX_BYTES = 5 * 1024 * 1024;
export const DOCUMENT_PREFIX = "applications/";
const KEY = /^applications\/[A-Za-z0-9_-]{16,64}\.(pdf|jpg|png)$/u;

export function isDocumentKey(key: string): boolean {
  return KEY.test(key);
}

/** A file name as shown in lists: no path, at most 120 characters. */
export function displayFileName(name: string): string {
  const base = name.split(/[\\/]/u).pop() ?? "";
  return base.replace(/[\u0000-\u001f]/gu, "").slice(0, 120) || "document";
}
