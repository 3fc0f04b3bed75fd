import "server-only";
import { revalidateTag } from "next/cache";
import { tags } from "./cache-tags";

/** After any change to what the storefront shows: the next visit renders fresh (no stale page). */
export function catalogChanged() {
  revalidateTag(tags.catalog, { expire: 0 });
}

/** After a sale, refund or allocation: the home page counters. */
export function statsChanged() {
  revalidateTag(tags.stats, { expire: 0 });
}
