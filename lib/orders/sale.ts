// Small rules of a sale that the checkout, the fulfilment and the reports share.
import type { ProductStatus } from "@/lib/generated/prisma/enums";

/** A product counts as an assistance sale (消费帮扶) when it is CERTIFIED and its certification has not lapsed. */
export function isCertifiedAt(product: { status: ProductStatus; certifiedUntil: Date | null }, at: Date): boolean {
  return product.status === "CERTIFIED" && (product.certifiedUntil === null || product.certifiedUntil.getTime() >= at.getTime());
}

/**
 * Whether the storefront sells this product: listed by its operator. Certification only decides
 * whether the sale counts as consumption assistance (a listed product may be uncertified).
 */
export function isOnSale(product: { listed: boolean }): boolean {
  return product.listed;
}

/** How long stock is held for an unpaid order. Stripe's Checkout Sessions live at least 30 minutes. */
export const RESERVATION_MS = 31 * 60 * 1000;
/** The sweeper waits this long past a reservation's end for the provider's expiry event first. */
export const SWEEP_GRACE_MS = 2 * 60 * 1000;
