// Operating the platform (issue 10), against the real database: the application flow with every
// bad input the issue names, approval in one transaction, disabled users, suspension taking products
// off the storefront, payouts and their statements, the audit log's scope, region codes.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import "@/lib/applications/actions";
import "@/lib/admin/actions";
import "@/lib/products/actions";
import { auditExportRows, auditFilters, auditPage } from "@/lib/admin/audit";
import { auditCsv } from "@/lib/admin/audit-csv";
import { applicationQueue } from "@/lib/applications/queries.server";
import { checkCredentials } from "@/lib/auth/credentials";
import { hashPassword } from "@/lib/auth/password";
import { loadActor } from "@/lib/auth/load-actor";
import { requestRefund } from "@/lib/orders/refunds";
import { demoProvider } from "@/lib/payments/demo";
import { payoutStatement, payoutRun } from "@/lib/settlement/payouts";
import { statementXlsx } from "@/lib/settlement/statement-xlsx";
import { LocalDiskStore, setFileStoreForTests } from "@/lib/storage";
import { data, run } from "./support/actions";
import { applicationFields, freshApplication, freshCreditCode, freshOperator, pdf, PDF_BYTES } from "./support/applications";
import { testDb } from "./support/db";
import { databaseFingerprint } from "./support/fingerprint";
import { paidOrderOf } from "./support/paid-orders";
import { actorOf, OPERATOR_A } from "./support/personas";
import { revalidatedTags } from "./support/setup";

let uploadDir: string;
const storedFiles = async () => (await readdir(path.join(uploadDir, "files", "applications")).catch(() => [])).length;

beforeAll(async () => {
  uploadDir = await mkdtemp(path.join(os.tmpdir(), "xk-admin-"));
  setFileStoreForTests(new LocalDiskStore(uploadDir));
});
afterAll(async () => {
  setFileStoreForTests(undefined);
  await rm(uploadDir, { recursive: true, force: true });
});
beforeEach(() => {
  revalidatedTags.length = 0;
});

async function shopper() {
  const user = await testDb.user.create({
    data: {
      email: `applicant-${Date.now()}-${Math.random().toString(36).slice(2)}@example.test`,
      name: "申请人",
      role: "SHOPPER",
      passwordHash: await hashPassword("Applicant-2026"),
    },
  });
  return (await loadActor(testDb, user.id))!;
}

