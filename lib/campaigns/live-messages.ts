// The texts of the `errors` namespace that the campaign page's buy box (components/live/LiveBuy.tsx)
// can show: the address and e-mail checks of reserveSchema, and the codes the live routes answer
// with. The page sends only these to the browser: the whole namespace is ~300 texts, 23 KB of the
// page's 50 KB of HTML. What else the box says is in the `live` namespace (its `errors` too).
export const LIVE_ERROR_KEYS = [
  // reserveSchema: the address (lib/orders/address.ts) and a guest's e-mail
  "recipientRequired",
  "recipientTooLong",
  "mobileInvalid",
  "provinceRequired",
  "provinceUnknown",
  "cityRequired",
  "cityUnknown",
  "districtRequired",
  "districtUnknown",
  "addressTooShort",
  "addressTooLong",
  "emailInvalid",
  "emailRequired",
  // the live routes' answers (reserve-http.ts, app/api/live/*, lib/http)
  "soldOut",
  "busy",
  "invalidInput",
  "forbidden",
  "notFound",
  "paymentUnavailable",
  "serviceBusy",
  "tooLarge",
  "unexpected",
] as const;

/** The buy box's part of the `errors` namespace. */
export function liveErrorMessages(errors: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(LIVE_ERROR_KEYS.filter((key) => key in errors).map((key) => [key, errors[key]]));
}
