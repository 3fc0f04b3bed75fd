import "server-only";
// Stores a payout's proof file: checked by its first bytes (PDF, JPEG, PNG) and size, written
// under payouts/<operatorId>/<random>.<ext>, served by /api/files/payouts/… to the operator's
// managers, the officers of its county and admins only (see proof-access.server.ts).
import { ActionError } from "@/lib/errors";
import { fileUrl, getFileStore, randomName } from "@/lib/storage/store.server";
import { PAYOUT_PROOF_PREFIX, PROOF_MAX_BYTES, sniffProof } from "./proof";

/** Returns the proof's URL (/api/files/payouts/…). Refuses files that are not PDF/JPEG/PNG or too large. */
export async function storePayoutProof(operatorId: string, file: File): Promise<{ key: string; url: string }> {
  if (file.size > PROOF_MAX_BYTES) throw new ActionError("payoutProofTooLarge");
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes.byteLength === 0) throw new ActionError("payoutProofRequired");
  if (bytes.byteLength > PROOF_MAX_BYTES) throw new ActionError("payoutProofTooLarge");
  const kind = sniffProof(bytes);
  if (!kind) throw new ActionError("payoutProofType");
  const key = `${PAYOUT_PROOF_PREFIX}${operatorId}/${randomName()}.${kind.ext}`;
  await getFileStore().put(key, bytes, kind.contentType);
  return { key, url: fileUrl(key) };
}

/** Removes a stored proof whose payout could not be saved. */
export async function discardPayoutProof(key: string): Promise<void> {
  await getFileStore().delete(key);
}
