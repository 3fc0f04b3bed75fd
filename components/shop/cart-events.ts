// The header's cart badge reads the unit count from a cookie the cart actions set; after a
// change, components announce it with this event so the badge updates without a reload.
export const CART_EVENT = "xk-cart";

export function announceCartCount(units: number): void {
  window.dispatchEvent(new CustomEvent(CART_EVENT, { detail: units }));
}

export function cartCountFromCookie(): number {
  const match = /(?:^|;\s*)xk_cart_n=(\d+)/.exec(document.cookie);
  return match ? Number(match[1]) : 0;
}
