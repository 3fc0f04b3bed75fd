// The limits of a roster import, in a module of its own so the browser can check the file size
// before sending it without pulling the parser (exceljs) into the page's bundle.

/** The largest roster file accepted (a 20,000-household XLSX is about 1.5 MB). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
export const MAX_IMPORT_MB = MAX_IMPORT_BYTES / 1024 / 1024;
/** Data rows per file: a large county's whole roster fits; more is split into several files. */
export const MAX_IMPORT_ROWS = 20_000;
export const MEMBERS_MIN = 1;
export const MEMBERS_MAX = 20;
/** 建档立卡 began with the 2013–2014 identification drive. */
export const YEAR_MIN = 2013;
