// The roster parser on real files: XLSX workbooks built with exceljs here (title rows, headers
// merged over two rows, blank rows, numeric and scientific-notation ID numbers, formula cells),
// CSV in UTF-8 with and without BOM and in GBK.
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { makeResidentIdCheckDigit } from "./id-number";
import en from "@/messages/en/registry.json";
import zh from "@/messages/zh-CN/registry.json";
import {
  columnLetter,
  FILE_ERROR_KEYS,
  IMPORT_FIELDS,
  MAX_IMPORT_BYTES,
  parseHouseholdFile,
  PROBLEM_KEYS,
  zipUnpackedSize,
  type CountyPlaces,
  type ImportProblem,
  type ParseResult,
} from "./import";

const PLACES: CountyPlaces = {
  townships: [
    {
      id: "620523109",
      nameZh: "大庄镇",
      nameEn: "Dazhuang Town",
      villages: [
        { id: "620523109201", nameZh: "大庄村", nameEn: "Dazhuang Village" },
        { id: "620523109202", nameZh: "红崖湾村", nameEn: "Hongyawan Village" },
      ],
    },
    {
      id: "620523100",
      nameZh: "大像山镇",
      nameEn: "Daxiangshan Town",
      villages: [
        { id: "620523100201", nameZh: "姚庄村", nameEn: "Yaozhuang Village" },
        { id: "620523100299", nameZh: "红崖湾村", nameEn: "Hongyawan Village" }, // the same name in another township
      ],
    },
  ],
};
const OPTIONS = { currentYear: 2026 };

/** A valid resident ID: Gangu's code, a birth date, a sequence, the right check digit. */
function residentId(seq: number, birth = "19800101"): string {
  const first17 = `620523${birth}${String(seq).padStart(3, "0")}`;
  return first17 + makeResidentIdCheckDigit(first17);
}
const ID1 = residentId(1);
const ID2 = residentId(2);
const ID3 = residentId(3);
function wrongCheck(id: string): string {
  const digit = id[17] === "0" ? "1" : "0";
  return id.slice(0, 17) + digit;
}

const HEADER = ["户编号", "户主姓名", "身份证号", "乡镇", "村", "家庭人口", "户类型", "识别年份"];
type Value = ExcelJS.CellValue;

