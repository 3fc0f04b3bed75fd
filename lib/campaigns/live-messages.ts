// The texts of the `errors` namespace that the campaign page's buy box (components/live/LiveBuy.tsx)
// can show: the address and e-mail checks of reserveSchema, and the codes the live routes answer
// with. The page sends only these to the browser: the whole namespace is ~300 texts, 23 KB of the
// page's 50 KB of HTML. What else the box says is in the `live` namespace (its `errors` too).
// The box gets them as a prop and fills them in with `translator` below, not through next-intl's
// client (its provider and ICU parser were 12 KB of the page's gzipped JavaScript and parsed each
// text in the browser): these texts only have {name} placeholders, which the test below holds.
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

/** The texts of `keys` that `messages` has. */
function pick(messages: Record<string, unknown>, keys: readonly string[]): Messages {
  return Object.fromEntries(keys.filter((key) => key in messages).map((key) => [key, messages[key]])) as Messages;
}

/** The buy box's part of the `errors` namespace. */
export function liveErrorMessages(errors: Record<string, unknown>): Messages {
  return pick(errors, LIVE_ERROR_KEYS);
}

/** The checkout form's texts the buy box's address fields use. */
export const LIVE_CHECKOUT_KEYS = [
  "choose",
  "recipient",
  "mobile",
  "province",
  "city",
  "district",
  "street",
  "email",
  "emailHint",
] as const;

export interface LiveTexts {
  live: Messages;
  checkout: Messages;
  errors: Messages;
}
export type Messages = { [key: string]: string | Messages };

/** What the campaign page sends its buy box, from the locale's messages. */
export function liveTexts(all: Record<string, unknown>): LiveTexts {
  return {
    live: all.live as Messages,
    checkout: pick((all.checkout ?? {}) as Record<string, unknown>, LIVE_CHECKOUT_KEYS),
    errors: liveErrorMessages((all.errors ?? {}) as Record<string, unknown>),
  };
}

export type Values = Record<string, string | number>;
export interface Translate {
  (key: string, values?: Values): string;
  has(key: string): boolean;
}

/**
 * `t("a.b", { count: 3 })` over one namespace's texts: {name} placeholders filled in, numbers in the
 * locale's format (as next-intl does); a missing text shows its key.
 */
export function translator(locale: string, messages: Messages): Translate {
  const number = new Intl.NumberFormat(locale);
  const get = (key: string) =>
    key.split(".").reduce<string | Messages | undefined>((m, k) => (m && typeof m === "object" ? m[k] : undefined), messages);
  const t = (key: string, values: Values = {}) => {
    const text = get(key);
    if (typeof text !== "string") return key;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = values[name];
      return value === undefined ? whole : typeof value === "number" ? number.format(value) : value;
    });
  };
  t.has = (key: string) => typeof get(key) === "string";
  return t;
}
