"use client";
// Opens the browser's print dialog (the page's @page rule sets the paper size).
export function PrintButton({ label }: { label: string }) {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="rounded-lg bg-brand-700 px-4 py-1.5 text-sm font-semibold text-white hover:bg-brand-800"
      data-testid="print-slip"
    >
      {label}
    </button>
  );
}
