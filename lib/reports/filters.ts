// The report's filters, in the URL and back: the period, the region (county › township › village),
// the operator, the product, the category and the channel. Pure; today is passed in.
//
//   ?period=month&month=2026-03        a calendar month
//   ?period=quarter&quarter=2026-Q1    a calendar quarter
//   ?period=year&year=2026             a calendar year (the default: the current year)
//   ?period=custom&from=2026-03-05&to=2026-04-20   days, both inclusive
//   &county=620523&township=620523100&village=620523100201&operator=<id>&product=<id>&category=CHILI&channel=RETAIL
//
// Malformed values are dropped rather than refused, so a shared link with one bad part still opens;
// each dropped value is named in `problems`, and the page says what it ignored. Whether a region,
// operator or product exists and lies in the reader's county is checked on the server
// (lib/reports/scope.server.ts), not here.
import { z } from "zod";
import { CATEGORIES, type CategoryName } from "@/lib/catalog/filters";
import type { Channel } from "@/lib/generated/prisma/enums";
import {
  defaultPeriod,
  parseCustom,
  parseMonth,
  parseQuarter,
  parseYear,
  PERIOD_KINDS,
  type CustomProblem,
  type Period,
  type PeriodKind,
} from "./periods";

export const CHANNELS = ["RETAIL", "INSTITUTION", "PAIRING", "LIVESTREAM"] as const satisfies readonly Channel[];

export interface ReportFilters {
  period: Period;
  county?: string;
  township?: string;
  village?: string;
  operator?: string;
  product?: string;
  category?: CategoryName;
  channel?: Channel;
}

/** Why a value in the URL was ignored (a key of reports.problems in the messages). */
export type FilterProblem = "period" | CustomProblem | "county" | "township" | "village" | "operator" | "product" | "category" | "channel";

const fields = {
  county: z.string().regex(/^\d{6}$/),
  township: z.string().regex(/^\d{9}$/),
  village: z.string().regex(/^\d{12}$/),
  operator: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  product: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  category: z.enum(CATEGORIES),
  channel: z.enum(CHANNELS),
};

type Params = URLSearchParams | Record<string, string | string[] | undefined>;

function getter(params: Params): (name: string) => string | undefined {
  if (params instanceof URLSearchParams) return (name) => params.get(name) ?? undefined;
  return (name) => {
    const v = params[name];
    return Array.isArray(v) ? v[0] : v;
  };
}

export function parseReportFilters(params: Params, today: string): { filters: ReportFilters; problems: FilterProblem[] } {
  const get = getter(params);
  const problems: FilterProblem[] = [];
  const fallback = defaultPeriod(today);

  const rawKind = get("period");
  let kind: PeriodKind = "year";
  if (rawKind !== undefined && rawKind !== "") {
    if ((PERIOD_KINDS as readonly string[]).includes(rawKind)) kind = rawKind as PeriodKind;
    else problems.push("period");
  }
  let period: Period = fallback;
  const value = (name: string) => (get(name) ?? "").trim();
  if (kind === "custom") {
    const parsed = parseCustom(value("from"), value("to"));
    if (typeof parsed === "string") problems.push(parsed);
    else period = parsed;
  } else {
    const text = value(kind);
    if (text) {
      const parsed = kind === "month" ? parseMonth(text) : kind === "quarter" ? parseQuarter(text) : parseYear(text);
      if (parsed) period = parsed;
      else problems.push("period");
    } else if (kind !== "year") {
      // "This month" / "this quarter" when the kind is chosen without a value.
      const y = Number(today.slice(0, 4));
      const m = Number(today.slice(5, 7));
      period = kind === "month" ? parseMonth(today.slice(0, 7))! : parseQuarter(`${y}-Q${Math.floor((m - 1) / 3) + 1}`)!;
    }
  }

  const filters: ReportFilters = { period };
  for (const name of ["county", "township", "village", "operator", "product", "category", "channel"] as const) {
    const raw = get(name);
    if (raw === undefined || raw === "") continue;
    const parsed = fields[name].safeParse(raw.trim());
    if (parsed.success) (filters as unknown as Record<string, string>)[name] = parsed.data;
    else problems.push(name);
  }
  return { filters, problems };
}

/** The filters as URL parameters, in a fixed order and with only what is set. */
export function reportParams(f: ReportFilters): URLSearchParams {
  const q = new URLSearchParams();
  q.set("period", f.period.kind);
  if (f.period.kind === "custom") {
    q.set("from", f.period.from);
    q.set("to", f.period.to);
  } else {
    q.set(f.period.kind, f.period.value);
  }
  for (const name of ["county", "township", "village", "operator", "product", "category", "channel"] as const) {
    const v = f[name];
    if (v) q.set(name, v);
  }
  return q;
}

/** Whether a filter narrows the sales to some products or one channel (the household figures then come from the ledger). */
export function hasSaleFilter(f: ReportFilters): boolean {
  return Boolean(f.operator || f.product || f.category || f.channel);
}
