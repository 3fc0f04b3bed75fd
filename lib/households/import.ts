// Reading a county's household roster (建档立卡户花名册) from a spreadsheet, as counties keep them:
// XLSX or CSV (UTF-8 with or without BOM, or GBK as Excel saves it on Chinese Windows), a title row
// above the headers, headers merged over two rows, Chinese column names in their many variants,
// blank rows and a 合计 / 填表人 footer, resident ID numbers as text, as numbers (precision lost) or in
// scientific notation. Returns the clean rows and, for every other row, its problems (row number as
// in the sheet, the field, a message key with values; texts in messages/<locale>/registry.json).
//
// Pure: no database. The county's townships and villages come in as `places`; what depends on the
// registry (already registered households, registry codes in use) is checked by
// lib/office/household-import.server.ts.
import ExcelJS from "exceljs";
import Papa from "papaparse";
import { isValidResidentId, makeResidentIdCheckDigit, normalizeResidentId } from "./id-number";
import { looksLikeFormula } from "@/lib/export/cells";

import { MAX_IMPORT_BYTES, MAX_IMPORT_MB, MAX_IMPORT_ROWS, MEMBERS_MAX, MEMBERS_MIN, YEAR_MIN } from "./import-limits";

export { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, MEMBERS_MAX, MEMBERS_MIN, YEAR_MIN } from "./import-limits";
/** An XLSX is a zip: what it may unpack to (the sheet XML of 20,000 rows is far below this). */
const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;
const MAX_COLUMNS = 80;
const HEADER_SEARCH_ROWS = 30;

export const IMPORT_FIELDS = [
  "registryCode",
  "headName",
  "idNumber",
  "township",
  "village",
  "members",
  "status",
  "yearIdentified",
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];
const REQUIRED_FIELDS: readonly ImportField[] = ["registryCode", "headName", "idNumber", "village", "members", "status", "yearIdentified"];
/** The header a county would write for each field (shown when a column is missing). */
export const CANONICAL_HEADERS: Record<ImportField, string> = {
  registryCode: "户编号",
  headName: "户主姓名",
  idNumber: "身份证号",
  township: "乡镇",
  village: "村",
  members: "家庭人口",
  status: "户类型",
  yearIdentified: "识别年份",
};

export type HouseholdStatusValue = "NOT_LIFTED" | "LIFTED" | "MONITORED";

export interface PlaceName {
  id: string;
  nameZh: string;
  nameEn: string;
}
export interface CountyPlaces {
  townships: (PlaceName & { villages: PlaceName[] })[];
}

/** Message keys of row problems (registry.json → registry.import.problems.*); the last three are found against the registry. */
export const PROBLEM_KEYS = [
  "required",
  "formula",
  "cellError",
  "idStoredAsNumber",
  "idOldFormat",
  "idFormat",
  "idBirthDate",
  "idCheckDigit",
  "idDuplicate",
  "codeFormat",
  "codeStoredAsNumber",
  "codeDuplicate",
  "nameFormulaLike",
  "nameTooLong",
  "nameInvalid",
  "townshipUnknown",
  "villageUnknown",
  "villageNotInTownship",
  "villageAmbiguous",
  "membersInvalid",
  "membersRange",
  "statusUnknown",
  "yearInvalid",
  "yearRange",
  "codeTaken",
  "idInOtherCounty",
  "idNotImportable",
  "idRegisteredAs",
] as const;
export type ProblemKey = (typeof PROBLEM_KEYS)[number];

/** Message keys of whole-file refusals (registry.json → registry.import.errors.*). */
export const FILE_ERROR_KEYS = [
  "importFileRequired",
  "importFileEmpty",
  "importFileTooLarge",
  "importFileType",
  "importXlsOld",
  "importFileMalformed",
  "importUnpackedTooLarge",
  "importEncoding",
  "importHeaderNotFound",
  "importMissingColumns",
  "importNoRows",
  "importTooManyRows",
] as const;
export type FileErrorKey = (typeof FILE_ERROR_KEYS)[number];

