// Who may open an order: its signed-in owner, or anyone holding the order's link. The link's
// token is derived from the order id with the app's secret (HMAC), so nothing needs storing and
// a guest who double-clicks Pay gets the same link twice.
import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env/env";

function secret(): string {
  const value = env().AUTH_SECRET;
  if (!value) throw new Error("AUTH_SECRET is not set (./start and ./test set it)");
  return value;
}

/** The order's link token; `key` is AUTH_SECRET when the caller already holds it (the livestream's hot path). */
export function orderAccessToken(orderId: string, key: string = secret()): string {
  return createHmac("sha256", key).update(`order-access:${orderId}`).digest("base64url").slice(0, 32);
}

export function isOrderAccessToken(orderId: string, token: string | null | undefined): boolean {
  if (!token) return false;
  const expected = Buffer.from(orderAccessToken(orderId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The order page's path for a guest (the locale prefix is added by the caller's link). */
export function orderPath(orderNumber: string, orderId: string): string {
  return `/orders/${encodeURIComponent(orderNumber)}?t=${orderAccessToken(orderId)}`;
}

/** May this caller open the order as its buyer: its signed-in owner, an admin, or whoever holds its link. */
export function mayOpenOrder(
  actor: { userId: string; role: string } | null,
  order: { id: string; userId: string | null },
  token: string | null | undefined,
): boolean {
  if (actor && (order.userId === actor.userId || actor.role === "ADMIN")) return true;
  return isOrderAccessToken(order.id, token);
}
