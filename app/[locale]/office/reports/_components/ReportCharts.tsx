"use client";
// The report's charts (recharts): the monthly trend and horizontal bars for a breakdown, assistance
// sales beside all sales. They repeat what the tables say, for the eye: each chart is labelled as
// an image with its title, and the table below it carries the numbers for screen readers.
import { Bar, BarChart, CartesianGrid, LabelList, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { Locale } from "@/lib/i18n/locales";
import { formatFen } from "@/lib/money";
import { compactYuan } from "@/lib/reports/format";

export interface ChartRow {
  label: string;
  /** Fen. */
  assist: number;
  total: number;
}

export interface ChartLabels {
  assist: string;
  total: string;
  empty: string;
}

const ASSIST = "#9a3412"; // brand-700
const TOTAL = "#d6d3d1"; // stone-300

function fenTick(locale: Locale) {
  return (fen: number) => compactYuan(fen / 100, locale);
}

// Legend texts in the page's text colour (recharts colours them like their series: pale for "all").
const legendText = (value: string) => <span style={{ color: "#44403c" }}>{value}</span>;

/** A bar's name on one line from the bar's left end (recharts' own labels wrap to the bar's width). */
function BarName(props: { x?: number | string; y?: number | string; height?: number | string; value?: unknown }) {
  const x = Number(props.x ?? 0);
  const y = Number(props.y ?? 0) + Number(props.height ?? 0) / 2;
  return (
    <text x={x + 4} y={y} dy="0.35em" fontSize={11} fill="#1c1917">
      {String(props.value ?? "")}
    </text>
  );
}

function Empty({ text }: { text: string }) {
  return <p className="grid h-40 place-items-center rounded-lg bg-stone-50 text-sm text-stone-600">{text}</p>;
}

export function TrendChart({ rows, labels, locale, title }: { rows: ChartRow[]; labels: ChartLabels; locale: Locale; title: string }) {
  if (!rows.some((r) => r.total > 0)) return <Empty text={labels.empty} />;
  return (
    <div role="img" aria-label={title} className="h-64 w-full sm:h-72" data-testid="trend-chart">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={rows} margin={{ top: 8, right: 4, left: 0, bottom: 0 }} barGap={1}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis
            dataKey="label"
            tick={{ fontSize: 11 }}
            tickFormatter={(m: string) => m.slice(2).replace("-", "/")}
            interval="preserveStartEnd"
          />
          <YAxis tick={{ fontSize: 11 }} tickFormatter={fenTick(locale)} width={48} />
          <Tooltip formatter={(v) => formatFen(Number(v))} />
          <Legend wrapperStyle={{ fontSize: 12 }} formatter={legendText} />
          <Bar dataKey="total" name={labels.total} fill={TOTAL} isAnimationActive={false} />
          <Bar dataKey="assist" name={labels.assist} fill={ASSIST} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/**
 * Horizontal bars, one pair per row (the first rows of a breakdown). Names are written inside the
 * pale bar, from its left end, so long names of cooperatives and products need no axis width.
 */
export function BreakdownChart({
  rows,
  labels,
  locale,
  title,
  testId,
}: {
  rows: ChartRow[];
  labels: ChartLabels;
  locale: Locale;
  title: string;
  testId: string;
}) {
  if (!rows.some((r) => r.total > 0)) return <Empty text={labels.empty} />;
  const height = 56 + rows.length * 44;
  const data = rows.map((r) => ({ ...r, name: r.label.length > 26 ? `${r.label.slice(0, 25)}…` : r.label }));
  return (
    <div role="img" aria-label={title} className="w-full" style={{ height }} data-testid={testId}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 20, left: 4, bottom: 0 }} barGap={0} barCategoryGap="18%">
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" tick={{ fontSize: 11 }} tickFormatter={fenTick(locale)} />
          <YAxis type="category" dataKey="name" hide />
          <Tooltip formatter={(v) => formatFen(Number(v))} />
          <Legend wrapperStyle={{ fontSize: 12 }} formatter={legendText} />
          <Bar dataKey="total" name={labels.total} fill={TOTAL} isAnimationActive={false}>
            <LabelList dataKey="name" content={BarName} />
          </Bar>
          <Bar dataKey="assist" name={labels.assist} fill={ASSIST} isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
