"use client";
// Opens the browser's print dialog (the page itself is laid out for one A4 sheet).
export function PrintButton({ label }: { label: string }) {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800"
    >
      {label}
    </button>
  );
}