describe("applying to sell: bad input is refused with a clear error and nothing half-written", () => {
  it("refuses a wrong check character, a village outside the county, a document that is not PDF/JPEG/PNG or too large, a duplicate code, and an applicant who already manages the operator", async () => {
    const me = await shopper();
    const managerA = (await actorOf("managerA"))!;
    const operatorA = await testDb.operator.findUniqueOrThrow({ where: { slug: OPERATOR_A } });
    const sunanVillage = await testDb.region.findFirstOrThrow({ where: { level: "VILLAGE", id: { startsWith: "620721" } } });
    const good = async () => ({ ...(await applicationFields()), licence: pdf(), foodLicence: pdf("sc.pdf") });
    const code = freshCreditCode();
    const wrongCheck = code.slice(0, 17) + (code[17] === "0" ? "1" : "0");
    const cases: [string, () => Promise<unknown>, typeof me, string][] = [
      ["wrong check character", async () => ({ ...(await good()), creditCode: wrongCheck }), me, "invalidInput"],
      ["village of another county", async () => ({ ...(await good()), villageId: sunanVillage.id }), me, "villageOutsideCounty"],
      [
        "a text file called .pdf",
        async () => ({ ...(await good()), licence: new File(["not a pdf"], "licence.pdf", { type: "application/pdf" }) }),
        me,
        "documentType",
      ],
      [
        "over the size limit",
        async () => ({ ...(await good()), foodLicence: new File([PDF_BYTES, new Uint8Array(5 * 1024 * 1024)], "big.pdf") }),
        me,
        "invalidInput",
      ],
      ["the code of an existing operator", async () => ({ ...(await good()), creditCode: operatorA.creditCode }), me, "creditCodeTaken"],
      [
        "its own manager applying again",
        async () => ({ ...(await good()), creditCode: operatorA.creditCode }),
        managerA,
        "applicationAlreadyManager",
      ],
    ];
    for (const [what, input, who, error] of cases) {
      const before = await databaseFingerprint();
      const files = await storedFiles();
      const result = await run("application.submit", who, await input());
      expect(result, what).toMatchObject({ ok: false, error });
      if (what === "wrong check character") expect(result.ok ? null : result.fieldErrors?.creditCode).toEqual(["creditCodeCheck"]);
      expect(await databaseFingerprint(), what).toEqual(before);
      expect(await storedFiles(), `${what}: no file left behind`).toBe(files);
    }
  });

  it("refuses a second open application with the same code, and staff accounts", async () => {
    const me = await shopper();
    const fields = { ...(await applicationFields()), licence: pdf(), foodLicence: pdf() };
    data(await run("application.submit", me, fields));
    const files = await storedFiles();
    expect(await run("application.submit", await shopper(), { ...fields, licence: pdf(), foodLicence: pdf() })).toMatchObject({
      error: "applicationCreditCodeOpen",
    });
    expect(await storedFiles()).toBe(files);
    expect(await run("application.submit", await actorOf("officerGangu"), fields)).toMatchObject({ error: "applicationStaff" });
  });

  it("someone not signed in gets an account with the application, and can sign in with it", async () => {
    const email = `new-${Date.now()}@example.test`;
    const res = data<{ id: string }>(
      await run("application.submit", null, {
        ...(await applicationFields()),
        licence: pdf(),
        foodLicence: pdf(),
        accountName: "新人",
        accountEmail: email,
        accountPassword: "long-enough-pw",
      }),
    );
    const app = await testDb.operatorApplication.findUniqueOrThrow({
      where: { id: res.id },
      include: { applicant: true, documents: true },
    });
    expect(app.applicant.email).toBe(email);
    expect(app.documents.map((d) => d.kind).sort()).toEqual(["BUSINESS_LICENCE", "FOOD_LICENCE"]);
    expect(await checkCredentials(testDb, email, "long-enough-pw", "10.9.9.9")).toMatchObject({ ok: true });
    // The same email again: refused, no second account, no application.
    const before = await databaseFingerprint();
    expect(
      await run("application.submit", null, {
        ...(await applicationFields()),
        licence: pdf(),
        foodLicence: pdf(),
        accountName: "x",
        accountEmail: email,
        accountPassword: "long-enough-pw",
      }),
    ).toMatchObject({
      error: "applicationEmailTaken",
    });
    expect(await databaseFingerprint()).toEqual(before);
  });
});

describe("the application's path", () => {
  it("county returns with a reason, applicant corrects, county recommends, admin approves: operator, manager and marks in one go", async () => {
    const me = await shopper();
    const officerGangu = (await actorOf("officerGangu"))!;
    const officerSunan = (await actorOf("officerSunan"))!;
    const admin = (await actorOf("admin"))!;
    const mark = await testDb.giMark.findFirstOrThrow({ where: { countyId: "620523" } });
    const fields = { ...(await applicationFields()), giMarkIds: [mark.id] };
    const { id } = data<{ id: string }>(await run("application.submit", me, { ...fields, licence: pdf(), foodLicence: pdf() }));

    // Sunan's office never sees it and cannot act on it.
    expect((await applicationQueue(officerSunan, undefined)).map((a) => a.id)).not.toContain(id);
    expect((await applicationQueue(officerGangu, "APPLIED")).map((a) => a.id)).toContain(id);
    expect(await run("application.recommend", officerSunan, { applicationId: id })).toMatchObject({ error: "notFound" });
    // Admin cannot approve before the county recommends.
    expect(await run("application.approve", admin, { applicationId: id })).toMatchObject({ error: "applicationWrongStep" });

    data(await run("application.return", officerGangu, { applicationId: id, reason: "营业执照不清晰" }));
    expect(await testDb.operatorApplication.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "RETURNED",
      reason: "营业执照不清晰",
    });
    data(await run("application.resubmit", me, { ...fields, applicationId: id, nameZh: "改正后的合作社", licence: pdf("clear.pdf") }));
    const resubmitted = await testDb.operatorApplication.findUniqueOrThrow({ where: { id }, include: { documents: true } });
    expect(resubmitted).toMatchObject({ status: "APPLIED", reason: null, nameZh: "改正后的合作社" });
    expect(resubmitted.documents.map((d) => d.fileName).sort()).toEqual(["clear.pdf", "licence.pdf"]);

    data(await run("application.recommend", officerGangu, { applicationId: id }));
    const approved = data<{ operatorId: string; slug: string }>(await run("application.approve", admin, { applicationId: id }));
    const operator = await testDb.operator.findUniqueOrThrow({
      where: { id: approved.operatorId },
      include: { memberships: true, giMarks: true },
    });
    expect(operator).toMatchObject({ creditCode: fields.creditCode, countyId: "620523", slug: approved.slug, isDemo: false });
    expect(operator.memberships.map((m) => m.userId)).toEqual([me.userId]);
    expect(operator.giMarks.map((g) => g.giMarkId)).toEqual([mark.id]);
    const manager = (await loadActor(testDb, me.userId))!;
    expect(manager).toMatchObject({ role: "MANAGER", operatorIds: [approved.operatorId] });
    // Approving twice does nothing more.
    expect(await run("application.approve", admin, { applicationId: id })).toMatchObject({ error: "applicationWrongStep" });
    const history = await testDb.auditLog.findMany({
      where: { entity: "OperatorApplication", entityId: id },
      orderBy: { createdAt: "asc" },
    });
    expect(history.map((h) => h.action)).toEqual([
      "application.submit",
      "application.return",
      "application.resubmit",
      "application.recommend",
      "application.approve",
    ]);
  });

  it("approval is all or nothing: a credit code taken meanwhile leaves no operator and the application recommended", async () => {
    const app = await freshApplication("RECOMMENDED");
    await freshOperator().then((op) => testDb.operator.update({ where: { id: op.id }, data: { creditCode: app.creditCode } }));
    const before = await databaseFingerprint();
    expect(await run("application.approve", await actorOf("admin"), { applicationId: app.id })).toMatchObject({ error: "creditCodeTaken" });
    expect(await databaseFingerprint()).toEqual(before);
  });
});

