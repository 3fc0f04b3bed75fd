// Order numbers people read out on the phone: XK, the date in Shanghai, 6 characters without
// look-alikes (no 0/O, 1/I/L). 31^6 ≈ 887 million a day; the column is unique all the same.
import { randomInt } from "node:crypto";

const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const day = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "2-digit", month: "2-digit", day: "2-digit" });

export function newOrderNumber(at = new Date()): string {
  let suffix = "";
  for (let i = 0; i < 6; i++) suffix += ALPHABET[randomInt(ALPHABET.length)];
  return `XK${day.format(at).replaceAll("-", "")}${suffix}`;
}

export const ORDER_NUMBER = /^XK\d{6}[2-9A-HJKMNP-Z]{6}$/;
