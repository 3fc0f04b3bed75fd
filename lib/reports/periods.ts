// Report periods: a calendar month, quarter or year, or a custom range of days, always in
// Asia/Shanghai dates (lib/benefits/dates.ts). Pure; no database, no clock (today is passed in).
//
// A period is [from, to] in whole days, both inclusive, and as instants [start, end): 00:00 of
// `from` in Shanghai up to, not including, 00:00 of the day after `to`. A sale belongs to the period
// its Order.paidAt falls in; an allocation row to the period its createdAt falls in; a payout to the
// period its paidOn date falls in.
//
// Which rollup rows answer a period (rollupPlan): a month, a quarter or a year is one row per key of
// that grain; a custom range made of whole months is the MONTH rows of those months; any other
// custom range (it starts or ends inside a month) is answered from the ledger directly.
import { parseYmd, shanghaiDayStart } from "@/lib/time/shanghai";

export const PERIOD_KINDS = ["month", "quarter", "year", "custom"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  kind: PeriodKind;
  /** First day, "YYYY-MM-DD". */
  from: string;
  /** Last day (inclusive), "YYYY-MM-DD". */
  to: string;
  /** The value in the URL: "2026-03", "2026-Q1", "2026", or "" for a custom range (from/to carry it). */
  value: string;
}

export type Grain = "MONTH" | "QUARTER" | "YEAR";

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2099;
/** A custom range may span at most this many days (five years). */
export const MAX_CUSTOM_DAYS = 1827;

const DAY_MS = 86_400_000;
const pad2 = (n: number) => String(n).padStart(2, "0");
const ymd = (y: number, m: number, d: number) => `${y}-${pad2(m)}-${pad2(d)}`;
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function monthPeriod(y: number, m: number): Period {
  return { kind: "month", from: ymd(y, m, 1), to: ymd(y, m, daysInMonth(y, m)), value: `${y}-${pad2(m)}` };
}

export function quarterPeriod(y: number, q: number): Period {
  const first = (q - 1) * 3 + 1;
  return { kind: "quarter", from: ymd(y, first, 1), to: ymd(y, first + 2, daysInMonth(y, first + 2)), value: `${y}-Q${q}` };
}

export function yearPeriod(y: number): Period {
  return { kind: "year", from: ymd(y, 1, 1), to: ymd(y, 12, 31), value: String(y) };
}

const inYears = (y: number) => y >= MIN_YEAR && y <= MAX_YEAR;

/** "2026-03" → that month, or null. */
export function parseMonth(text: string): Period | null {
  const m = /^(\d{4})-(\d{2})$/.exec(text.trim());
  if (!m) return null;
  const [y, mo] = [Number(m[1]), Number(m[2])];
  return inYears(y) && mo >= 1 && mo <= 12 ? monthPeriod(y, mo) : null;
}

/** "2026-Q1" (or "2026-q1") → that quarter, or null. */
export function parseQuarter(text: string): Period | null {
  const m = /^(\d{4})-[Qq]([1-4])$/.exec(text.trim());
  if (!m) return null;
  const y = Number(m[1]);
  return inYears(y) ? quarterPeriod(y, Number(m[2])) : null;
}

/** "2026" → that year, or null. */
export function parseYear(text: string): Period | null {
  const m = /^(\d{4})$/.exec(text.trim());
  if (!m) return null;
  const y = Number(m[1]);
  return inYears(y) ? yearPeriod(y) : null;
}

export type CustomProblem = "invalidDate" | "reversedRange" | "rangeTooLong";

/** A custom range of days, both inclusive. */
export function parseCustom(fromText: string, toText: string): Period | CustomProblem {
  const a = parseYmd(fromText);
  const b = parseYmd(toText);
  if (!a || !b || !inYears(a.y) || !inYears(b.y)) return "invalidDate";
  const from = ymd(a.y, a.m, a.d);
  const to = ymd(b.y, b.m, b.d);
  if (to < from) return "reversedRange";
  if (daysBetween(from, to) + 1 > MAX_CUSTOM_DAYS) return "rangeTooLong";
  return { kind: "custom", from, to, value: "" };
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The period's instants: [start, end), end being 00:00 Shanghai of the day after `to`. */
export function periodInstants(p: Pick<Period, "from" | "to">): { start: Date; end: Date } {
  return { start: shanghaiDayStart(p.from), end: new Date(shanghaiDayStart(p.to).getTime() + DAY_MS) };
}

/** The default period: the current year (the office reports its yearly total upward). */
export function defaultPeriod(today: string): Period {
  return yearPeriod(Number(today.slice(0, 4)));
}

/** "2026-03" for a date "2026-03-05". */
export const monthOf = (day: string) => day.slice(0, 7);

/** The first day of each month from the month of `from` to the month of `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  const last = `${to.slice(0, 7)}-01`;
  for (;;) {
    const first = ymd(y, m, 1);
    if (first > last) break;
    out.push(first);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

/** The rollup rows that answer the period: grain and the range of periodStart, or null (ledger). */
export function rollupPlan(p: Period): { grain: Grain; firstStart: string; lastStart: string } | null {
  if (p.kind === "month") return { grain: "MONTH", firstStart: p.from, lastStart: p.from };
  if (p.kind === "quarter") return { grain: "QUARTER", firstStart: p.from, lastStart: p.from };
  if (p.kind === "year") return { grain: "YEAR", firstStart: p.from, lastStart: p.from };
  const wholeMonths = p.from.endsWith("-01") && p.to === monthPeriod(Number(p.to.slice(0, 4)), Number(p.to.slice(5, 7))).to;
  if (!wholeMonths) return null;
  const months = monthsBetween(p.from, p.to);
  return { grain: "MONTH", firstStart: months[0]!, lastStart: months[months.length - 1]! };
}

export const TREND_MIN_MONTHS = 12;
export const TREND_MAX_MONTHS = 60;

/**
 * The months of the trend chart (first days): the period's months, but at least the 12 months
 * that end with the period's last month (a single month or quarter is seen against its year), at
 * most the last 60. Always whole calendar months.
 */
export function trendMonths(p: Pick<Period, "from" | "to">): string[] {
  const own = monthsBetween(p.from, p.to);
  if (own.length >= TREND_MIN_MONTHS) return own.slice(-TREND_MAX_MONTHS);
  const last = own[own.length - 1]!;
  let y = Number(last.slice(0, 4));
  let m = Number(last.slice(5, 7)) - (TREND_MIN_MONTHS - 1);
  while (m < 1) {
    m += 12;
    y -= 1;
  }
  return monthsBetween(ymd(y, m, 1), last);
}