async function xlsx(build: (ws: ExcelJS.Worksheet, wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet("花名册"), wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

async function simpleXlsx(rows: Value[][]): Promise<Uint8Array> {
  return xlsx((ws) => {
    ws.addRow(HEADER);
    for (const r of rows) ws.addRow(r);
  });
}

async function parse(bytes: Uint8Array, name = "花名册.xlsx"): Promise<ParseResult> {
  return parseHouseholdFile(bytes, name, PLACES, OPTIONS);
}

async function parsedOk(bytes: Uint8Array, name?: string) {
  const result = await parse(bytes, name);
  if (!result.ok) throw new Error(`expected a parsed file, got ${JSON.stringify(result)}`);
  return result;
}

const brief = (problems: ImportProblem[]) => problems.map((p) => `${p.row}:${p.field}:${p.key}`);

describe("XLSX as counties keep it", () => {
  it("finds the header under a title row, with headers merged over two rows, and skips blank rows and the footer", async () => {
    const bytes = await xlsx((ws) => {
      ws.getCell("A1").value = "甘谷县建档立卡户花名册";
      ws.mergeCells("A1:H1");
      ws.getCell("A2").value = "填报单位：大庄镇人民政府";
      // Row 3–4: a two-row header. Code, name and ID merged down; "所在地" spans township and village.
      ws.getCell("A3").value = "户编号";
      ws.mergeCells("A3:A4");
      ws.getCell("B3").value = "户主\n姓名";
      ws.mergeCells("B3:B4");
      ws.getCell("C3").value = "身份证号码（18位）";
      ws.mergeCells("C3:C4");
      ws.getCell("D3").value = "所在地";
      ws.mergeCells("D3:E3");
      ws.getCell("D4").value = "乡（镇）";
      ws.getCell("E4").value = "村";
      ws.getCell("F3").value = "家庭信息";
      ws.mergeCells("F3:H3");
      ws.getCell("F4").value = "人口数";
      ws.getCell("G4").value = "状态";
      ws.getCell("H4").value = "纳入年份";
      ws.getRow(5).values = ["GG-2014-9001", "王示例", ID1, "大庄镇", "大庄村", 4, "已脱贫", 2014];
      // Row 6 blank, row 7 only spaces.
      ws.getRow(7).values = ["  ", "", null, "", "", null, "", ""];
      ws.getRow(8).values = ["GG-2014-9002", "李演示", ID2, "大庄镇", "红崖湾", "3人", "监测户", "2015年"];
      ws.getRow(9).values = ["合计", null, null, null, null, 7];
      ws.getRow(10).values = ["填表人：张三", null, null, "审核人：李四"];
    });
    const result = await parsedOk(bytes);
    expect(result.format).toBe("xlsx");
    expect(result.sheet).toBe("花名册");
    expect(result.headerRows).toEqual([3, 4]);
    expect(result.columns.map((c) => `${c.field}=${c.column}`)).toEqual([
      "registryCode=A",
      "headName=B",
      "idNumber=C",
      "township=D",
      "village=E",
      "members=F",
      "status=G",
      "yearIdentified=H",
    ]);
    expect(result.problems).toEqual([]);
    expect(result.dataRows).toBe(2);
    expect(result.rows).toEqual([
      {
        row: 5,
        registryCode: "GG-2014-9001",
        headName: "王示例",
        idNumber: ID1,
        townshipId: "620523109",
        villageId: "620523109201",
        members: 4,
        status: "LIFTED",
        yearIdentified: 2014,
      },
      {
        row: 8,
        registryCode: "GG-2014-9002",
        headName: "李演示",
        idNumber: ID2,
        townshipId: "620523109",
        villageId: "620523109202",
        members: 3,
        status: "MONITORED",
        yearIdentified: 2015,
      },
    ]);
  });

  it("skips an instructions sheet and reads the roster on the next one", async () => {
    const bytes = await xlsx((ws, wb) => {
      ws.getCell("A1").value = "填表说明：身份证号一列请设为文本格式。";
      const roster = wb.addWorksheet("2024年名册");
      roster.addRow(HEADER);
      roster.addRow(["GG-1", "王示例", ID1, "大庄镇", "大庄村", 2, "未脱贫", 2014]);
    });
    const result = await parsedOk(bytes);
    expect(result.sheet).toBe("2024年名册");
    expect(result.rows.map((r) => r.status)).toEqual(["NOT_LIFTED"]);
  });

  it("reads an ID number stored as a number as lost precision, and one in scientific notation too", async () => {
    const result = await parsedOk(
      await simpleXlsx([
        ["GG-1", "王示例", Number(ID1), "大庄镇", "大庄村", 4, "已脱贫", 2014],
        ["GG-2", "李演示", "6.20523E+17", "大庄镇", "大庄村", 4, "已脱贫", 2014],
        ["GG-3", "张样例", ID3, "大庄镇", "大庄村", 4, "已脱贫", 2014],
      ]),
    );
    expect(brief(result.problems)).toEqual(["2:idNumber:idStoredAsNumber", "3:idNumber:idStoredAsNumber"]);
    expect(result.problems[0]!.column).toBe("C");
    expect(result.rows.map((r) => r.idNumber)).toEqual([ID3]);
  });

  it('accepts an ID number with a lower-case x, spaces, or written as ="…", and rejects a wrong check digit, a bad birth date and the old 15 digits', async () => {
    const withX = Array.from({ length: 100 }, (_, i) => residentId(100 + i)).find((id) => id.endsWith("X"))!;
    const badDate = (() => {
      const f = "62052319800231001"; // 31 February
      return f + makeResidentIdCheckDigit(f);
    })();
    const result = await parsedOk(
      await simpleXlsx([
        ["GG-1", "王示例", `${ID1.slice(0, 6)} ${ID1.slice(6)}`, "大庄镇", "大庄村", 4, "已脱贫", 2014],
        ["GG-2", "李演示", `="${ID2}"`, "大庄镇", "大庄村", 4, "已脱贫", 2014],
        ["GG-3", "张样例", wrongCheck(ID3), "大庄镇", "大庄村", 4, "已脱贫", 2014],
        ["GG-4", "赵示例", badDate, "大庄镇", "大庄村", 4, "已脱贫", 2014],
        ["GG-5", "钱示例", "620523800101001", "大庄镇", "大庄村", 4, "已脱贫", 2014],
        ["GG-6", "孙示例", "62052319800101", "大庄镇", "大庄村", 4, "已脱贫", 2014],
        ["GG-7", "周示例", withX.toLowerCase(), "大庄镇", "大庄村", 4, "已脱贫", 2014],
      ]),
    );
    expect(brief(result.problems)).toEqual([
      "4:idNumber:idCheckDigit",
      "5:idNumber:idBirthDate",
      "6:idNumber:idOldFormat",
      "7:idNumber:idFormat",
    ]);
    expect(result.rows.map((r) => r.idNumber)).toEqual([ID1, ID2, withX.toUpperCase()]);
  });

  it("refuses formula cells anywhere and names that begin like a formula", async () => {
    const result = await parsedOk(
      await simpleXlsx([
        ["GG-1", { formula: 'HYPERLINK("http://example.test","王示例")', result: "王示例" }, ID1, "大庄镇", "大庄村", 4, "已脱贫", 2014],
        ["GG-2", '=HYPERLINK("http://example.test","李演示")', ID2, "大庄镇", "大庄村", 4, "已脱贫", 2014],
        ["GG-3", "@张样例", ID3, "大庄镇", "大庄村", { formula: "2+2", result: 4 }, "已脱贫", 2014],
        ["GG-4", "赵示例", residentId(4), "大庄镇", "大庄村", 4, { error: "#N/A" }, 2014],
      ]),
    );
    expect(brief(result.problems)).toEqual([
      "2:headName:formula",
      "3:headName:nameFormulaLike",
      "4:headName:nameFormulaLike",
      "4:members:formula",
      "5:status:cellError",
    ]);
    expect(result.rows).toEqual([]);
  });

  it("reports duplicates within the file, pointing at the first row", async () => {
    const result = await parsedOk(
      await simpleXlsx([
        ["GG-1", "王示例", ID1, "大庄镇", "大庄村", 4, "已脱贫", 2014],
        ["GG-2", "李演示", ID1, "大庄镇", "大庄村", 4, "已脱贫", 2014],
        ["GG-1", "张样例", ID3, "大庄镇", "大庄村", 4, "已脱贫", 2014],
      ]),
    );
    expect(result.problems).toEqual([
      { row: 3, field: "idNumber", column: "C", key: "idDuplicate", values: { row: 2 } },
      { row: 4, field: "registryCode", column: "A", key: "codeDuplicate", values: { row: 2 } },
    ]);
    expect(result.rows.map((r) => r.row)).toEqual([2]);
  });

  it("finds villages only in the county given, by township when there is one; an unknown or ambiguous village is a problem", async () => {
    const result = await parsedOk(
      await simpleXlsx([
        ["GG-1", "王示例", ID1, "大像山", "姚庄", 4, "已脱贫", 2014],
        ["GG-2", "李演示", ID2, "", "红崖湾村", 4, "已脱贫", 2014],
        ["GG-3", "张样例", ID3, "红湾寺镇", "隆畅村", 4, "已脱贫", 2014], // Sunan's township
        ["GG-4", "赵示例", residentId(4), "", "大都麻村", 4, "已脱贫", 2014], // Sunan's village
        ["GG-5", "钱示例", residentId(5), "大庄镇", "姚庄村", 4, "已脱贫", 2014], // in another township
        ["GG-6", "孙示例", residentId(6), "", "", 4, "已脱贫", 2014],
      ]),
    );
    expect(result.problems).toEqual([
      { row: 3, field: "village", column: "E", key: "villageAmbiguous", values: { village: "红崖湾村" } },
      { row: 4, field: "township", column: "D", key: "townshipUnknown", values: { township: "红湾寺镇" } },
      { row: 5, field: "village", column: "E", key: "villageUnknown", values: { village: "大都麻村" } },
      { row: 6, field: "village", column: "E", key: "villageNotInTownship", values: { village: "姚庄村", township: "大庄镇" } },
      { row: 7, field: "village", column: "E", key: "required" },
    ]);
    expect(result.rows.map((r) => [r.townshipId, r.villageId])).toEqual([["620523100", "620523100201"]]);
  });

  it("checks members (1–20), status words and the year of identification", async () => {
    const result = await parsedOk(
      await simpleXlsx([
        ["GG-1", "王示例", residentId(1), "大庄镇", "大庄村", 0, "已脱贫", 2014],
        ["GG-2", "李演示", residentId(2), "大庄镇", "大庄村", 21, "脱贫户", 2014],
        ["GG-3", "张样例", residentId(3), "大庄镇", "大庄村", 2.5, "防返贫监测户", 2014],
        ["GG-4", "赵示例", residentId(4), "大庄镇", "大庄村", "四", "贫困户", 2014],
        ["GG-5", "钱示例", residentId(5), "大庄镇", "大庄村", 4, "小康户", 2014],
        ["GG-6", "孙示例", residentId(6), "大庄镇", "大庄村", 4, "已脱贫", 2012],
        ["GG-7", "周示例", residentId(7), "大庄镇", "大庄村", 4, "已脱贫", 2027],
        ["GG-8", "吴示例", residentId(8), "大庄镇", "大庄村", 4, "已脱贫", "十四年"],
        ["GG-9", "郑示例", residentId(9), "大庄镇", "大庄村", 20, "未脱贫", new Date("2016-03-01T00:00:00Z")],
        ["GG-10", "冯示例", residentId(10), "大庄镇", "大庄村", "1", "MONITORED", "2016-03"],
      ]),
    );
    expect(brief(result.problems)).toEqual([
      "2:members:membersRange",
      "3:members:membersRange",
      "4:members:membersInvalid",
      "5:members:membersInvalid",
      "6:status:statusUnknown",
      "7:yearIdentified:yearRange",
      "8:yearIdentified:yearRange",
      "9:yearIdentified:yearInvalid",
    ]);
    expect(result.problems[4]!.values).toEqual({ value: "小康户" });
    expect(result.problems[5]!.values).toEqual({ min: 2013, max: 2026 });
    expect(result.rows.map((r) => [r.registryCode, r.members, r.status, r.yearIdentified])).toEqual([
      ["GG-9", 20, "NOT_LIFTED", 2016],
      ["GG-10", 1, "MONITORED", 2016],
    ]);
  });

  it("refuses a sheet without the needed columns, naming them, and a sheet with a header but no rows", async () => {
    const missing = await parse(
      await xlsx((ws) => {
        ws.addRow(["户主姓名", "身份证号", "村"]);
        ws.addRow(["王示例", ID1, "大庄村"]);
      }),
    );
    expect(missing).toEqual({ ok: false, error: "importMissingColumns", values: { columns: "户编号、家庭人口、户类型、识别年份" } });
    expect(await parse(await simpleXlsx([]))).toEqual({ ok: false, error: "importNoRows" });
    expect(await parse(await xlsx((ws) => ws.addRow(["甘谷县", "花名册"])))).toEqual({ ok: false, error: "importHeaderNotFound" });
  });
});

describe("CSV", () => {
  const csvLines = [
    "甘谷县建档立卡户花名册,,,,,,,",
    HEADER.join(","),
    `GG-1,王示例,${ID1},大庄镇,大庄村,4,已脱贫,2014`,
    ",,,,,,,",
    `GG-2,李演示,6.20523E+17,大庄镇,大庄村,3,监测户,2015`,
    `GG-3,"=HYPERLINK(""http://example.test"",""张样例"")",${ID3},大庄镇,大庄村,3,监测户,2015`,
    "",
  ];
  const csv = csvLines.join("\r\n");

  function expectRoster(result: ParseResult) {
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.format).toBe("csv");
    expect(result.headerRows).toEqual([2, 2]);
    expect(result.rows.map((r) => [r.row, r.headName, r.idNumber])).toEqual([[3, "王示例", ID1]]);
    expect(brief(result.problems)).toEqual(["5:idNumber:idStoredAsNumber", "6:headName:nameFormulaLike"]);
  }

  it("reads UTF-8 with a BOM (Excel's “CSV UTF-8”)", async () => {
    expectRoster(await parse(new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv, "utf8")])), "roster.csv"));
  });

  it("reads UTF-8 without a BOM", async () => {
    expectRoster(await parse(new Uint8Array(Buffer.from(csv, "utf8")), "roster.csv"));
  });

  it("reads GBK, as Excel on Chinese Windows saves CSV", async () => {
    const gbk = encodeGbk(csv);
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(gbk)).toThrow(); // really not UTF-8
    expectRoster(await parse(gbk, "花名册.csv"));
  });

  it("reads tab-separated UTF-16 (Excel's “Unicode text”)", async () => {
    const tsv = csvLines.map((l) => l.replaceAll(",", "\t")).join("\r\n");
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, "utf16le")]);
    const result = await parse(new Uint8Array(bytes), "roster.txt");
    if (!result.ok) throw new Error(JSON.stringify(result));
    expect(result.rows.map((r) => r.idNumber)).toEqual([ID1]);
  });
});

