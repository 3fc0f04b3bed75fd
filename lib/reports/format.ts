// How a report cell reads on the page and in the printout (the files write numbers: ./export.ts).
// Money exactly to the fen (lib/money.ts), counts with separators, shares with one decimal.
import type { Locale } from "@/lib/i18n/locales";
import { formatFen } from "@/lib/money";
import type { Cell } from "./tables";

export function formatCell(cell: Cell, locale: Locale, none = "—"): string {
  switch (cell.kind) {
    case "text":
      return cell.value;
    case "int":
      return cell.value.toLocaleString(locale);
    case "fen":
      return cell.value === null ? none : formatFen(cell.value);
    case "percent":
      return cell.value === null ? none : `${cell.value.toFixed(1)}%`;
  }
}

/** Chart axes: yuan in a few characters ("1.2亿", "120M"). */
export function compactYuan(yuan: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 }).format(yuan);
}
