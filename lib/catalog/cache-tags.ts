// Cache tags of the storefront's cached pages. Whatever changes catalogue data calls
// revalidateTag with the matching tag, so the storefront shows the change at once.
export const tags = {
  catalog: "catalog", // every product list, product, operator and county page, facets, counters
  stats: "stats", // home page counters (sales, households reached)
} as const;

/** One product's reviews (its page's review section and its reviews pages): a new, replied or hidden review. */
export const reviewsTag = (productId: string) => `reviews:${productId}`;
