import { mkdirSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import ExcelJS from "exceljs";
import { DEMO_ACCOUNTS } from "../prisma/demo-accounts";
import { freshResidentId, rosterXlsx } from "../tests/support/roster";
import { signInAs } from "./support/auth";

// The household roster import on the production build: the Gangu officer uploads a county
// spreadsheet, sees its problem in Chinese and nothing written, uploads the corrected file, confirms,
// and finds the households in the list; then downloads the registry as XLSX (masked ID numbers). A
// 50 MB file is refused in the browser before it is sent.

const OFFICER_GANGU = DEMO_ACCOUNTS.find((a) => a.key === "officer-gangu")!;
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

test.describe("office household import", () => {
  test("the Gangu officer previews a roster, sees its problem, imports the corrected file and exports the registry @phone", async ({
    page,
  }, testInfo) => {
    test.setTimeout(90_000);
    const prefix = `E2E-${testInfo.project.name.toUpperCase()}-${Date.now().toString(36).toUpperCase()}`;
    // The second ID goes into the sheet as a number too, so it must not end in X.
    const ids = [freshResidentId(), freshResidentId()];
    while (ids[1]!.endsWith("X")) ids[1] = freshResidentId();
    const rows = [
      [`${prefix}-1`, "王导入", ids[0]!, "大庄镇", "大庄村", 4, "已脱贫", 2014],
      [`${prefix}-2`, "李导入", ids[1]!, "大庄镇", "红崖湾村", 3, "监测户", 2016],
    ];
    // Row 4 of the sheet: the ID number as Excel stores a number typed into a General cell.
    const broken = await rosterXlsx([rows[0]!, [rows[1]![0]!, "李导入", Number(ids[1]), "大庄镇", "红崖湾村", 3, "监测户", 2016]]);
    const fixed = await rosterXlsx(rows);

    await signInAs(page, OFFICER_GANGU.email, OFFICER_GANGU.password);
    await page.goto("/office/households");
    await page.getByRole("link", { name: "导入花名册" }).click();
    await expect(page).toHaveURL(/\/office\/households\/import$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("导入花名册");

    const form = page.getByTestId("import-form");
    await form.getByLabel("花名册文件").setInputFiles({ name: "甘谷县花名册.xlsx", mimeType: XLSX, buffer: broken });
    await form.getByRole("button", { name: "预览" }).click();
    const preview = page.getByTestId("import-preview");
    await expect(preview.getByTestId("import-problem")).toHaveCount(1);
    const problem = preview.getByTestId("import-problem").first();
    await expect(problem.locator("td").first()).toHaveText("4");
    await expect(problem).toContainText("身份证号被 Excel 存成了数字，末几位已丢失，请把该列设为文本后重新导出");
    await expect(preview).toContainText("未写入任何数据");
    await expect(preview.getByRole("button", { name: "确认导入" })).toHaveCount(0);

    const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
    const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

    await form.getByLabel("花名册文件").setInputFiles({ name: "甘谷县花名册.xlsx", mimeType: XLSX, buffer: fixed });
    await form.getByRole("button", { name: "预览" }).click();
    await expect(preview.getByTestId("import-count-new")).toHaveText("2");
    await expect(preview).toContainText("没有发现问题");
    await preview.getByRole("button", { name: "确认导入" }).click();
    const done = page.getByTestId("import-done");
    await expect(done).toContainText("导入完成：新增 2 户，更新 0 户，0 户无变化。");

    await done.getByRole("link", { name: "查看建档立卡户" }).click();
    const search = page.getByTestId("household-search");
    await search.getByLabel("户编号").fill(prefix);
    await search.getByRole("button", { name: "查找" }).click();
    await expect(page.getByTestId("household-row")).toHaveCount(2);
    await expect(page.getByTestId("household-row").first()).toContainText("王导入");
    await expect(page.getByTestId("household-masked-id").first()).toHaveText(`${ids[0]!.slice(0, 4)}**********${ids[0]!.slice(14)}`);

    // The export of what the list shows: the two households, ID numbers masked.
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "导出 Excel" }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile((await download.path())!)) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(4).getCell(1).value).toBe("户编号");
    expect(
      [5, 6].map((r) => [sheet.getRow(r).getCell(1).value, sheet.getRow(r).getCell(2).value, sheet.getRow(r).getCell(3).value]),
    ).toEqual([
      [`${prefix}-1`, "王导入", `${ids[0]!.slice(0, 4)}**********${ids[0]!.slice(14)}`],
      [`${prefix}-2`, "李导入", `${ids[1]!.slice(0, 4)}**********${ids[1]!.slice(14)}`],
    ]);
    expect(sheet.rowCount).toBe(6);

    // The same file again: nothing to import.
    await page.goto("/office/households/import");
    await form.getByLabel("花名册文件").setInputFiles({ name: "甘谷县花名册.xlsx", mimeType: XLSX, buffer: fixed });
    await form.getByRole("button", { name: "预览" }).click();
    await expect(preview.getByTestId("import-count-unchanged")).toHaveText("2");
    await expect(preview.getByTestId("import-count-new")).toHaveText("0");
    await expect(preview).toContainText("无需导入");
    await expect(preview.getByRole("button", { name: "确认导入" })).toHaveCount(0);
  });

  test("a 50 MB file is refused with a clear message before it is sent (English page)", async ({ page }, testInfo) => {
    mkdirSync(testInfo.outputDir, { recursive: true });
    const big = path.join(testInfo.outputDir, "roster-50mb.xlsx");
    writeFileSync(big, Buffer.alloc(50 * 1024 * 1024, 0x41));
    await signInAs(page, OFFICER_GANGU.email, OFFICER_GANGU.password);
    await page.goto("/en/office/households/import");
    let sent = false;
    page.on("request", (r) => {
      if (r.method() === "POST") sent = true;
    });
    const form = page.getByTestId("import-form");
    await form.getByLabel("Roster file").setInputFiles(big);
    await form.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByTestId("import-error")).toHaveText(
      "The file is larger than 10 MB and cannot be imported. Remove unrelated sheets or pictures, or split it into several files.",
    );
    expect(sent).toBe(false);
  });
});
