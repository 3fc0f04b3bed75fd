import "server-only";
// The reviews area's façade: a product's reviews cached under its own tag (reviewsTag), so a new
// review refreshes that product's pages and nothing else; the console's and the admin's lists.
import { unstable_cache } from "next/cache";
import { reviewsTag, tags } from "@/lib/catalog/cache-tags";
import { db } from "@/lib/db/db.server";
import { adminReviews, isVisibleReviewPhoto as isVisibleReviewPhotoOf, operatorReviews, orderReviewState, productReviews } from "./reviews";

/** A product's visible reviews, one page; cached with the catalogue (tag catalog) and its own tag. */
export function getProductReviews(productId: string, page = 1, perPage?: number) {
  return unstable_cache(
    () => productReviews(db, productId, page, perPage),
    ["productReviews", productId, String(page), String(perPage ?? "")],
    {
      tags: [tags.catalog, reviewsTag(productId)],
      revalidate: 300,
    },
  )();
}

export const reviewStateOfOrder = (userId: string, orderId: string) => orderReviewState(db, userId, orderId);
export const reviewsOfOperator = (operatorId: string, page: number) => operatorReviews(db, operatorId, page);
export const reviewsForAdmin = (page: number) => adminReviews(db, page);
export const isVisibleReviewPhoto = (key: string) => isVisibleReviewPhotoOf(db, key);
