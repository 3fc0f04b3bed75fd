// The program office's certification actions, run as the demo officers against the real
// PostgreSQL (seeded): the Gangu officer decides on Gangu products, the Sunan officer gets
// notFound for them and nothing changes, each decision leaves an audit row and revalidates the
// storefront. Every product here is a throwaway, unlisted product of the Gangu chili cooperative.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import "@/lib/certification/actions";
import { addYears, todayInChina } from "@/lib/certification/rules";
import type { ProductStatus } from "@/lib/generated/prisma/enums";
import { testDb } from "@/tests/support/db";
import { actorOf } from "@/tests/support/personas";
import { revalidatedTags } from "@/tests/support/setup";
import { run } from "@/tests/support/actions";

const RUN = Date.now().toString(36);
let counter = 0;

let officerGangu: Actor;
let officerSunan: Actor;
let managerGangu: Actor;
let admin: Actor;
let operatorId: string;
const created: string[] = [];

async function throwaway(status: ProductStatus = "PENDING_CERTIFICATION", extra: { certifiedUntil?: Date } = {}) {
  const n = ++counter;
  const p = await testDb.product.create({
    data: {
      slug: `certification-test-${RUN}-${n}`,
      operatorId,
      nameZh: `认定测试辣椒 ${n}`,
      nameEn: `Certification test chili ${n}`,
      category: "CHILI",
      unitZh: "袋",
      unitEn: "bag",
      specZh: "500克/袋",
      specEn: "500 g per bag",
      priceFen: 3850,
      stock: 0,
      status,
      listed: false,
      villageId: "620523109201",
      townshipId: "620523109",
      countyId: "620523",
      ...extra,
    },
  });
  created.push(p.id);
  return p.id;
}

const state = async (id: string) => ({
  product: await testDb.product.findUniqueOrThrow({ where: { id } }),
  audits: await testDb.auditLog.count({ where: { entity: "Product", entityId: id } }),
});

