// The validity of a certification (消费帮扶产品认定): an end date, in the county's calendar
// (Asia/Shanghai). Pure: the actions and the review page's default both use it.

const SHANGHAI = "Asia/Shanghai";
export const MAX_VALIDITY_YEARS = 3;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/u;

/** Today's date in China, "YYYY-MM-DD". */
export function todayInChina(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: SHANGHAI, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** The same calendar day `years` later ("2028-02-29" + 1 → "2029-02-28"). */
export function addYears(day: string, years: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const last = new Date(Date.UTC(y + years, m, 0)).getUTCDate();
  return `${String(y + years).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`;
}

/** The form's default: one year from today. */
export function defaultValidUntil(now: Date = new Date()): string {
  return addYears(todayInChina(now), 1);
}

function isRealDay(day: string): boolean {
  if (!ISO_DAY.test(day)) return false;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

/** Why this end date is refused (a key under `errors.`), or null when it is fine. */
export function validUntilError(day: string, now: Date = new Date()): string | null {
  if (!isRealDay(day)) return "dateInvalid";
  const today = todayInChina(now);
  if (day <= today) return "certifyUntilPast";
  if (day > addYears(today, MAX_VALIDITY_YEARS)) return "certifyUntilTooFar";
  return null;
}

/** The instant a certification ending on `day` lapses: the end of that day in China. */
export function validUntilInstant(day: string): Date {
  return new Date(`${day}T23:59:59.999+08:00`);
}
