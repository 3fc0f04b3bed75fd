// The roster import and the registry export against the real (seeded) PostgreSQL, through the
// registered actions as the demo personas: a preview writes nothing; a confirm writes every row
// or none (one bad row → nothing); the same file again changes nothing (every table's
// fingerprint unchanged); changed facts update the household and a status change joins its
// history; an officer imports only into their own county's villages, and never touches another
// county's household. The export holds masked ID numbers only and escapes formula-like text.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { decryptResidentId, hashResidentId, householdKeys, maskResidentId } from "@/lib/households/id-number";
import { householdExport } from "@/lib/households/export.server";
import "@/lib/households/import-actions";
import type { ImportPreview } from "@/lib/households/import.server";
import { parseHouseholdFilters } from "@/lib/households/registry.server";
import { data, run } from "@/tests/support/actions";
import { testDb } from "@/tests/support/db";
import { databaseFingerprint } from "@/tests/support/fingerprint";
import { actorOf } from "@/tests/support/personas";
import { freshResidentId, rosterXlsx, xlsxFile, type RosterRow } from "@/tests/support/roster";

const GANGU = "620523";
const SUNAN = "620721";
const PREFIX = `IMP-${Date.now().toString(36).toUpperCase()}`;
let n = 0;
const code = () => `${PREFIX}-${String(++n).padStart(3, "0")}`;

let officerGangu: Actor;
let officerSunan: Actor;
let admin: Actor;

beforeAll(async () => {
  [officerGangu, officerSunan, admin] = (await Promise.all((["officerGangu", "officerSunan", "admin"] as const).map(actorOf))) as [
    Actor,
    Actor,
    Actor,
  ];
});

afterAll(async () => {
  await testDb.household.deleteMany({ where: { registryCode: { startsWith: PREFIX } } });
});

/** A Gangu roster row: 大庄镇 大庄村, 4 members, lifted, identified 2014. */
const row = (
  over: Partial<Record<"code" | "name" | "id" | "township" | "village" | "members" | "status" | "year", RosterRow[number]>> = {},
): RosterRow => [
  over.code ?? code(),
  over.name ?? "王导入",
  over.id ?? freshResidentId(),
  over.township ?? "大庄镇",
  over.village ?? "大庄村",
  over.members ?? 4,
  over.status ?? "已脱贫",
  over.year ?? 2014,
];

async function preview(actor: Actor, rows: RosterRow[], countyId = GANGU) {
  const file = xlsxFile(await rosterXlsx(rows));
  return { file, result: await run("household.importPreview", actor, { countyId, file }) };
}

const expectation = (p: ImportPreview) => ({
  sha256: p.sha256,
  expectNew: p.counts.new,
  expectUpdated: p.counts.updated,
  expectUnchanged: p.counts.unchanged,
});

async function previewAndConfirm(actor: Actor, rows: RosterRow[], countyId = GANGU) {
  const { file, result } = await preview(actor, rows, countyId);
  const p = data<ImportPreview>(result);
  return { preview: p, confirmed: await run("household.importConfirm", actor, { countyId, file, ...expectation(p) }) };
}

const ours = () => testDb.household.findMany({ where: { registryCode: { startsWith: PREFIX } }, orderBy: { registryCode: "asc" } });

