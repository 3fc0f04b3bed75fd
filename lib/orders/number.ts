// Order numbers people read out on the phone: XK, the date in Shanghai, 8 characters without
// look-alikes (no 0/O, 1/I/L). 31^8 ≈ 850 billion a day, so even a livestream's 13,400 orders
// clash with odds of about 1 in 10,000; the column is unique and checkout draws again if so.
import { randomInt } from "node:crypto";

const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "2-digit", month: "2-digit", day: "2-digit" });

export function newOrderNumber(at = new Date()): string {
  let suffix = "";
  for (let i = 0; i < 8; i++) suffix += ALPHABET[randomInt(ALPHABET.length)];
  return `XK${day.format(at).replaceAll("-", "")}${suffix}`;
}

/** Numbers made before the suffix grew to 8 characters had 6. */
export const ORDER_NUMBER = /^XK\d{6}[2-9A-HJKMNP-Z]{6}(?:[2-9A-HJKMNP-Z]{2})?$/;
