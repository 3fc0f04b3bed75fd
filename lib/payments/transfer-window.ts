// 对公转账: how long an order paid by bank transfer holds its stock, and its reference (附言). Pure.
//
// A unit's finance office pays on working days, and the money takes a day to arrive: the stock is
// held until the end (23:59:59, Shanghai) of the third working day after the day of the order.
// Saturdays and Sundays are skipped; public holidays (and the weekend days worked in their place)
// are not known here, so an order placed before 国庆 may be released during the holiday.
import { randomInt } from "node:crypto";
import { shanghaiDayEnd, toShanghaiYmd } from "@/lib/time/shanghai";

export const TRANSFER_WORKING_DAYS = 3;

/** The end of the `days`-th working day (Mon–Fri) after the Shanghai day of `placedAt`. */
export function transferDeadline(placedAt: Date, days = TRANSFER_WORKING_DAYS): Date {
  const ymd = toShanghaiYmd(placedAt);
  const day = new Date(`${ymd}T00:00:00Z`);
  let left = days;
  while (left > 0) {
    day.setUTCDate(day.getUTCDate() + 1);
    const weekday = day.getUTCDay();
    if (weekday !== 0 && weekday !== 6) left--;
  }
  return shanghaiDayEnd(day.toISOString().slice(0, 10));
}

// No look-alikes (0/O, 1/I/L), as order numbers: people copy it by hand into their bank's form.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
/** ZZ (转账) and 8 characters: 31^8 ≈ 850 billion; the column is unique and checkout draws again on a clash. */
export const TRANSFER_REFERENCE = /^ZZ[2-9A-HJKMNP-Z]{8}$/u;

export function newTransferReference(): string {
  let out = "ZZ";
  for (let i = 0; i < 8; i++) out += ALPHABET[randomInt(ALPHABET.length)];
  return out;
}