describe("bad files", () => {
  it("refuses an empty file, one over the size limit, an old .xls, a broken .xlsx, binary junk and undecodable text", async () => {
    expect(await parse(new Uint8Array(0))).toEqual({ ok: false, error: "importFileEmpty" });
    expect(await parse(new Uint8Array(MAX_IMPORT_BYTES + 1))).toEqual({ ok: false, error: "importFileTooLarge", values: { maxMb: 10 } });
    const xls = new Uint8Array(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    expect(await parse(xls, "花名册.xls")).toEqual({ ok: false, error: "importXlsOld" });
    const good = await simpleXlsx([["GG-1", "王示例", ID1, "大庄镇", "大庄村", 4, "已脱贫", 2014]]);
    expect(await parse(good.subarray(0, Math.floor(good.length / 2)))).toEqual({ ok: false, error: "importFileMalformed" });
    expect(await parse(new Uint8Array(Buffer.from("PK\x03\x04 not really a zip")))).toMatchObject({ ok: false });
    expect(await parse(new Uint8Array(Buffer.from("%PDF-1.4\n%\xe2\xe3")), "scan.pdf")).toEqual({ ok: false, error: "importFileType" });
    expect(await parse(new Uint8Array(Buffer.from("not a zip at all")), "花名册.xlsx")).toEqual({
      ok: false,
      error: "importFileMalformed",
    });
    expect(await parse(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49]), "photo.png")).toEqual({
      ok: false,
      error: "importFileType",
    });
    // 0xFF is neither UTF-8 nor GBK.
    expect(await parse(new Uint8Array([0x61, 0x2c, 0xff, 0x0a]), "x.csv")).toEqual({ ok: false, error: "importEncoding" });
  });

  it("reads the unpacked size of an XLSX from its zip directory (a zip bomb is refused before unpacking)", async () => {
    const good = await simpleXlsx([["GG-1", "王示例", ID1, "大庄镇", "大庄村", 4, "已脱贫", 2014]]);
    const size = zipUnpackedSize(good);
    expect(size).toBeGreaterThan(good.length);
    expect(size).toBeLessThan(100_000);
    expect(zipUnpackedSize(new Uint8Array(100))).toBeNull();
  });

  it("names columns like Excel", () => {
    expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetter)).toEqual(["A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]);
  });
});