describe("household import", () => {
  it("previews without writing, then imports every row: encrypted, hashed, masked, with an audit row", async () => {
    const rows = [
      row({ name: "王导入" }),
      row({ name: "李导入", village: "红崖湾", members: 2, status: "监测户", year: 2016 }),
      row({ township: "", village: "姚庄村", status: "未脱贫" }),
    ];
    const before = await databaseFingerprint();
    const { file, result } = await preview(officerGangu, rows);
    const p = data<ImportPreview>(result);
    expect(await databaseFingerprint()).toEqual(before);
    expect(p).toMatchObject({
      format: "xlsx",
      sheet: "花名册",
      headerRows: [2, 2],
      dataRows: 3,
      counts: { new: 3, updated: 0, unchanged: 0 },
      problemCount: 0,
      problems: [],
    });

    const confirmed = await run("household.importConfirm", officerGangu, { countyId: GANGU, file, ...expectation(p) });
    expect(confirmed).toEqual({ ok: true, data: { created: 3, updated: 0, unchanged: 0 } });
    const created = await ours();
    expect(
      created.map((h) => [h.headName, h.villageId, h.townshipId, h.countyId, h.members, h.status, h.yearIdentified, h.isDemo]),
    ).toEqual([
      ["王导入", "620523109201", "620523109", GANGU, 4, "LIFTED", 2014, false],
      ["李导入", "620523109202", "620523109", GANGU, 2, "MONITORED", 2016, false],
      ["王导入", "620523100201", "620523100", GANGU, 4, "NOT_LIFTED", 2014, false],
    ]);
    const keys = householdKeys();
    created.forEach((h, i) => {
      const id = rows[i]![2] as string;
      expect(decryptResidentId(h.idNumberCipher, keys.encKey)).toBe(id);
      expect(h.idNumberHash).toBe(hashResidentId(id, keys.macKey));
      expect(h.idNumberMasked).toBe(maskResidentId(id));
    });
    const audit = await testDb.auditLog.findFirstOrThrow({
      where: { action: "household.import", entityId: GANGU },
      orderBy: { createdAt: "desc" },
    });
    expect(audit.userId).toBe(officerGangu.userId);
    expect(audit.detail).toMatchObject({ fileName: "花名册.xlsx", sha256: p.sha256, created: 3, updated: 0, unchanged: 0 });

    // The same file again: the preview says unchanged, and confirming it changes no table at all.
    const again = await databaseFingerprint();
    const second = await previewAndConfirm(officerGangu, rows);
    expect(second.preview.counts).toEqual({ new: 0, updated: 0, unchanged: 3 });
    expect(second.confirmed).toEqual({ ok: true, data: { created: 0, updated: 0, unchanged: 3 } });
    expect(await databaseFingerprint()).toEqual(again);
  });

  it("one bad row and nothing is written: the preview lists it, the confirm is refused", async () => {
    const good = freshResidentId();
    const rows = [row(), row(), row({ id: good.slice(0, 17) + (good[17] === "0" ? "1" : "0") }), row()]; // row 5: a wrong check digit
    const before = await databaseFingerprint();
    const { file, result } = await preview(officerGangu, rows);
    const p = data<ImportPreview>(result);
    expect(p.problems).toEqual([{ row: 5, field: "idNumber", column: "C", key: "idCheckDigit" }]);
    expect(p.counts).toEqual({ new: 3, updated: 0, unchanged: 0 });
    // Even a confirm that claims the clean rows' counts is refused.
    expect(await run("household.importConfirm", officerGangu, { countyId: GANGU, file, ...expectation(p) })).toEqual({
      ok: false,
      error: "importHasProblems",
      values: { count: 1 },
    });
    expect(await databaseFingerprint()).toEqual(before);
  });

  it("a row that clashes with the registry stops the whole file: a registry code in use, an ID number under another code", async () => {
    const seeded = await testDb.household.findFirstOrThrow({
      where: { countyId: GANGU, id: { startsWith: "seed-hh-" } },
      orderBy: { registryCode: "asc" },
    });
    const keys = householdKeys();
    const seededId = decryptResidentId(seeded.idNumberCipher, keys.encKey);
    const before = await databaseFingerprint();
    const { file, result } = await preview(officerGangu, [row(), row({ code: seeded.registryCode }), row({ id: seededId })]);
    const p = data<ImportPreview>(result);
    expect(p.problems).toEqual([
      { row: 4, field: "registryCode", column: null, key: "codeTaken", values: { code: seeded.registryCode } },
      { row: 5, field: "registryCode", column: null, key: "idRegisteredAs", values: { code: seeded.registryCode } },
    ]);
    expect(await run("household.importConfirm", officerGangu, { countyId: GANGU, file, ...expectation(p) })).toMatchObject({
      ok: false,
      error: "importHasProblems",
    });
    expect(await databaseFingerprint()).toEqual(before);
  });

  it("updates a registered household's facts; a status change joins its status history", async () => {
    const id = freshResidentId();
    const registryCode = code();
    await previewAndConfirm(officerGangu, [row({ code: registryCode, id, members: 3, status: "已脱贫" })]);
    const household = await testDb.household.findUniqueOrThrow({ where: { registryCode } });

    const { preview: p, confirmed } = await previewAndConfirm(officerGangu, [
      row({ code: registryCode, id, members: 5, status: "监测户", village: "红崖湾村" }),
    ]);
    expect(p.counts).toEqual({ new: 0, updated: 1, unchanged: 0 });
    expect(p.updates).toEqual([
      {
        row: 3,
        registryCode,
        changes: [
          { field: "village", from: "620523109201", to: "620523109202" },
          { field: "members", from: 3, to: 5 },
          { field: "status", from: "LIFTED", to: "MONITORED" },
        ],
      },
    ]);
    expect(p.villages["620523109202"]).toEqual({ zh: "大庄镇红崖湾村", en: "Hongyawan Village, Dazhuang Town" });
    expect(confirmed).toEqual({ ok: true, data: { created: 0, updated: 1, unchanged: 0 } });
    const after = await testDb.household.findUniqueOrThrow({ where: { id: household.id } });
    expect([after.members, after.status, after.villageId, after.idNumberHash, after.idNumberCipher]).toEqual([
      5,
      "MONITORED",
      "620523109202",
      household.idNumberHash,
      household.idNumberCipher,
    ]);
    const history = await testDb.auditLog.findMany({ where: { entity: "Household", entityId: household.id }, orderBy: { action: "asc" } });
    expect(history.map((h) => h.action)).toEqual(["household.status", "household.update"]);
    expect(history[0]!.detail).toMatchObject({ from: "LIFTED", to: "MONITORED", note: "导入 花名册.xlsx" });
    expect(history[1]!.detail).toMatchObject({
      changes: [
        { field: "village", from: "620523109201", to: "620523109202" },
        { field: "members", from: 3, to: 5 },
      ],
    });
  });

  it("refuses a confirm whose file or counts differ from the preview, with nothing written", async () => {
    const rows = [row(), row()];
    const { file, result } = await preview(officerGangu, rows);
    const p = data<ImportPreview>(result);
    const before = await databaseFingerprint();
    const other = xlsxFile(await rosterXlsx([row()]));
    expect(await run("household.importConfirm", officerGangu, { countyId: GANGU, file: other, ...expectation(p) })).toMatchObject({
      ok: false,
      error: "importChangedSincePreview",
    });
    expect(await run("household.importConfirm", officerGangu, { countyId: GANGU, file, ...expectation(p), expectNew: 1 })).toMatchObject({
      ok: false,
      error: "importChangedSincePreview",
    });
    expect(await databaseFingerprint()).toEqual(before);
  });

  it("keeps an officer to their own county: Sunan's officer cannot import into Gangu, Gangu's villages are not Sunan's, another county's household is not touched", async () => {
    const before = await databaseFingerprint();
    const rows = [row()];
    expect((await preview(officerSunan, rows, GANGU)).result).toMatchObject({ ok: false, error: "notFound" });
    const { file } = await preview(officerGangu, rows);
    const forged = { countyId: GANGU, file, sha256: "0".repeat(64), expectNew: 1, expectUpdated: 0, expectUnchanged: 0 };
    expect(await run("household.importConfirm", officerSunan, forged)).toMatchObject({ ok: false, error: "notFound" });
    expect(await run("household.importConfirm", await actorOf("managerA"), forged)).toMatchObject({ ok: false, error: "notFound" });
    expect(await run("household.importConfirm", null, forged)).toMatchObject({ ok: false, error: "signInRequired" });

    // Gangu's rows, imported by Sunan's officer into Sunan: the villages are unknown there.
    const intoSunan = data<ImportPreview>((await preview(officerSunan, rows, SUNAN)).result);
    expect(intoSunan.problems).toEqual([
      { row: 3, field: "township", column: "D", key: "townshipUnknown", values: { township: "大庄镇" } },
    ]);

    // A Sunan household's ID number in a Gangu file: refused, and not moved to Gangu.
    const sunanHousehold = await testDb.household.findFirstOrThrow({
      where: { countyId: SUNAN, id: { startsWith: "seed-hh-" } },
      orderBy: { registryCode: "asc" },
    });
    const sunanId = decryptResidentId(sunanHousehold.idNumberCipher, householdKeys().encKey);
    const p = data<ImportPreview>((await preview(officerGangu, [row({ code: sunanHousehold.registryCode, id: sunanId })])).result);
    expect(p.problems).toEqual([{ row: 3, field: "idNumber", column: null, key: "idInOtherCounty" }]);
    expect(await databaseFingerprint()).toEqual(before);
  });

  it("lets an admin import into any county, and requires a county", async () => {
    const registryCode = code();
    const { confirmed } = await previewAndConfirm(admin, [row({ code: registryCode, township: "马蹄藏族乡", village: "大都麻村" })], SUNAN);
    expect(confirmed).toMatchObject({ ok: true, data: { created: 1 } });
    const created = await testDb.household.findUniqueOrThrow({ where: { registryCode } });
    expect([created.countyId, created.villageId]).toEqual([SUNAN, "620721200201"]);
    expect(await run("household.importPreview", admin, { countyId: "", file: xlsxFile(await rosterXlsx([row()])) })).toMatchObject({
      ok: false,
      fieldErrors: { countyId: ["importCountyRequired"] },
    });
    expect(await run("household.importPreview", admin, { countyId: "620523109", file: xlsxFile(await rosterXlsx([row()])) })).toMatchObject(
      { ok: false, error: "notFound" },
    );
  });

  it("answers a 50 MB upload, an empty one, a broken workbook and formula cells with clear errors, writing nothing", async () => {
    const before = await databaseFingerprint();
    const huge = new File([new Uint8Array(50 * 1024 * 1024)], "花名册.xlsx");
    expect(await run("household.importPreview", officerGangu, { countyId: GANGU, file: huge })).toMatchObject({
      ok: false,
      error: "invalidInput",
      fieldErrors: { file: ["importFileTooLarge"] },
    });
    expect(
      await run("household.importConfirm", officerGangu, {
        countyId: GANGU,
        file: huge,
        sha256: "0".repeat(64),
        expectNew: 1,
        expectUpdated: 0,
        expectUnchanged: 0,
      }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { file: ["importFileTooLarge"] },
    });
    expect(await run("household.importPreview", officerGangu, { countyId: GANGU, file: new File([], "空.xlsx") })).toMatchObject({
      fieldErrors: { file: ["importFileEmpty"] },
    });
    expect(await run("household.importPreview", officerGangu, { countyId: GANGU })).toMatchObject({
      fieldErrors: { file: ["importFileRequired"] },
    });
    const good = await rosterXlsx([row()]);
    expect(await run("household.importPreview", officerGangu, { countyId: GANGU, file: xlsxFile(good.subarray(0, 200)) })).toEqual({
      ok: false,
      error: "importFileMalformed",
      values: {},
    });

    const withFormula = await preview(officerGangu, [
      row({ name: { formula: 'HYPERLINK("http://example.test","王导入")', result: "王导入" } }),
      row({ name: "=1+1" }),
    ]);
    expect(data<ImportPreview>(withFormula.result).problems.map((p) => `${p.row}:${p.field}:${p.key}`)).toEqual([
      "3:headName:formula",
      "4:headName:nameFormulaLike",
    ]);
    expect(await databaseFingerprint()).toEqual(before);
  });
});

