// Verified reviews (评价): the limits and the input schemas. Messages are keys under `errors.`.
import { z } from "zod";

export const REVIEW_MAX_CHARS = 500;
export const REPLY_MAX_CHARS = 500;
export const HIDE_REASON_MAX_CHARS = 200;
export const MAX_REVIEW_PHOTOS = 4;
/** Reviews per page of a product's reviews (the product page shows the first few). */
export const REVIEWS_PER_PAGE = 10;
export const REVIEWS_ON_PRODUCT_PAGE = 3;

const id = z.string().trim().min(1, "required").max(64, "required");
const fileLike = z.custom<Blob>((v) => typeof Blob !== "undefined" && v instanceof Blob, "photoMissing");

/** Text as typed: line ends made "\n", other control characters removed, trimmed. Stored as text, rendered as text. */
export function cleanText(value: string): string {
  return value
    .replace(/\r\n?/g, "\n")
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** Characters as a person counts them (a Chinese character or an emoji is one). */
export const charCount = (text: string) => [...text].length;

export const reviewInput = z.object({
  orderLineId: id,
  stars: z.coerce.number("reviewStars").int("reviewStars").min(1, "reviewStars").max(5, "reviewStars"),
  body: z
    .string()
    .default("")
    .transform(cleanText)
    .refine((v) => charCount(v) <= REVIEW_MAX_CHARS, "reviewTextTooLong"),
  photos: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z
      .array(z.union([fileLike, z.string()]))
      // An empty file input sends one empty, nameless file (or an empty string): nothing chosen.
      .transform((list) => list.filter((f): f is Blob => typeof f !== "string" && !(f.size === 0 && !(f as File).name)))
      .pipe(z.array(fileLike).max(MAX_REVIEW_PHOTOS, "reviewPhotoTooMany")),
  ),
});
export type ReviewInput = z.output<typeof reviewInput>;

export const replyInput = z.object({
  reviewId: id,
  reply: z
    .string("replyEmpty")
    .transform(cleanText)
    .refine((v) => v.length > 0, "replyEmpty")
    .refine((v) => charCount(v) <= REPLY_MAX_CHARS, "replyTooLong"),
});

export const hideInput = z.object({
  reviewId: id,
  reason: z
    .string("hideReasonRequired")
    .transform(cleanText)
    .refine((v) => v.length > 0, "hideReasonRequired")
    .refine((v) => charCount(v) <= HIDE_REASON_MAX_CHARS, "hideReasonRequired"),
});

/** The average of the visible reviews, one decimal (4.3); null when there is none. */
export function averageStars(count: number, stars: number): number | null {
  if (count <= 0) return null;
  return Math.round((stars * 10) / count) / 10;
}