describe("disabling a user", () => {
  it("ends their sessions at once and refuses sign-in; re-enabling restores both", async () => {
    const admin = (await actorOf("admin"))!;
    const user = await shopper();
    expect(await loadActor(testDb, user.userId)).not.toBeNull();
    data(await run("admin.user.disable", admin, { userId: user.userId }));
    // The session cookie still names the user, but the actor reloaded per request is nobody.
    expect(await loadActor(testDb, user.userId)).toBeNull();
    expect(await checkCredentials(testDb, user.email, "Applicant-2026", "10.8.8.8")).toEqual({ ok: false, reason: "disabled" });
    expect(await checkCredentials(testDb, user.email, "wrong-password", "10.8.8.8")).toEqual({ ok: false, reason: "invalid" });
    expect(await run("admin.user.disable", admin, { userId: admin.userId })).toMatchObject({ error: "notOnYourself" });
    data(await run("admin.user.enable", admin, { userId: user.userId }));
    expect(await loadActor(testDb, user.userId)).not.toBeNull();
    const rows = await testDb.auditLog.findMany({ where: { entity: "User", entityId: user.userId }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.action, r.userId, (r.detail as { before: { disabled: boolean } }).before.disabled])).toEqual([
      ["user.disable", admin.userId, false],
      ["user.enable", admin.userId, true],
    ]);
  });

  it("an officer needs a county, and a role change is audited with before and after", async () => {
    const admin = (await actorOf("admin"))!;
    const user = await shopper();
    expect(await run("admin.user.role", admin, { userId: user.userId, role: "OFFICER", countyId: "" })).toMatchObject({
      error: "officerCountyRequired",
    });
    data(await run("admin.user.role", admin, { userId: user.userId, role: "OFFICER", countyId: "620721" }));
    expect(await loadActor(testDb, user.userId)).toMatchObject({ role: "OFFICER", countyId: "620721" });
    const row = await testDb.auditLog.findFirstOrThrow({ where: { entity: "User", entityId: user.userId, action: "user.role" } });
    expect(row.detail).toMatchObject({ before: { role: "SHOPPER", countyId: null }, after: { role: "OFFICER", countyId: "620721" } });
  });
});

