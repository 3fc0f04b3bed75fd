// Calendar days in China (Asia/Shanghai, UTC+8 all year: no daylight saving).
// A link's validFrom is the first instant of its first day and validTo the last instant of its
// last day, so "active now" is simply validFrom <= now <= validTo, as the storefront queries it.
// Pure; no database.

const OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const YMD = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-03-05" if it is a real calendar date, else null. */
export function parseYmd(text: string): { y: number; m: number; d: number } | null {
  const match = YMD.exec(text.trim());
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return { y, m, d };
}

export function isYmd(text: string): boolean {
  return parseYmd(text) !== null;
}

/** 00:00 in Shanghai on that day. */
export function shanghaiDayStart(ymd: string): Date {
  const p = parseYmd(ymd);
  if (!p) throw new RangeError(`not a date: ${ymd}`);
  return new Date(Date.UTC(p.y, p.m - 1, p.d) - OFFSET_MS);
}

/** 23:59:59.999 in Shanghai on that day. */
export function shanghaiDayEnd(ymd: string): Date {
  return new Date(shanghaiDayStart(ymd).getTime() + DAY_MS - 1);
}

/** The Shanghai calendar date of an instant: "2026-03-05". */
export function toShanghaiYmd(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 10);
}

/** Today's date in Shanghai. */
export function shanghaiToday(now = new Date()): string {
  return toShanghaiYmd(now);
}

/** [start, end) of the Shanghai day containing `now`. */
export function shanghaiDayRange(now = new Date()): { start: Date; end: Date } {
  const start = shanghaiDayStart(toShanghaiYmd(now));
  return { start, end: new Date(start.getTime() + DAY_MS) };
}

/** [start, end) of the Shanghai calendar month containing `now`. */
export function shanghaiMonthRange(now = new Date()): { start: Date; end: Date } {
  const local = new Date(now.getTime() + OFFSET_MS);
  const y = local.getUTCFullYear();
  const m = local.getUTCMonth();
  return {
    start: new Date(Date.UTC(y, m, 1) - OFFSET_MS),
    end: new Date(Date.UTC(y, m + 1, 1) - OFFSET_MS),
  };
}

/** A date kept as UTC midnight (a Postgres `date` column such as Payout.paidOn) ⇄ "YYYY-MM-DD". */
export function dateColumnFromYmd(ymd: string): Date {
  const p = parseYmd(ymd);
  if (!p) throw new RangeError(`not a date: ${ymd}`);
  return new Date(Date.UTC(p.y, p.m - 1, p.d));
}

export function ymdFromDateColumn(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** A date or time formatter for the reader's language, showing China's time whatever the server's zone. */
export function shanghaiFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: "Asia/Shanghai" });
}

const DATETIME = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

/** "2026-12-07T20:00" (an <input type="datetime-local">) read as China's time; null if not a real one. */
export function parseShanghaiDateTime(text: string): Date | null {
  const match = DATETIME.exec(text.trim());
  if (!match || !parseYmd(match[1]!)) return null;
  const [h, m, s] = [Number(match[2]), Number(match[3]), Number(match[4] ?? "0")];
  if (h > 23 || m > 59 || s > 59) return null;
  return new Date(shanghaiDayStart(match[1]!).getTime() + ((h * 60 + m) * 60 + s) * 1000);
}

/** An instant as "2026-12-07T20:00" in China's time: the value of a datetime-local input. */
export function toShanghaiDateTimeInput(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 16);
}
