import "server-only";
// Stores an application's documents before its transaction (files cannot roll back): each is
// checked by its first bytes and size; if the transaction then fails, discardDocuments removes them.
import { ActionError } from "@/lib/errors";
import { fileUrl, getFileStore, keyOfUrl, randomName } from "@/lib/storage/store.server";
import type { ApplicationDocumentKind } from "@/lib/generated/prisma/enums";
import type { StoredDocument } from "./applications";
import { displayFileName, DOCUMENT_MAX_BYTES, DOCUMENT_PREFIX, sniffDocument } from "./documents";

/** Checks every file first (nothing is stored when one is refused), then stores them all. */
export async function storeDocuments(files: { kind: ApplicationDocumentKind; file: File }[]): Promise<StoredDocument[]> {
  const checked: { kind: ApplicationDocumentKind; bytes: Uint8Array; ext: string; contentType: string; name: string }[] = [];
  for (const { kind, file } of files) {
    if (file.size > DOCUMENT_MAX_BYTES) throw new ActionError("documentTooLarge", { field: kind });
    const bytes = new Uint8Array(await file.arrayBuffer());
    if (bytes.byteLength === 0) throw new ActionError("documentRequired");
    if (bytes.byteLength > DOCUMENT_MAX_BYTES) throw new ActionError("documentTooLarge");
    const type = sniffDocument(bytes);
    if (!type) throw new ActionError("documentType");
    checked.push({ kind, bytes, ext: type.ext, contentType: type.contentType, name: displayFileName(file.name) });
  }
  const stored: StoredDocument[] = [];
  try {
    for (const c of checked) {
      const key = `${DOCUMENT_PREFIX}${randomName()}.${c.ext}`;
      await getFileStore().put(key, c.bytes, c.contentType);
      stored.push({ kind: c.kind, url: fileUrl(key), contentType: c.contentType, sizeBytes: c.bytes.byteLength, fileName: c.name });
    }
  } catch (error) {
    await discardDocuments(stored);
    throw error;
  }
  return stored;
}

export async function discardDocuments(documents: StoredDocument[]): Promise<void> {
  for (const d of documents) {
    const key = keyOfUrl(d.url);
    if (key) await getFileStore().delete(key);
  }
}
