// The rules of a listing's life, pure (no database): which status a new, edited, submitted or
// duplicated product has, and how its slug is made. The actions in lib/coop/listing-actions.ts
// apply them inside transactions; certification itself lives in ./certification.ts.
import { randomBytes } from "node:crypto";
import type { ProductStatus } from "@/lib/generated/prisma/enums";

export const STATUSES = ["DRAFT", "PENDING_CERTIFICATION", "CERTIFIED", "REJECTED"] as const satisfies readonly ProductStatus[];

/** A new listing (and a duplicate) starts as a draft: not yet sent to the county for certification. */
export const INITIAL_STATUS: ProductStatus = "DRAFT";

/** Photos per product, bytes per photo. */
export const MAX_PHOTOS = 8;
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

/** A stock figure at or below this is highlighted in the console. */
export const LOW_STOCK = 10;

export type SubmitResult = { ok: true; status: "PENDING_CERTIFICATION" } | { ok: false; error: "alreadyPending" | "alreadyCertified" };

/** Submitting for certification: a draft or a rejected listing goes to the county office. */
export function submitForCertification(status: ProductStatus): SubmitResult {
  switch (status) {
    case "DRAFT":
    case "REJECTED":
      return { ok: true, status: "PENDING_CERTIFICATION" };
    case "PENDING_CERTIFICATION":
      return { ok: false, error: "alreadyPending" };
    case "CERTIFIED":
      return { ok: false, error: "alreadyCertified" };
  }
}

/**
 * The fields whose change ends a certification: the office certified this product (what it is:
 * names, category, unit, size, GI mark) at this price from this village. Only the descriptions
 * may change freely.
 */
export interface EditChange {
  priceChanged: boolean;
  villageChanged: boolean;
  identityChanged?: boolean;
}

export const IDENTITY_FIELDS = ["nameZh", "nameEn", "category", "unitZh", "unitEn", "specZh", "specEn", "giMarkId"] as const;

/**
 * The status after an edit. A certified product whose identity, price or origin village changes
 * goes back to the office (PENDING_CERTIFICATION); a description edit keeps the status it had.
 */
export function statusAfterEdit(status: ProductStatus, change: EditChange): ProductStatus {
  if (status === "CERTIFIED" && (change.priceChanged || change.villageChanged || change.identityChanged)) return "PENDING_CERTIFICATION";
  return status;
}

/** Does an edit with these changes end the product's certification? (The form warns before.) */
export function editNeedsRecertification(status: ProductStatus, change: EditChange): boolean {
  return statusAfterEdit(status, change) !== status;
}

/** What a status allows: shown as buttons in the console. */
export function canSubmit(status: ProductStatus): boolean {
  return submitForCertification(status).ok;
}

/** "Gangu Dried Chili 500 g" → "gangu-dried-chili-500-g". Latin letters and digits only. */
export function slugBase(nameEn: string): string {
  const base = nameEn
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/gu, "") // accents: é → e
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, "-")
    .replace(/^-+|-+$/gu, "")
    .slice(0, 60)
    .replace(/-+$/u, "");
  return base || "product";
}

const SUFFIX_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"; // no 0/o, 1/l

/** A short random suffix: 6 characters of a 32-letter alphabet (about 10⁹ choices). */
export function slugSuffix(bytes: Uint8Array = randomBytes(6)): string {
  return [...bytes.slice(0, 6)].map((b) => SUFFIX_ALPHABET[b % 32]).join("");
}

/** The slug of a new listing: its English name and a random suffix (the caller retries on a clash). */
export function makeSlug(nameEn: string, suffix = slugSuffix()): string {
  return `${slugBase(nameEn)}-${suffix}`;
}

/** The storefront's product URLs accept exactly these slugs. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,99}$/u;

/** The names of a duplicate: marked as a copy, within the 60-character limit. */
export function duplicateNames(p: { nameZh: string; nameEn: string }, maxLength = 60): { nameZh: string; nameEn: string } {
  const mark = (name: string, suffix: string) => `${name.slice(0, Math.max(0, maxLength - suffix.length)).trimEnd()}${suffix}`;
  return { nameZh: mark(p.nameZh, "（副本）"), nameEn: mark(p.nameEn, " (copy)") };
}

/**
 * The fields a duplicate starts with: the same listing as a new draft, unlisted, with no stock
 * (stock is counted, never copied) and nothing of the original's certification.
 */
export function duplicateState(): { status: ProductStatus; stock: 0; listed: false; certifiedUntil: null; reviewNote: null; soldCount: 0 } {
  return { status: INITIAL_STATUS, stock: 0, listed: false, certifiedUntil: null, reviewNote: null, soldCount: 0 };
}
