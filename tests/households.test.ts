// The office's household actions, run as the demo personas against the real (seeded) PostgreSQL:
// the Gangu officer reveals a Gangu household's ID number (with a reason, audited) and changes its
// status (history kept as audit rows, no future dates); the Sunan officer gets notFound and nothing
// is written; a cooperative manager is refused.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { hashResidentId, householdKeys, isValidResidentId } from "@/lib/households/id-number";
import "@/lib/households/actions";
import { todayInChina } from "@/lib/certification/rules";
import type { HouseholdStatus } from "@/lib/generated/prisma/enums";
import { testDb } from "@/tests/support/db";
import { actorOf } from "@/tests/support/personas";
import { run } from "@/tests/support/actions";

let officerGangu: Actor;
let officerSunan: Actor;
let managerGangu: Actor;
let householdId: string;
let originalStatus: HouseholdStatus;

const audits = (action: string) => testDb.auditLog.count({ where: { entity: "Household", entityId: householdId, action } });
const inDays = (days: number) => new Date(Date.parse(`${todayInChina()}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  [officerGangu, officerSunan, managerGangu] = (await Promise.all(
    (["officerGangu", "officerSunan", "managerA"] as const).map(actorOf),
  )) as [Actor, Actor, Actor];
  const h = await testDb.household.findFirstOrThrow({
    where: { countyId: "620523", id: { startsWith: "seed-hh-" } },
    orderBy: { registryCode: "desc" },
  });
  householdId = h.id;
  originalStatus = h.status;
});

afterAll(async () => {
  await testDb.household.update({ where: { id: householdId }, data: { status: originalStatus } });
});

describe("household.revealId", () => {
  it("the Gangu officer sees the plain ID number, which matches the stored hash, and an audit row is written", async () => {
    const before = await audits("household.reveal");
    const result = await run("household.revealId", officerGangu, { householdId, reason: "核对分红发放身份" });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    const { idNumber } = (result as { ok: true; data: { idNumber: string } }).data;
    expect(idNumber).toMatch(/^\d{17}[\dX]$/);
    expect(isValidResidentId(idNumber)).toBe(true);
    const stored = await testDb.household.findUniqueOrThrow({ where: { id: householdId } });
    expect(hashResidentId(idNumber, householdKeys().macKey)).toBe(stored.idNumberHash);
    expect(`${idNumber.slice(0, 4)}**********${idNumber.slice(14)}`).toBe(stored.idNumberMasked);
    expect(await audits("household.reveal")).toBe(before + 1);
    const row = await testDb.auditLog.findFirstOrThrow({
      where: { entity: "Household", entityId: householdId, action: "household.reveal" },
      orderBy: { createdAt: "desc" },
    });
    expect(row.userId).toBe(officerGangu.userId);
    expect(row.detail).toEqual({ reason: "核对分红发放身份" });
  });

  it("requires a reason of at least 4 characters, and writes nothing without one", async () => {
    const before = await audits("household.reveal");
    for (const reason of ["", "  ", "查看"]) {
      const result = await run("household.revealId", officerGangu, { householdId, reason });
      expect(result).toMatchObject({ ok: false, error: "invalidInput", fieldErrors: { reason: ["revealReasonRequired"] } });
    }
    expect(await run("household.revealId", officerGangu, { householdId })).toMatchObject({ ok: false, error: "invalidInput" });
    expect(await audits("household.reveal")).toBe(before);
  });

  it("the Sunan officer gets notFound and no audit row; a manager is refused", async () => {
    const before = await audits("household.reveal");
    expect(await run("household.revealId", officerSunan, { householdId, reason: "核对分红发放身份" })).toMatchObject({
      ok: false,
      error: "notFound",
    });
    expect(await run("household.revealId", managerGangu, { householdId, reason: "核对分红发放身份" })).toMatchObject({
      ok: false,
      error: "notFound",
    });
    expect(await run("household.revealId", null, { householdId, reason: "核对分红发放身份" })).toMatchObject({
      ok: false,
      error: "signInRequired",
    });
    expect(await run("household.revealId", officerGangu, { householdId: "no-such-household", reason: "核对分红发放身份" })).toMatchObject({
      ok: false,
      error: "notFound",
    });
    expect(await audits("household.reveal")).toBe(before);
  });
});

describe("household.setStatus", () => {
  it("changes the status and records the change (from, to, effective date, note) as history", async () => {
    const from = (await testDb.household.findUniqueOrThrow({ where: { id: householdId } })).status;
    const to: HouseholdStatus = from === "MONITORED" ? "LIFTED" : "MONITORED";
    const before = await audits("household.status");
    const effectiveOn = inDays(-3);
    const result = await run("household.setStatus", officerGangu, { householdId, status: to, effectiveOn, note: "突发大病，纳入监测" });
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true, data: { status: to } });
    expect((await testDb.household.findUniqueOrThrow({ where: { id: householdId } })).status).toBe(to);
    expect(await audits("household.status")).toBe(before + 1);
    const row = await testDb.auditLog.findFirstOrThrow({
      where: { entity: "Household", entityId: householdId, action: "household.status" },
      orderBy: { createdAt: "desc" },
    });
    expect(row.userId).toBe(officerGangu.userId);
    expect(row.detail).toEqual({ from, to, effectiveOn, note: "突发大病，纳入监测" });

    // The same status again is refused and changes nothing.
    expect(await run("household.setStatus", officerGangu, { householdId, status: to, effectiveOn })).toMatchObject({
      ok: false,
      error: "statusUnchanged",
    });
    expect(await audits("household.status")).toBe(before + 1);
  });

  it("refuses a future effective date, a malformed one, and an unknown status, with no change", async () => {
    const { status } = await testDb.household.findUniqueOrThrow({ where: { id: householdId } });
    const to: HouseholdStatus = status === "LIFTED" ? "MONITORED" : "LIFTED";
    const before = await audits("household.status");
    expect(await run("household.setStatus", officerGangu, { householdId, status: to, effectiveOn: inDays(1) })).toMatchObject({
      ok: false,
      error: "invalidInput",
      fieldErrors: { effectiveOn: ["statusDateFuture"] },
    });
    expect(await run("household.setStatus", officerGangu, { householdId, status: to, effectiveOn: "2026-02-30" })).toMatchObject({
      ok: false,
      fieldErrors: { effectiveOn: ["dateInvalid"] },
    });
    expect(await run("household.setStatus", officerGangu, { householdId, status: "POOR", effectiveOn: inDays(0) })).toMatchObject({
      ok: false,
      error: "invalidInput",
    });
    expect((await testDb.household.findUniqueOrThrow({ where: { id: householdId } })).status).toBe(status);
    expect(await audits("household.status")).toBe(before);
  });

  it("the Sunan officer and a manager are refused with no change", async () => {
    const { status } = await testDb.household.findUniqueOrThrow({ where: { id: householdId } });
    const to: HouseholdStatus = status === "LIFTED" ? "MONITORED" : "LIFTED";
    const before = await audits("household.status");
    expect(await run("household.setStatus", officerSunan, { householdId, status: to, effectiveOn: inDays(0) })).toMatchObject({
      ok: false,
      error: "notFound",
    });
    expect(await run("household.setStatus", managerGangu, { householdId, status: to, effectiveOn: inDays(0) })).toMatchObject({
      ok: false,
      error: "notFound",
    });
    expect((await testDb.household.findUniqueOrThrow({ where: { id: householdId } })).status).toBe(status);
    expect(await audits("household.status")).toBe(before);
  });
});