describe("messages", () => {
  it("every problem, refusal and field has a text in Chinese and English", () => {
    // The refusals the import actions add to the parser's own.
    const errors = [...FILE_ERROR_KEYS, "importCountyRequired", "importHasProblems", "importChangedSincePreview"];
    for (const messages of [zh, en]) {
      const texts = messages.registry.import as unknown as Record<string, Record<string, string>>;
      expect(PROBLEM_KEYS.filter((k) => !texts.problems![k])).toEqual([]);
      expect(errors.filter((k) => !texts.errors![k])).toEqual([]);
      expect(IMPORT_FIELDS.filter((k) => !texts.fields![k])).toEqual([]);
    }
    expect(zh.registry.import.problems.idStoredAsNumber).toBe("身份证号被 Excel 存成了数字，末几位已丢失，请把该列设为文本后重新导出");
  });
});

// GBK encoding for the test: Node decodes GBK but cannot encode it, so build the reverse table
// of the characters used from the decoder.
function encodeGbk(text: string): Uint8Array {
  const decoder = new TextDecoder("gbk");
  const needed = new Set([...text].filter((ch) => ch.charCodeAt(0) > 0x7f));
  const table = new Map<string, [number, number]>();
  for (let hi = 0x81; hi <= 0xfe && table.size < needed.size; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (needed.has(ch) && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  }
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) <= 0x7f) out.push(ch.charCodeAt(0));
    else {
      const pair = table.get(ch);
      if (!pair) throw new Error(`no GBK code for ${ch}`);
      out.push(...pair);
    }
  }
  return new Uint8Array(out);
}
