// A quota's progress (预留份额): a bar with its percentage, for the organisation's page and the
// progress tables. progressBps is capped at 100% (lib/organisations/quota.ts).
export function ProgressBar({ bps, label, compact = false }: { bps: number; label: string; compact?: boolean }) {
  const percent = Math.min(100, Math.max(0, bps / 100));
  const text = `${percent.toFixed(percent >= 10 || percent === 0 ? 0 : 1)}%`;
  return (
    <div className={compact ? "flex items-center gap-2" : "space-y-1"}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={Math.round(percent)}
        aria-valuetext={text}
        className={`overflow-hidden rounded-full bg-stone-200 ${compact ? "h-2 w-20 shrink-0" : "h-3 w-full"}`}
      >
        <div className={`h-full rounded-full ${percent >= 100 ? "bg-leaf-600" : "bg-brand-600"}`} style={{ width: `${percent}%` }} />
      </div>
      <span className={`tabular-nums ${compact ? "text-xs" : "text-sm font-semibold"}`} data-testid="quota-percent">
        {text}
      </span>
    </div>
  );
}
