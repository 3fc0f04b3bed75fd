// The status of an application as a coloured label (text, never colour alone).
const TONE: Record<string, string> = {
  APPLIED: "bg-sky-50 text-sky-900 ring-sky-700/20",
  RECOMMENDED: "bg-brand-50 text-brand-800 ring-brand-700/20",
  RETURNED: "bg-amber-50 text-amber-900 ring-amber-700/30",
  APPROVED: "bg-leaf-50 text-leaf-700 ring-leaf-600/20",
  REJECTED: "bg-red-50 text-red-800 ring-red-700/20",
};

export function StatusBadge({ status, label }: { status: string; label: string }) {
  return (
    <span
      className={`inline-block rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ring-inset ${TONE[status] ?? ""}`}
      data-testid="application-status"
      data-status={status}
    >
      {label}
    </span>
  );
}