const inDays = (days: number) => new Date(Date.parse(`${todayInChina()}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  [officerGangu, officerSunan, managerGangu, admin] = (await Promise.all(
    (["officerGangu", "officerSunan", "managerA", "admin"] as const).map(actorOf),
  )) as [Actor, Actor, Actor, Actor];
  operatorId = (await testDb.operator.findUniqueOrThrow({ where: { slug: "dazhuang-chili-coop" } })).id;
});

beforeEach(() => {
  revalidatedTags.length = 0;
});

afterAll(async () => {
  // Audit rows are append-only: the throwaway products stay, unlisted and out of the demo catalogue.
  await testDb.product.updateMany({ where: { id: { in: created } }, data: { listed: false } });
});

describe("certification.certify", () => {
  it("the Gangu officer certifies a pending Gangu product, with an audit row, and the storefront is revalidated", async () => {
    const id = await throwaway();
    const until = inDays(200);
    const r = await run("certification.certify", officerGangu, { productId: id, until });
    expect(r.ok, JSON.stringify(r)).toBe(true);
    const p = await testDb.product.findUniqueOrThrow({ where: { id } });
    expect(p.status).toBe("CERTIFIED");
    expect(p.certifiedUntil?.toISOString()).toBe(new Date(`${until}T23:59:59.999+08:00`).toISOString());
    const audit = await testDb.auditLog.findFirstOrThrow({ where: { entity: "Product", entityId: id, action: "product.certify" } });
    expect(audit.userId).toBe(officerGangu.userId);
    expect(audit.detail).toMatchObject({ until: p.certifiedUntil!.toISOString() });
    expect(revalidatedTags).toContain("catalog");
  });

  it("the Sunan officer gets notFound and nothing changes", async () => {
    const id = await throwaway();
    const before = await state(id);
    expect(await run("certification.certify", officerSunan, { productId: id, until: inDays(100) })).toMatchObject({
      ok: false,
      error: "notFound",
    });
    expect(await run("certification.reject", officerSunan, { productId: id, reason: "不符合" })).toMatchObject({
      ok: false,
      error: "notFound",
    });
    expect(await state(id)).toEqual(before);
    expect(revalidatedTags).toEqual([]);
  });

  it("a manager is refused, even of the product's own cooperative", async () => {
    const id = await throwaway();
    const before = await state(id);
    for (const name of ["certification.certify", "certification.reject", "certification.revoke"]) {
      expect(await run(name, managerGangu, { productId: id, until: inDays(100), reason: "x" })).toMatchObject({
        ok: false,
        error: "notFound",
      });
    }
    expect(await run("certification.certify", null, { productId: id, until: inDays(100) })).toMatchObject({
      ok: false,
      error: "signInRequired",
    });
    expect(await state(id)).toEqual(before);
  });

  it("needs an end date after today and at most three years ahead", async () => {
    const id = await throwaway();
    const before = await state(id);
    for (const [until, key] of [
      [todayInChina(), "certifyUntilPast"],
      [inDays(-3), "certifyUntilPast"],
      [inDays(3 * 366 + 2), "certifyUntilTooFar"],
      ["2027-02-30", "dateInvalid"],
    ] as const) {
      const r = await run("certification.certify", officerGangu, { productId: id, until });
      expect(r).toMatchObject({ ok: false, error: "invalidInput", fieldErrors: { until: [key] } });
    }
    expect(await state(id)).toEqual(before);
    expect((await run("certification.certify", officerGangu, { productId: id, until: addYears(todayInChina(), 3) })).ok).toBe(true);
  });

  it("only a pending product can be certified", async () => {
    for (const status of ["DRAFT", "REJECTED"] as const) {
      const id = await throwaway(status);
      expect(await run("certification.certify", officerGangu, { productId: id, until: inDays(30) })).toMatchObject({
        ok: false,
        error: "notPending",
      });
      expect((await state(id)).audits).toBe(0);
    }
  });

  it("an admin certifies a product of any county", async () => {
    const id = await throwaway();
    expect((await run("certification.certify", admin, { productId: id, until: inDays(30) })).ok).toBe(true);
  });
});

describe("certification.reject", () => {
  it("requires a reason, then rejects with the reason the operator sees", async () => {
    const id = await throwaway();
    const before = await state(id);
    for (const reason of ["", "   ", undefined]) {
      expect(await run("certification.reject", officerGangu, { productId: id, reason })).toMatchObject({
        ok: false,
        fieldErrors: { reason: ["reviewReasonRequired"] },
      });
    }
    expect(await state(id)).toEqual(before);
    expect((await run("certification.reject", officerGangu, { productId: id, reason: "  照片与实物不符  " })).ok).toBe(true);
    expect(await testDb.product.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "REJECTED",
      reviewNote: "照片与实物不符",
      certifiedUntil: null,
    });
    const audit = await testDb.auditLog.findFirstOrThrow({ where: { entityId: id, action: "product.reject" } });
    expect(audit).toMatchObject({ userId: officerGangu.userId, detail: { note: "照片与实物不符" } });
    expect(revalidatedTags).toContain("catalog");
  });

  it("refuses a product that is not pending", async () => {
    const id = await throwaway("CERTIFIED", { certifiedUntil: new Date(Date.now() + 86_400_000 * 30) });
    expect(await run("certification.reject", officerGangu, { productId: id, reason: "x" })).toMatchObject({
      ok: false,
      error: "notPending",
    });
    expect((await testDb.product.findUniqueOrThrow({ where: { id } })).status).toBe("CERTIFIED");
  });
});

describe("certification.revoke", () => {
  it("revokes only a certified product: CERTIFIED → REJECTED with the reason, validity cleared", async () => {
    const pending = await throwaway();
    expect(await run("certification.revoke", officerGangu, { productId: pending, reason: "抽检不合格" })).toMatchObject({
      ok: false,
      error: "notCertified",
    });
    expect((await state(pending)).audits).toBe(0);

    const id = await throwaway();
    expect((await run("certification.certify", officerGangu, { productId: id, until: inDays(90) })).ok).toBe(true);
    expect(await run("certification.revoke", officerGangu, { productId: id, reason: "" })).toMatchObject({
      ok: false,
      fieldErrors: { reason: ["reviewReasonRequired"] },
    });
    expect(await run("certification.revoke", officerSunan, { productId: id, reason: "抽检不合格" })).toMatchObject({
      ok: false,
      error: "notFound",
    });
    expect((await testDb.product.findUniqueOrThrow({ where: { id } })).status).toBe("CERTIFIED");

    revalidatedTags.length = 0;
    expect((await run("certification.revoke", officerGangu, { productId: id, reason: "抽检不合格" })).ok).toBe(true);
    expect(await testDb.product.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "REJECTED",
      reviewNote: "抽检不合格",
      certifiedUntil: null,
    });
    const audit = await testDb.auditLog.findFirstOrThrow({ where: { entityId: id, action: "product.revoke" } });
    expect(audit).toMatchObject({ userId: officerGangu.userId, detail: { note: "抽检不合格" } });
    expect(revalidatedTags).toContain("catalog");
    // Once revoked, a second revocation is refused.
    expect(await run("certification.revoke", officerGangu, { productId: id, reason: "again" })).toMatchObject({
      ok: false,
      error: "notCertified",
    });
  });
});