export interface ImportProblem {
  /** The row number as the spreadsheet shows it (1-based). */
  row: number;
  field: ImportField | null;
  /** The column letter (A, B, …) of the field, when known. */
  column: string | null;
  key: ProblemKey;
  values?: Record<string, string | number>;
}

export interface ImportRow {
  row: number;
  registryCode: string;
  headName: string;
  /** Normalised 18-character resident ID number (plain; hash and encrypt it before storing). */
  idNumber: string;
  townshipId: string;
  villageId: string;
  members: number;
  status: HouseholdStatusValue;
  yearIdentified: number;
}

export interface ImportColumn {
  field: ImportField;
  column: string;
  header: string;
}

export type ParseResult =
  | { ok: false; error: FileErrorKey; values?: Record<string, string | number> }
  | {
      ok: true;
      format: "xlsx" | "csv";
      /** The worksheet read (XLSX), or null (CSV). */
      sheet: string | null;
      /** First and last row of the header (2 and 3 for a header merged over two rows). */
      headerRows: [number, number];
      columns: ImportColumn[];
      rows: ImportRow[];
      problems: ImportProblem[];
      /** Non-blank rows below the header (clean or not). */
      dataRows: number;
    };

export interface ParseOptions {
  /** The latest year of identification accepted (the current year in China). */
  currentYear: number;
}

// ---- cells ------------------------------------------------------------------------------------

export type Cell =
  | { kind: "empty" }
  | { kind: "text"; text: string }
  | { kind: "number"; value: number }
  | { kind: "date"; value: Date }
  | { kind: "bool"; value: boolean }
  | { kind: "formula" }
  | { kind: "error" };

const EMPTY: Cell = { kind: "empty" };

interface GridRow {
  /** 1-based, as the spreadsheet shows it. */
  number: number;
  cells: Cell[];
}

function textCell(raw: string): Cell {
  const text = raw.replace(/^\uFEFF/, "").trim();
  return text === "" ? EMPTY : { kind: "text", text };
}

/** An exceljs cell value → Cell. Merged cells already carry their master cell's value. */
export function cellOf(value: unknown): Cell {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === "string") return textCell(value);
  if (typeof value === "number") return Number.isFinite(value) ? { kind: "number", value } : { kind: "error" };
  if (typeof value === "boolean") return { kind: "bool", value };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { kind: "error" } : { kind: "date", value };
  if (typeof value === "object") {
    const v = value as Record<string, unknown>;
    if ("formula" in v || "sharedFormula" in v) return { kind: "formula" };
    if ("error" in v) return { kind: "error" };
    if (Array.isArray(v.richText)) return textCell((v.richText as { text?: unknown }[]).map((p) => String(p.text ?? "")).join(""));
    if ("text" in v) return cellOf(v.text); // a hyperlink cell: its shown text
  }
  return { kind: "error" };
}

function cellText(cell: Cell): string {
  switch (cell.kind) {
    case "text":
      return cell.text;
    case "number":
      return String(cell.value);
    default:
      return "";
  }
}

export function columnLetter(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

// ---- reading the file ---------------------------------------------------------------------------

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]; // the old binary .xls (and .doc)
const startsWith = (bytes: Uint8Array, sig: number[]) => sig.every((b, i) => bytes[i] === b);

/** Sum of the uncompressed sizes in a zip's central directory; null when that cannot be read (not a whole zip). */
export function zipUnpackedSize(bytes: Uint8Array): number | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const from = Math.max(0, bytes.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= from; i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return null;
  const entries = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) return null;
    const size = view.getUint32(at + 24, true);
    if (size === 0xffffffff) return Infinity; // zip64: far beyond any roster
    total += size;
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return total;
}

