// The household registry as an XLSX file (建档立卡户花名册), for the office's own spreadsheets:
// the households the list shows with the same filters, in the actor's counties only. ID numbers
// are masked (the plain number never leaves the reveal action); every text cell goes through
// escapeCell so a name such as =HYPERLINK(...) stays text in Excel. Written with exceljs's
// streaming writer, 2,000 rows at a time, so a whole county (or an admin's every county) does not
// sit in memory. Every export leaves an AuditLog row (who, which filters, how many households).
import "server-only";
import { PassThrough, type Readable } from "node:stream";
import ExcelJS from "exceljs";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/db.server";
import { escapeCell, escapeCellValue } from "@/lib/export/cells";
import { householdWhere, type HouseholdFilters } from "./registry.server";
import { todayInChina } from "@/lib/certification/rules";
import { writeAudit } from "@/lib/audit/audit";

const BATCH = 2000;
const STATUS_ZH = { NOT_LIFTED: "未脱贫", LIFTED: "已脱贫", MONITORED: "监测户" } as const;
export const EXPORT_HEADERS = ["户编号", "户主姓名", "身份证号（脱敏）", "县", "乡镇", "村", "家庭人口", "户类型", "识别年份"] as const;
const WIDTHS = [16, 12, 22, 18, 12, 12, 10, 10, 10];

async function regionName(id: string | undefined): Promise<string | undefined> {
  if (!id) return undefined;
  return (await db.region.findUnique({ where: { id }, select: { nameZh: true } }))?.nameZh ?? id;
}

/** "户编号以 GG 开头；乡镇：大庄镇；状态：监测户", or "全部" with no filters. */
async function describeFilters(f: HouseholdFilters): Promise<string> {
  const [county, township, village] = await Promise.all([regionName(f.county), regionName(f.township), regionName(f.village)]);
  const parts = [
    county ? `县：${county}` : null,
    f.code ? `户编号以 ${f.code} 开头` : null,
    f.name ? `户主姓名含 ${f.name}` : null,
    township ? `乡镇：${township}` : null,
    village ? `村：${village}` : null,
    f.status ? `户类型：${STATUS_ZH[f.status]}` : null,
  ].filter(Boolean);
  return parts.length ? parts.join("；") : "全部";
}

export interface HouseholdExport {
  /** For Content-Disposition: a Chinese name (filename*) and an ASCII fallback. */
  fileName: string;
  asciiName: string;
  count: number;
  stream: Readable;
}

export async function householdExport(actor: Actor, filters: HouseholdFilters): Promise<HouseholdExport> {
  // An officer's list is their county whatever the URL says; so is the file and its description.
  const f: HouseholdFilters = actor.role === "ADMIN" ? filters : { ...filters, county: undefined };
  const where = householdWhere(actor, f);
  const count = await db.household.count({ where });
  const scopeId = actor.role === "ADMIN" ? (f.county ?? null) : actor.countyId;
  const scopeName = scopeId ? ((await regionName(scopeId)) ?? scopeId) : "全部县";
  const described = await describeFilters(f);
  const stamp = new Intl.DateTimeFormat("zh-CN", {
    timeZone: "Asia/Shanghai",
    dateStyle: "short",
    timeStyle: "short",
    hourCycle: "h23",
  }).format(new Date());
  const day = todayInChina().replaceAll("-", "");

  await writeAudit(db, {
    userId: actor.userId,
    action: "household.export",
    entity: "County",
    entityId: scopeId ?? "*",
    detail: { filters: Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)), rows: count },
  });

  const stream = new PassThrough();
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  workbook.creator = "小康集市";
  const sheet = workbook.addWorksheet("建档立卡户", { views: [{ state: "frozen", ySplit: 4 }] });
  sheet.columns = WIDTHS.map((width) => ({ width }));

  const write = async () => {
    // Rows 1–3 (title, filters, count and time) span the table's width; rows are merged before
    // they are committed (the streaming writer cannot go back).
    const title = sheet.addRow([escapeCell(`${scopeName}建档立卡户花名册`)]);
    title.font = { bold: true, size: 14 };
    sheet.addRow([escapeCell(`筛选条件：${described}`)]);
    sheet.addRow([escapeCell(`共 ${count} 户；身份证号已脱敏；导出时间 ${stamp}（北京时间）`)]);
    for (const r of [1, 2, 3]) sheet.mergeCells(r, 1, r, EXPORT_HEADERS.length);
    const header = sheet.addRow([...EXPORT_HEADERS]);
    header.font = { bold: true };
    header.commit();

    let after: string | undefined;
    for (;;) {
      const batch = await db.household.findMany({
        where: after ? { AND: [where, { registryCode: { gt: after } }] } : where,
        orderBy: { registryCode: "asc" },
        take: BATCH,
        select: {
          registryCode: true,
          headName: true,
          idNumberMasked: true,
          members: true,
          status: true,
          yearIdentified: true,
          county: { select: { nameZh: true } },
          township: { select: { nameZh: true } },
          village: { select: { nameZh: true } },
        },
      });
      for (const h of batch) {
        sheet
          .addRow(
            [
              h.registryCode,
              h.headName,
              h.idNumberMasked,
              h.county.nameZh,
              h.township.nameZh,
              h.village.nameZh,
              h.members,
              STATUS_ZH[h.status],
              h.yearIdentified,
            ].map(escapeCellValue),
          )
          .commit();
      }
      if (batch.length < BATCH) break;
      after = batch.at(-1)!.registryCode;
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => stream.destroy(error instanceof Error ? error : new Error(String(error))));

  return { fileName: `建档立卡户-${scopeName}-${day}.xlsx`, asciiName: `households-${scopeId ?? "all"}-${day}.xlsx`, count, stream };
}
