import "server-only";
// The evidence of a GI-mark authorisation (the licence to use the mark): PDF, JPEG or PNG by its
// first bytes, at most 5 MB, stored under gimarks/<random>.<ext> and served to admins only.
import { DOCUMENT_MAX_BYTES, sniffDocument } from "@/lib/applications/documents";
import { ActionError } from "@/lib/errors";
import { fileUrl, getFileStore, randomName } from "@/lib/storage/store.server";

export { EVIDENCE_KEY } from "./evidence";

export async function storeEvidence(file: File): Promise<{ url: string; discard: () => Promise<void> }> {
  if (file.size > DOCUMENT_MAX_BYTES) throw new ActionError("documentTooLarge");
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.byteLength > DOCUMENT_MAX_BYTES) throw new ActionError("documentTooLarge");
  const kind = sniffDocument(bytes);
  if (!kind) throw new ActionError("documentType");
  const key = `gimarks/${randomName()}.${kind.ext}`;
  await getFileStore().put(key, bytes, kind.contentType);
  return { url: fileUrl(key), discard: () => getFileStore().delete(key) };
}