async function xlsxSheets(bytes: Uint8Array): Promise<{ name: string; rows: GridRow[] }[] | FileErrorKey> {
  const unpacked = zipUnpackedSize(bytes);
  if (unpacked === null) return "importFileMalformed";
  if (unpacked > MAX_UNPACKED_BYTES) return "importUnpackedTooLarge";
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    return "importFileMalformed";
  }
  if (workbook.worksheets.length === 0) return "importFileMalformed";
  const sheets: { name: string; rows: GridRow[] }[] = [];
  for (const ws of workbook.worksheets) {
    if (ws.state && ws.state !== "visible") continue;
    const rows: GridRow[] = [];
    const width = Math.min(ws.columnCount, MAX_COLUMNS);
    let tooMany = false;
    ws.eachRow({ includeEmpty: false }, (row, number) => {
      if (rows.length > MAX_IMPORT_ROWS + HEADER_SEARCH_ROWS) {
        tooMany = true;
        return;
      }
      const cells: Cell[] = [];
      for (let c = 1; c <= width; c++) cells.push(cellOf(row.getCell(c).value));
      if (cells.some((cell) => cell.kind !== "empty")) rows.push({ number, cells });
    });
    if (tooMany) return "importTooManyRows";
    sheets.push({ name: ws.name, rows });
  }
  return sheets;
}

function decodeText(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return new TextDecoder("utf-8").decode(bytes.subarray(3));
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder("utf-16le").decode(bytes.subarray(2)); // Excel's "Unicode text"
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    // Not UTF-8: Excel on Chinese Windows saves CSV in GBK (GB 18030 is its superset).
  }
  try {
    return new TextDecoder("gb18030", { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function csvRows(text: string): GridRow[] {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
  const rows: GridRow[] = [];
  parsed.data.forEach((fields, i) => {
    const cells = (Array.isArray(fields) ? fields : []).slice(0, MAX_COLUMNS).map((f) => textCell(String(f ?? "")));
    if (cells.some((cell) => cell.kind !== "empty")) rows.push({ number: i + 1, cells });
  });
  return rows;
}

// ---- the header ---------------------------------------------------------------------------------

const ALIASES: Record<ImportField, string[]> = {
  registryCode: ["户编号", "登记编号", "户码", "户号", "编号", "户编码", "建档立卡户编号", "家庭编号", "农户编号", "registrycode", "code"],
  headName: ["户主姓名", "户主", "姓名", "户主名", "headname", "name", "head"],
  idNumber: ["身份证号", "身份证号码", "户主身份证号", "户主身份证号码", "身份证", "证件号码", "公民身份号码", "idnumber", "id"],
  township: ["乡镇", "乡", "镇", "乡镇名称", "所在乡镇", "乡镇街道", "township", "town"],
  village: ["村", "行政村", "村名", "村名称", "所在村", "所在行政村", "village"],
  members: ["家庭人口", "家庭人口数", "人口数", "人口", "家庭人数", "人数", "家庭成员数", "members"],
  status: ["户类型", "状态", "户状态", "脱贫状态", "贫困户状态", "户属性", "贫困户属性", "脱贫属性", "status"],
  yearIdentified: [
    "识别年份",
    "纳入年份",
    "识别年度",
    "纳入年度",
    "建档年份",
    "建档立卡年份",
    "识别时间",
    "纳入时间",
    "year",
    "yearidentified",
  ],
};

/** "户主身份证\n号码（18位）*" → "户主身份证号码"; full-width forms folded (NFKC), spaces, brackets and * dropped. */
export function normalizeHeader(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/[(\[【][^)\]】]*[)\]】]/g, "")
    .replace(/[\s*:：]/g, "")
    .toLowerCase();
}

const FIELD_OF_HEADER = new Map<string, ImportField>();
for (const field of IMPORT_FIELDS) for (const alias of ALIASES[field]) FIELD_OF_HEADER.set(normalizeHeader(alias), field);

function headerMatches(row: GridRow): Map<number, ImportField> {
  const out = new Map<number, ImportField>();
  row.cells.forEach((cell, c) => {
    if (cell.kind !== "text") return;
    const field = FIELD_OF_HEADER.get(normalizeHeader(cell.text));
    if (field) out.set(c, field);
  });
  return out;
}

