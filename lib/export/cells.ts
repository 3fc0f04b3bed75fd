// Spreadsheet cells that a program office opens in Excel or WPS: text that starts with = + - @
// (or a tab or carriage return, which Excel skips before reading a formula) would be run as a
// formula ("CSV/formula injection", e.g. =HYPERLINK(...) in a household head's name). Every text
// cell of an export goes through escapeCell, which prefixes such text with an apostrophe, so it
// shows as the text it is and is never evaluated. Numbers, dates and booleans are left alone.
// Pure; shared by the household registry export and the reports.

const FORMULA_START = /^[=+\-@\t\r]/;

/** True when a spreadsheet program could read this text as a formula. */
export function looksLikeFormula(text: string): boolean {
  return FORMULA_START.test(text);
}

/** The text, prefixed with ' when a spreadsheet could read it as a formula. */
export function escapeCell(text: string): string {
  return looksLikeFormula(text) ? `'${text}` : text;
}

export type CellValue = string | number | boolean | Date | null | undefined;

/** escapeCell for strings; every other value unchanged (a negative number is a number, not a formula). */
export function escapeCellValue<T extends CellValue>(value: T): T {
  return (typeof value === "string" ? escapeCell(value) : value) as T;
}
