// Proof of a payout (a bank slip, a signed list): PDF, JPEG or PNG, recognised by the file's
// first bytes, never by its name or the type the browser claims. Pure.

/** 10 MB: a phone photo of a bank slip is 2–6 MB. */
export const PROOF_MAX_BYTES = 10 * 1024 * 1024;

export type ProofKind = { ext: "pdf" | "jpg" | "png"; contentType: "application/pdf" | "image/jpeg" | "image/png" };

const startsWith = (bytes: Uint8Array, signature: number[]) => signature.every((b, i) => bytes[i] === b);

/** The kind of file these bytes are, or null when they are none of PDF, JPEG, PNG. */
export function sniffProof(bytes: Uint8Array): ProofKind | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { ext: "pdf", contentType: "application/pdf" }; // %PDF-
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { ext: "jpg", contentType: "image/jpeg" };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ext: "png", contentType: "image/png" };
  return null;
}

/** The storage key prefix of an operator's payout proofs; keys are `payouts/<operatorId>/<random>.<ext>`. */
export const PAYOUT_PROOF_PREFIX = "payouts/";

const KEY = /^payouts\/([A-Za-z0-9_-]{1,64})\/[A-Za-z0-9_-]{16,64}\.(pdf|jpg|png)$/;

/** The operator id of a payout proof key, or null for anything that is not such a key. */
export function operatorIdOfProofKey(key: string): string | null {
  return KEY.exec(key)?.[1] ?? null;
}