interface Header {
  start: number; // index into rows
  end: number;
  columns: Map<ImportField, number>;
  headers: Map<ImportField, string>;
}

/**
 * The header: the first row (of the first 30) naming at least two known columns, plus the rows
 * right below it that name more (a header merged over two rows). Each column takes the name in its
 * lowest header row; a field named twice takes the column named lowest, then leftmost.
 */
function findHeader(rows: GridRow[]): Header | null {
  const limit = Math.min(rows.length, HEADER_SEARCH_ROWS);
  for (let start = 0; start < limit; start++) {
    const first = headerMatches(rows[start]!);
    if (new Set(first.values()).size < 2) continue;
    let end = start;
    const byRow = [first];
    while (end + 1 < rows.length && rows[end + 1]!.number === rows[end]!.number + 1) {
      const next = headerMatches(rows[end + 1]!);
      if (next.size === 0) break;
      byRow.push(next);
      end++;
    }
    const fieldOfColumn = new Map<number, { field: ImportField; level: number }>();
    byRow.forEach((matches, level) => {
      for (const [c, field] of matches) fieldOfColumn.set(c, { field, level }); // lower rows overwrite
    });
    const columns = new Map<ImportField, number>();
    const levels = new Map<ImportField, number>();
    for (const [c, { field, level }] of [...fieldOfColumn].sort((a, b) => a[0] - b[0])) {
      const seen = levels.get(field);
      if (seen === undefined || level > seen) {
        columns.set(field, c);
        levels.set(field, level);
      }
    }
    const headers = new Map<ImportField, string>();
    for (const [field, c] of columns) headers.set(field, cellText(rows[start + levels.get(field)!]!.cells[c] ?? EMPTY).replace(/\s+/g, ""));
    return { start, end, columns, headers };
  }
  return null;
}

// ---- fields -------------------------------------------------------------------------------------

type Parsed<T> = { ok: true; value: T } | { ok: false; key: ProblemKey; values?: Record<string, string | number> };
const fail = (key: ProblemKey, values?: Record<string, string | number>): Parsed<never> => ({
  ok: false,
  key,
  ...(values ? { values } : {}),
});
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });

/** Problems every field shares: empty, a formula, an error value. */
function common(cell: Cell, required: boolean): Parsed<null> | null {
  if (cell.kind === "formula") return fail("formula");
  if (cell.kind === "error") return fail("cellError");
  if (cell.kind === "empty") return required ? fail("required") : ok(null);
  return null;
}

const fold = (text: string) => text.normalize("NFKC").replace(/\s+/g, "");

