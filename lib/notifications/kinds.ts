// The kinds of notification, the category a user turns on or off, and the channels each may use.
// Security mails (a reset link, an address check, "someone tried to sign up with your address")
// are sent only because the user (or someone using the address) asked: they cannot be turned off.

export const CATEGORIES = ["orders", "sales", "products", "applications", "security"] as const;
export type Category = (typeof CATEGORIES)[number];
/** The categories a user may turn off (security mails and an application's decisions answer the user's own request). */
export const OPTIONAL_CATEGORIES = ["orders", "sales", "products"] as const satisfies readonly Category[];
export type OptionalCategory = (typeof OPTIONAL_CATEGORIES)[number];

export const KINDS = {
  "order.paid": "orders",
  "order.shipped": "orders",
  "order.delivered": "orders",
  "refund.made": "orders",
  "aftersale.opened": "sales",
  "aftersale.answered": "orders",
  "aftersale.escalated": "sales",
  "aftersale.decided": "orders",
  "stock.low": "sales",
  "application.recommended": "applications",
  "application.approved": "applications",
  "application.returned": "applications",
  "security.signInChallenged": "security",
  "security.revealAlert": "security",
  "security.sessionsEnded": "security",
  "invoice.issued": "orders",
  "sale.new": "sales",
  "review.new": "sales",
  "product.certified": "products",
  "product.rejected": "products",
  "password.reset": "security",
  "password.changed": "security",
  "email.verify": "security",
  "account.exists": "security",
} as const satisfies Record<string, Category>;
export type Kind = keyof typeof KINDS;

export const categoryOf = (kind: Kind): Category => KINDS[kind];
export const isOptional = (category: string): category is OptionalCategory => (OPTIONAL_CATEGORIES as readonly string[]).includes(category);

/** Kinds that also go out as a text message to the order's mobile number, when an SMS provider is set. */
export const SMS_KINDS: readonly Kind[] = ["order.shipped", "order.delivered"];
