import "server-only";
import { revalidateTag } from "next/cache";
import { reviewsTag, tags } from "./cache-tags";

/** After any change to what the storefront shows: the next visit renders fresh (no stale page). */
export function catalogChanged() {
  revalidateTag(tags.catalog, { expire: 0 });
}

/** After a sale, refund or allocation: the home page counters. */
export function statsChanged() {
  revalidateTag(tags.stats, { expire: 0 });
}

/**
 * After a review is written, replied to or hidden: that product's pages (its page and its reviews
 * pages carry the tag). Product cards elsewhere show the average as of their last render (at most
 * the 300 s revalidation), so one review does not throw away every catalogue page.
 */
export function reviewsChanged(productId: string) {
  revalidateTag(reviewsTag(productId), { expire: 0 });
}