export function parseIdNumber(cell: Cell): Parsed<string> {
  const c = common(cell, true);
  if (c) return c as Parsed<never>;
  if (cell.kind === "number") return cell.value >= 1e14 ? fail("idStoredAsNumber") : fail("idFormat");
  if (cell.kind !== "text") return fail("idFormat");
  let s = fold(cell.text);
  const wrapped = /^="(.*)"$/.exec(s); // ="620523…" is how some exports keep a number as text
  if (wrapped) s = wrapped[1]!;
  s = s.replace(/^'/, "");
  if (/^\d(\.\d+)?e\+?\d+$/i.test(s)) return fail("idStoredAsNumber");
  const id = normalizeResidentId(s);
  if (/^\d{15}$/.test(id)) return fail("idOldFormat");
  if (!/^\d{17}[\dX]$/.test(id)) return fail("idFormat");
  if (makeResidentIdCheckDigit(id.slice(0, 17)) !== id[17]) return fail("idCheckDigit");
  if (!isValidResidentId(id)) return fail("idBirthDate");
  return ok(id);
}

function parseRegistryCode(cell: Cell): Parsed<string> {
  const c = common(cell, true);
  if (c) return c as Parsed<never>;
  if (cell.kind === "number") {
    if (!Number.isInteger(cell.value) || cell.value < 0) return fail("codeFormat");
    return Number.isSafeInteger(cell.value) ? ok(String(cell.value)) : fail("codeStoredAsNumber");
  }
  if (cell.kind !== "text") return fail("codeFormat");
  const code = fold(cell.text).replace(/^'/, "");
  if (/^\d(\.\d+)?e\+?\d+$/i.test(code)) return fail("codeStoredAsNumber");
  return /^[A-Za-z0-9][A-Za-z0-9_\-/]{0,39}$/.test(code) ? ok(code) : fail("codeFormat");
}

function parseName(cell: Cell): Parsed<string> {
  const c = common(cell, true);
  if (c) return c as Parsed<never>;
  if (cell.kind !== "text") return fail("nameInvalid");
  const name = cell.text.normalize("NFKC").trim().replace(/\s+/g, " ");
  if (looksLikeFormula(name)) return fail("nameFormulaLike");
  if ([...name].length > 40) return fail("nameTooLong");
  // Letters (any script), the middle dot of minority names, spaces; no digits, symbols or control characters.
  if (!/^[\p{L}\p{M}·•.' -]+$/u.test(name)) return fail("nameInvalid");
  return ok(name);
}

function parseMembers(cell: Cell): Parsed<number> {
  const c = common(cell, true);
  if (c) return c as Parsed<never>;
  let n: number;
  if (cell.kind === "number") n = cell.value;
  else if (cell.kind === "text" && /^\d{1,4}人?$/.test(fold(cell.text))) n = Number.parseInt(fold(cell.text), 10);
  else return fail("membersInvalid");
  if (!Number.isInteger(n)) return fail("membersInvalid");
  if (n < MEMBERS_MIN || n > MEMBERS_MAX) return fail("membersRange", { min: MEMBERS_MIN, max: MEMBERS_MAX });
  return ok(n);
}

const STATUS_WORDS: Record<HouseholdStatusValue, string[]> = {
  NOT_LIFTED: ["未脱贫", "未脱贫户", "贫困户", "一般贫困户", "建档立卡贫困户", "not_lifted", "notlifted", "not lifted"],
  LIFTED: ["已脱贫", "已脱贫户", "脱贫户", "脱贫", "稳定脱贫", "稳定脱贫户", "lifted"],
  MONITORED: [
    "监测户",
    "监测",
    "监测对象",
    "防返贫监测户",
    "防返贫监测对象",
    "脱贫不稳定户",
    "边缘易致贫户",
    "突发严重困难户",
    "monitored",
  ],
};
const STATUS_OF = new Map<string, HouseholdStatusValue>();
for (const [status, words] of Object.entries(STATUS_WORDS))
  for (const w of words) STATUS_OF.set(fold(w).toLowerCase(), status as HouseholdStatusValue);

function parseStatus(cell: Cell): Parsed<HouseholdStatusValue> {
  const c = common(cell, true);
  if (c) return c as Parsed<never>;
  const text = cellText(cell);
  const status = STATUS_OF.get(fold(text).toLowerCase());
  return status ? ok(status) : fail("statusUnknown", { value: text.slice(0, 20) });
}

function parseYear(cell: Cell, currentYear: number): Parsed<number> {
  const c = common(cell, true);
  if (c) return c as Parsed<never>;
  let year: number;
  if (cell.kind === "number") year = cell.value;
  else if (cell.kind === "date") year = cell.value.getUTCFullYear();
  else if (cell.kind === "text") {
    const m = /^(\d{4})(年度?|年?\d{0,2}月?\d{0,2}日?|[-/.]\d{1,2}([-/.]\d{1,2})?)?$/.exec(fold(cell.text));
    if (!m) return fail("yearInvalid");
    year = Number(m[1]);
  } else return fail("yearInvalid");
  if (!Number.isInteger(year)) return fail("yearInvalid");
  if (year < YEAR_MIN || year > currentYear) return fail("yearRange", { min: YEAR_MIN, max: currentYear });
  return ok(year);
}

function placeText(cell: Cell, required: boolean): Parsed<string | null> {
  const c = common(cell, required);
  if (c) return c;
  return ok(fold(cellText(cell)));
}

const villageKey = (name: string) =>
  fold(name)
    .toLowerCase()
    .replace(/(村民委员会|村委会|村| village)$/, "");
const townshipKey = (name: string) =>
  fold(name)
    .toLowerCase()
    .replace(/(人民政府|镇|乡| town| township)$/, "");

/** Finds the village by name (with or without 村), within the township when one is given. */
function resolvePlace(places: CountyPlaces, township: string | null, village: string): Parsed<{ townshipId: string; villageId: string }> {
  const vKey = villageKey(village);
  const matchesVillage = (v: PlaceName) => villageKey(v.nameZh) === vKey || villageKey(v.nameEn) === vKey;
  if (township) {
    const tKey = townshipKey(township);
    const t = places.townships.find((p) => townshipKey(p.nameZh) === tKey || townshipKey(p.nameEn) === tKey);
    if (!t) return fail("townshipUnknown", { township });
    const v = t.villages.find(matchesVillage);
    return v ? ok({ townshipId: t.id, villageId: v.id }) : fail("villageNotInTownship", { village, township: t.nameZh });
  }
  const found = places.townships.flatMap((t) => t.villages.filter(matchesVillage).map((v) => ({ townshipId: t.id, villageId: v.id })));
  if (found.length === 0) return fail("villageUnknown", { village });
  if (found.length > 1) return fail("villageAmbiguous", { village });
  return ok(found[0]!);
}

// ---- the whole file -----------------------------------------------------------------------------

const FOOTER = /^(合计|总计|小计|填表|填报|制表|审核|负责人|备注|说明|注[:：])/;

function readRows(rows: GridRow[], header: Header, places: CountyPlaces, options: ParseOptions) {
  const problems: ImportProblem[] = [];
  const clean: ImportRow[] = [];
  const firstRowOfId = new Map<string, number>();
  const firstRowOfCode = new Map<string, number>();
  let dataRows = 0;
  const col = (field: ImportField) => header.columns.get(field);
  for (const row of rows.slice(header.end + 1)) {
    const cell = (field: ImportField) => {
      const c = col(field);
      return c === undefined ? EMPTY : (row.cells[c] ?? EMPTY);
    };
    if (IMPORT_FIELDS.every((f) => cell(f).kind === "empty")) continue; // blank where it matters
    const firstText = cellText(row.cells.find((c) => c.kind !== "empty") ?? EMPTY);
    if (cell("idNumber").kind === "empty" && FOOTER.test(fold(firstText))) continue;
    dataRows++;
    if (dataRows > MAX_IMPORT_ROWS) return null;

    const rowProblems: ImportProblem[] = [];
    const check = <T>(field: ImportField, parsed: Parsed<T>): T | undefined => {
      if (parsed.ok) return parsed.value;
      const c = col(field);
      rowProblems.push({
        row: row.number,
        field,
        column: c === undefined ? null : columnLetter(c),
        key: parsed.key,
        ...(parsed.values ? { values: parsed.values } : {}),
      });
      return undefined;
    };
    const registryCode = check("registryCode", parseRegistryCode(cell("registryCode")));
    const headName = check("headName", parseName(cell("headName")));
    const idNumber = check("idNumber", parseIdNumber(cell("idNumber")));
    const township = check("township", placeText(cell("township"), false));
    const village = check("village", placeText(cell("village"), true));
    const members = check("members", parseMembers(cell("members")));
    const status = check("status", parseStatus(cell("status")));
    const yearIdentified = check("yearIdentified", parseYear(cell("yearIdentified"), options.currentYear));
    let place: { townshipId: string; villageId: string } | undefined;
    if (village && township !== undefined) {
      const found = resolvePlace(places, township, village);
      place = check(!found.ok && found.key === "townshipUnknown" ? "township" : "village", found);
    }

    if (idNumber) {
      const first = firstRowOfId.get(idNumber);
      if (first !== undefined) check("idNumber", fail("idDuplicate", { row: first }));
      else firstRowOfId.set(idNumber, row.number);
    }
    if (registryCode) {
      const first = firstRowOfCode.get(registryCode);
      if (first !== undefined) check("registryCode", fail("codeDuplicate", { row: first }));
      else firstRowOfCode.set(registryCode, row.number);
    }

    if (rowProblems.length > 0) problems.push(...rowProblems);
    else
      clean.push({
        row: row.number,
        registryCode: registryCode!,
        headName: headName!,
        idNumber: idNumber!,
        townshipId: place!.townshipId,
        villageId: place!.villageId,
        members: members!,
        status: status!,
        yearIdentified: yearIdentified!,
      });
  }
  return { problems, clean, dataRows };
}

/**
 * Parses an uploaded roster. `fileName` only helps tell CSV from other text; the content decides:
 * a zip is read as XLSX, the old binary .xls is refused with advice, anything else must decode as
 * text (UTF-8, UTF-16 with BOM, or GBK) and is read as CSV (comma, tab or semicolon separated).
 */
export async function parseHouseholdFile(
  bytes: Uint8Array,
  fileName: string,
  places: CountyPlaces,
  options: ParseOptions,
): Promise<ParseResult> {
  if (bytes.length === 0) return { ok: false, error: "importFileEmpty" };
  if (bytes.length > MAX_IMPORT_BYTES) return { ok: false, error: "importFileTooLarge", values: { maxMb: MAX_IMPORT_MB } };

  let format: "xlsx" | "csv";
  let sheets: { name: string | null; rows: GridRow[] }[];
  if (startsWith(bytes, ZIP)) {
    const read = await xlsxSheets(bytes);
    if (typeof read === "string")
      return { ok: false, error: read, ...(read === "importTooManyRows" ? { values: { max: MAX_IMPORT_ROWS } } : {}) };
    format = "xlsx";
    sheets = read;
  } else if (startsWith(bytes, OLE2)) {
    return { ok: false, error: "importXlsOld" };
  } else {
    if (/\.(xlsx|xlsm)$/i.test(fileName)) return { ok: false, error: "importFileMalformed" };
    if (/\.(xls|et|ods|numbers|pdf|docx?|pptx?|png|jpe?g|gif|webp|heic|zip|rar|7z)$/i.test(fileName))
      return { ok: false, error: "importFileType" };
    // Binary content (NUL bytes outside UTF-16) is no CSV.
    const utf16 = startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]);
    if (!utf16 && bytes.subarray(0, 4096).includes(0)) return { ok: false, error: "importFileType" };
    const text = decodeText(bytes);
    if (text === null) return { ok: false, error: "importEncoding" };
    format = "csv";
    sheets = [{ name: null, rows: csvRows(text) }];
  }

  for (const sheet of sheets) {
    const header = findHeader(sheet.rows);
    if (!header) continue;
    const missing = REQUIRED_FIELDS.filter((f) => !header.columns.has(f));
    if (missing.length > 0)
      return { ok: false, error: "importMissingColumns", values: { columns: missing.map((f) => CANONICAL_HEADERS[f]).join("、") } };
    const read = readRows(sheet.rows, header, places, options);
    if (!read) return { ok: false, error: "importTooManyRows", values: { max: MAX_IMPORT_ROWS } };
    if (read.dataRows === 0) return { ok: false, error: "importNoRows" };
    const columns: ImportColumn[] = IMPORT_FIELDS.filter((f) => header.columns.has(f)).map((field) => ({
      field,
      column: columnLetter(header.columns.get(field)!),
      header: header.headers.get(field) ?? "",
    }));
    return {
      ok: true,
      format,
      sheet: sheet.name,
      headerRows: [sheet.rows[header.start]!.number, sheet.rows[header.end]!.number],
      columns,
      rows: read.clean,
      problems: read.problems,
      dataRows: read.dataRows,
    };
  }
  return { ok: false, error: "importHeaderNotFound" };
}