describe("household export", () => {
  async function workbookOf(actor: Actor, query: Record<string, string>) {
    const file = await householdExport(actor, parseHouseholdFilters(query));
    const chunks: Buffer[] = [];
    for await (const chunk of file.stream) chunks.push(Buffer.from(chunk as Uint8Array));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const rows: unknown[][] = [];
    sheet.eachRow((r, i) => {
      rows[i] = (r.values as unknown[]).slice(1);
    });
    return { file, sheet, rows };
  }

  it("exports the officer's county with the list's filters: Chinese headers, masked ID numbers, formula-like names escaped", async () => {
    const registryCode = code();
    const id = freshResidentId();
    const keys = householdKeys();
    await testDb.household.create({
      data: {
        registryCode,
        headName: '=HYPERLINK("http://example.test","点我")',
        idNumberCipher: "v1:x:y:z",
        idNumberHash: hashResidentId(id, keys.macKey),
        idNumberMasked: maskResidentId(id),
        villageId: "620523109201",
        townshipId: "620523109",
        countyId: GANGU,
        members: 3,
        status: "MONITORED",
        yearIdentified: 2015,
        isDemo: false,
      },
    });
    const { file, sheet, rows } = await workbookOf(officerGangu, { code: registryCode });
    expect(file.count).toBe(1);
    expect(file.fileName).toMatch(/^建档立卡户-甘谷县-\d{8}\.xlsx$/);
    expect(rows[1]![0]).toBe("甘谷县建档立卡户花名册");
    expect(rows[2]![0]).toBe(`筛选条件：户编号以 ${registryCode} 开头`);
    expect(String(rows[3]![0])).toMatch(/^共 1 户；身份证号已脱敏/);
    expect(rows[4]).toEqual(["户编号", "户主姓名", "身份证号（脱敏）", "县", "乡镇", "村", "家庭人口", "户类型", "识别年份"]);
    expect(rows[5]).toEqual([
      registryCode,
      `'=HYPERLINK("http://example.test","点我")`,
      maskResidentId(id),
      "甘谷县",
      "大庄镇",
      "大庄村",
      3,
      "监测户",
      2015,
    ]);
    expect(sheet.getCell("B5").type).toBe(ExcelJS.ValueType.String);
    const audit = await testDb.auditLog.findFirstOrThrow({
      where: { action: "household.export", userId: officerGangu.userId },
      orderBy: { createdAt: "desc" },
    });
    expect(audit.detail).toMatchObject({ rows: 1, filters: { code: registryCode } });
  });

  it("never holds a plain ID number, and an officer gets only their own county (an admin any)", async () => {
    const gangu = await workbookOf(officerGangu, { status: "MONITORED" });
    const expected = await testDb.household.count({ where: { countyId: GANGU, status: "MONITORED" } });
    expect(gangu.file.count).toBe(expected);
    const data = gangu.rows.slice(5);
    expect(data).toHaveLength(expected);
    for (const r of data) {
      expect(r[2]).toMatch(/^\d{4}\*{10}\d{3}[\dX]$/);
      expect(r[3]).toBe("甘谷县");
      expect(r[7]).toBe("监测户");
    }
    expect(JSON.stringify(gangu.rows)).not.toMatch(/\d{17}[\dX]/);

    // Sunan's officer asking for Gangu gets Sunan's households only; an admin gets Gangu's.
    const sunan = await workbookOf(officerSunan, { county: GANGU });
    expect(sunan.rows.slice(5).every((r) => r[3] === "肃南裕固族自治县")).toBe(true);
    expect(sunan.file.count).toBe(await testDb.household.count({ where: { countyId: SUNAN } }));
    const all = await workbookOf(admin, { county: GANGU, status: "MONITORED" });
    expect(all.file.count).toBe(expected);
  });
});