describe("suspending an operator", () => {
  it("takes its listed products off the storefront at once (revalidated), refuses relisting, and reinstatement lists the same ones again", async () => {
    const admin = (await actorOf("admin"))!;
    const op = await freshOperator();
    const base = await testDb.product.findFirstOrThrow({ where: { countyId: "620523" } });
    const { id: _id, slug, createdAt: _c, updatedAt: _u, soldCount: _s, ...copy } = base;
    void [_id, _c, _u, _s];
    const listed = await testDb.product.create({
      data: { ...copy, slug: `${slug}-susp-${Date.now()}`, operatorId: op.id, listed: true, giMarkId: null },
    });
    const unlisted = await testDb.product.create({
      data: { ...copy, slug: `${slug}-susp2-${Date.now()}`, operatorId: op.id, listed: false, giMarkId: null },
    });
    data(await run("admin.operator.suspend", admin, { operatorId: op.id, reason: "资质过期" }));
    expect(revalidatedTags).toContain("catalog");
    expect((await testDb.product.findUniqueOrThrow({ where: { id: listed.id } })).listed).toBe(false);
    expect(await run("product.setListed", admin, { productId: listed.id, listed: "true" })).toMatchObject({ error: "operatorSuspended" });
    data(await run("admin.operator.reinstate", admin, { operatorId: op.id }));
    expect((await testDb.product.findUniqueOrThrow({ where: { id: listed.id } })).listed).toBe(true);
    expect((await testDb.product.findUniqueOrThrow({ where: { id: unlisted.id } })).listed).toBe(false);
  });

  it("a credit-code correction is audited before and after", async () => {
    const op = await freshOperator();
    const next = freshCreditCode();
    data(
      await run("admin.operator.update", await actorOf("admin"), {
        operatorId: op.id,
        nameZh: op.nameZh,
        nameEn: op.nameEn,
        kind: op.kind,
        creditCode: next,
        legalRep: "",
        mobile: "",
      }),
    );
    const row = await testDb.auditLog.findFirstOrThrow({ where: { entity: "Operator", entityId: op.id, action: "operator.creditCode" } });
    expect(row.detail).toEqual({ before: { creditCode: op.creditCode }, after: { creditCode: next } });
  });
});

describe("settlement payouts", () => {
  it("a payout covers each unpaid entry once; its statement's lines add up to it; a later refund lowers the next payout; rows are append-only", async () => {
    const admin = (await actorOf("admin"))!;
    const op = await freshOperator();
    const base = await testDb.product.findFirstOrThrow({ where: { countyId: "620523" } });
    const { id: _id, slug, createdAt: _c, updatedAt: _u, soldCount: _s, ...copy } = base;
    void [_id, _c, _u, _s];
    const product = await testDb.product.create({
      data: { ...copy, slug: `${slug}-pay-${Date.now()}`, operatorId: op.id, listed: false, giMarkId: null },
    });
    const order = await paidOrderOf({ id: product.id, operatorId: op.id }, 3, 3333);
    const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
    const owed = (await payoutRun(testDb, month, 250)).find((r) => r.operatorId === op.id)!;
    expect(owed.figures).toMatchObject({ salesFen: 9999, refundsFen: 0, feeFen: 249, payoutFen: 9750 });

    // The admin saw an amount; it changed before they recorded it: refused.
    expect(
      await run("settlement.payout.record", admin, {
        operatorId: op.id,
        month,
        paidOn: new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10),
        bankReference: "B1",
        expectAmountFen: "1",
      }),
    ).toMatchObject({
      error: "payoutChanged",
    });
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const first = data<{ id: string; amountFen: number }>(
      await run("settlement.payout.record", admin, {
        operatorId: op.id,
        month,
        paidOn: today,
        bankReference: "ICBC-001",
        expectAmountFen: "9999",
      }),
    );
    expect(first.amountFen).toBe(9999); // PLATFORM_FEE_BPS unset: no fee
    expect(
      await run("settlement.payout.record", admin, {
        operatorId: op.id,
        month,
        paidOn: today,
        bankReference: "ICBC-002",
        expectAmountFen: "9999",
      }),
    ).toMatchObject({
      error: "payoutNothingOwed",
    });
    const statement = (await payoutStatement(testDb, first.id))!;
    expect(statement.lines.reduce((s, l) => s + l.amountFen, 0)).toBe(statement.payout.amountFen);

    // The XLSX statement's amounts add up to the payout too.
    const xlsx = await statementXlsx(
      {
        operatorName: op.nameZh,
        creditCode: op.creditCode,
        periodMonth: month,
        paidOn: today,
        bankReference: "=HYPERLINK(1)",
        amountFen: statement.payout.amountFen,
        lines: statement.lines.map((l) => ({
          date: null,
          orderNumber: l.entry?.orderLine?.order.number ?? null,
          product: "p",
          kind: l.entry ? l.entry.kind : "FEE",
          quantity: null,
          amountFen: l.amountFen,
        })),
      },
      {
        title: "对账单",
        operator: "o",
        creditCode: "c",
        period: "p",
        paidOn: "d",
        bankReference: "b",
        columns: ["a", "b", "c", "d", "e", "f"],
        fee: "fee",
        total: "total",
        sale: "s",
        refund: "r",
        rule: "rule",
      },
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const amounts: number[] = [];
    let total = NaN;
    ws.eachRow((row, n) => {
      if (n <= 9) return;
      const v = row.getCell(6).value;
      if (row.getCell(1).value === "total") total = v as number;
      else if (typeof v === "number") amounts.push(v);
    });
    expect(Math.round(amounts.reduce((s, v) => s + v * 100, 0))).toBe(Math.round(total * 100));
    expect(ws.getCell("B6").value).toBe("'=HYPERLINK(1)");

    // A refund after the payout: counted now, and taken off the next payout.
    await requestRefund(
      testDb,
      demoProvider,
      { orderId: order.id, lines: [{ orderLineId: order.lines[0]!.id, amountFen: 1000 }], restock: false, reason: "坏果" } as never,
      admin,
    );
    const next = (await payoutRun(testDb, month, 0)).find((r) => r.operatorId === op.id)!;
    expect(next.figures).toMatchObject({ salesFen: 0, refundsFen: -1000, payoutFen: -1000 });
    expect(
      await run("settlement.payout.record", admin, { operatorId: op.id, month, paidOn: today, bankReference: "X", expectAmountFen: "1" }),
    ).toMatchObject({ error: "payoutNothingOwed" });

    await expect(testDb.$executeRaw`UPDATE "SettlementPayout" SET "amountFen" = 1 WHERE "id" = ${first.id}`).rejects.toThrow(/append-only/);
    await expect(testDb.$executeRaw`DELETE FROM "SettlementPayoutEntry" WHERE "payoutId" = ${first.id}`).rejects.toThrow(/append-only/);
  });
});

describe("the audit log viewer", () => {
  it("an officer sees only their own county's objects; an admin sees all; the CSV never runs a formula", async () => {
    const gangu = await freshApplication("APPLIED");
    const sunan = await freshApplication("APPLIED", undefined, "620721");
    data(await run("application.return", await actorOf("officerGangu"), { applicationId: gangu.id, reason: "=cmd|' /C calc'!A0" }));
    data(await run("application.return", await actorOf("officerSunan"), { applicationId: sunan.id, reason: "请补充" }));
    const f = auditFilters.parse({ entity: "OperatorApplication" });
    const ids = async (who: "officerGangu" | "officerSunan" | "admin" | "shopper") =>
      (await auditPage(testDb, (await actorOf(who))!, { ...f, page: 1 })).rows.map((r) => r.entityId);
    expect(await ids("officerGangu")).toContain(gangu.id);
    expect(await ids("officerGangu")).not.toContain(sunan.id);
    expect(await ids("officerSunan")).toContain(sunan.id);
    expect(await ids("officerSunan")).not.toContain(gangu.id);
    expect(await ids("admin")).toEqual(expect.arrayContaining([gangu.id, sunan.id]));
    expect(await ids("shopper")).toEqual([]);
    const rows = await auditExportRows(testDb, (await actorOf("officerGangu"))!, { ...auditFilters.parse({ entityId: gangu.id }) });
    const csv = auditCsv(rows, ["when", "email", "who", "action", "entity", "id", "detail"]);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toContain("application.return");
    expect(csv).not.toMatch(/(^|,)"?=cmd/m);
  });
});

describe("regions", () => {
  it("adds a village by its 12-digit code under its township; refuses a bad shape, a wrong parent, and deleting a used region", async () => {
    const admin = (await actorOf("admin"))!;
    const township = (await testDb.region.findFirstOrThrow({ where: { level: "TOWNSHIP", id: { startsWith: "620523" } } })).id;
    expect(await run("admin.region.create", admin, { code: "62052310020", parentId: township, nameZh: "x", nameEn: "x" })).toMatchObject({
      error: "regionCodeShape",
    });
    expect(await run("admin.region.create", admin, { code: "620721100201", parentId: township, nameZh: "x", nameEn: "x" })).toMatchObject({
      error: "regionCodeParent",
    });
    const used = await testDb.region.findFirstOrThrow({ where: { level: "VILLAGE", productsInVillage: { some: {} } } });
    expect(await run("admin.region.delete", admin, { regionId: used.id })).toMatchObject({ error: "regionInUse" });
    data(await run("admin.region.rename", admin, { regionId: used.id, nameZh: used.nameZh, nameEn: used.nameEn }));
  });
});
