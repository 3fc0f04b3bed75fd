// The benefit-link and payout actions, run as the demo personas against the real PostgreSQL
// (seeded): they work for the manager's own cooperative, answer notFound and change nothing when
// the Sunan manager aims at Gangu objects, refuse links that promise more than a sale earns, and
// leave an audit row (and revalidate the storefront) for every change.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { formatBps } from "@/lib/benefits/amounts";
import { shanghaiToday } from "@/lib/time/shanghai";
import { mayReadPayoutProof } from "@/lib/benefits/proof-access.server";
import "@/lib/benefits/actions";
import { getFileStore, keyOfUrl, LocalDiskStore, setFileStoreForTests } from "@/lib/storage";
import { testDb } from "@/tests/support/db";
import { actorOf, OPERATOR_A, OPERATOR_B } from "@/tests/support/personas";
import { revalidatedTags } from "@/tests/support/setup";
import { data, run } from "@/tests/support/actions";
import { orderDefaults } from "./support/orders";

const GANGU = "620523";
const SUNAN = "620721";

const PDF = new TextEncoder().encode("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");
const pdf = () => new File([PDF], "slip.pdf", { type: "application/pdf" });

let managerA: Actor;
let managerB: Actor;
let admin: Actor;
let officerGangu: Actor;
let officerSunan: Actor;
let shopper: Actor;
let gangu: { id: string; countyId: string };
let sunan: { id: string; countyId: string };
let ganguProduct: { id: string; priceFen: number };
let sunanProduct: { id: string };
let uploadDir: string;
const createdLinks: string[] = [];

/** A Gangu household with no link to the Gangu operator yet (so no duplicate refusals). */
async function freeHousehold(countyId: string, operatorId: string, skip = 0) {
  return testDb.household.findFirstOrThrow({
    where: { countyId, benefitLinks: { none: { operatorId } } },
    orderBy: { registryCode: "asc" },
    skip,
    select: { id: true, registryCode: true },
  });
}

const linkInput = (over: Record<string, unknown> = {}) => ({
  operatorId: gangu.id,
  householdId: "",
  productId: ganguProduct.id,
  mechanism: "PURCHASE",
  rule: "PERCENT_OF_SALES",
  percent: "5",
  yuanPerUnit: "",
  validFrom: shanghaiToday(),
  validTo: "",
  ...over,
});

const counts = async () => ({
  links: await testDb.benefitLink.count(),
  payouts: await testDb.payout.count(),
  audit: await testDb.auditLog.count(),
});

beforeAll(async () => {
  const get = async (persona: Parameters<typeof actorOf>[0]) => (await actorOf(persona))!;
  [managerA, managerB, admin, officerGangu, officerSunan, shopper] = await Promise.all([
    get("managerA"),
    get("managerB"),
    get("admin"),
    get("officerGangu"),
    get("officerSunan"),
    get("shopper"),
  ]);
  gangu = await testDb.operator.findUniqueOrThrow({ where: { slug: OPERATOR_A }, select: { id: true, countyId: true } });
  sunan = await testDb.operator.findUniqueOrThrow({ where: { slug: OPERATOR_B }, select: { id: true, countyId: true } });
  expect(gangu.countyId).toBe(GANGU);
  expect(sunan.countyId).toBe(SUNAN);
  ganguProduct = await testDb.product.findFirstOrThrow({
    where: { operatorId: gangu.id, listed: true },
    orderBy: { slug: "asc" },
    select: { id: true, priceFen: true },
  });
  sunanProduct = await testDb.product.findFirstOrThrow({ where: { operatorId: sunan.id }, orderBy: { slug: "asc" }, select: { id: true } });
  uploadDir = await mkdtemp(path.join(os.tmpdir(), "xk-payouts-"));
  setFileStoreForTests(new LocalDiskStore(uploadDir));
});

afterAll(async () => {
  // Links made here have no allocations: remove them, so other tests and the browser tests see the seed.
  await testDb.benefitLink.deleteMany({ where: { id: { in: createdLinks }, allocations: { none: {} } } });
  setFileStoreForTests(undefined);
  await rm(uploadDir, { recursive: true, force: true });
});

beforeEach(() => {
  revalidatedTags.length = 0;
});

describe("link.create", () => {
  it("links a household of the county to one of the manager's products, with an audit row and a fresh storefront", async () => {
    const household = await freeHousehold(GANGU, gangu.id);
    const created = data<{ id: string }>(await run("link.create", managerA, linkInput({ householdId: household.id, percent: "2.5%" })));
    createdLinks.push(created.id);
    const link = await testDb.benefitLink.findUniqueOrThrow({ where: { id: created.id } });
    expect(link).toMatchObject({
      operatorId: gangu.id,
      productId: ganguProduct.id,
      householdId: household.id,
      rule: "PERCENT_OF_SALES",
      bps: 250,
      fenPerUnit: null,
      validTo: null,
    });
    const audit = await testDb.auditLog.findFirstOrThrow({ where: { entity: "BenefitLink", entityId: created.id } });
    expect(audit).toMatchObject({ action: "link.create", userId: managerA.userId });
    expect(revalidatedTags).toContain("catalog");
  });

  it("an operator-wide link with a fixed amount per unit", async () => {
    const household = await freeHousehold(GANGU, gangu.id);
    const created = data<{ id: string }>(
      await run(
        "link.create",
        managerA,
        linkInput({
          householdId: household.id,
          productId: "",
          rule: "FIXED_PER_UNIT",
          percent: "",
          yuanPerUnit: "0.01",
          mechanism: "WAGE",
        }),
      ),
    );
    createdLinks.push(created.id);
    expect(await testDb.benefitLink.findUniqueOrThrow({ where: { id: created.id } })).toMatchObject({
      productId: null,
      fenPerUnit: 1,
      bps: null,
      mechanism: "WAGE",
    });
  });

  it("refuses a link that would take the product past 100%, explaining with the figures, and changes nothing", async () => {
    const household = await freeHousehold(GANGU, gangu.id);
    const now = new Date();
    const active = await testDb.benefitLink.findMany({
      where: { productId: ganguProduct.id, validFrom: { lte: now }, OR: [{ validTo: null }, { validTo: { gte: now } }] },
      select: { bps: true },
    });
    const existing = active.reduce((s, l) => s + (l.bps ?? 0), 0);
    expect(existing).toBeGreaterThan(0); // at least the 2.5% made above
    const before = await counts();
    const result = await run("link.create", managerA, linkInput({ householdId: household.id, percent: "100" }));
    expect(result).toEqual({ ok: false, error: "linkOverPercentProduct", values: { existing: formatBps(existing), adding: "100%" } });
    expect(await counts()).toEqual(before);
    expect(revalidatedTags).toEqual([]);
  });

  it("refuses a fixed amount per unit that reaches the unit price", async () => {
    const household = await freeHousehold(GANGU, gangu.id);
    const before = await counts();
    const yuan = (ganguProduct.priceFen / 100).toFixed(2);
    const result = await run(
      "link.create",
      managerA,
      linkInput({ householdId: household.id, rule: "FIXED_PER_UNIT", percent: "", yuanPerUnit: yuan }),
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && ["linkOverFixed", "linkOverMixed"]).toContain(!result.ok && result.error);
    expect(await counts()).toEqual(before);
  });

  it("answers invalid input field by field", async () => {
    const result = await run("link.create", managerA, linkInput({ householdId: "x", percent: "abc", validFrom: "2026-13-01" }));
    expect(result).toMatchObject({ ok: false, error: "invalidInput" });
    expect(!result.ok && result.fieldErrors).toMatchObject({ percent: ["linkPercentInvalid"], validFrom: ["dateInvalid"] });
  });

  it("the Sunan manager gets notFound and changes nothing: Gangu operator, Gangu product, Gangu household", async () => {
    const ganguHousehold = await freeHousehold(GANGU, gangu.id);
    const sunanHousehold = await freeHousehold(SUNAN, sunan.id);
    const before = await counts();
    // The Gangu operator itself.
    expect(await run("link.create", managerB, linkInput({ householdId: ganguHousehold.id }))).toMatchObject({
      ok: false,
      error: "notFound",
    });
    // Their own operator, but a Gangu product.
    expect(
      await run("link.create", managerB, linkInput({ operatorId: sunan.id, householdId: sunanHousehold.id, productId: ganguProduct.id })),
    ).toMatchObject({
      ok: false,
      error: "notFound",
    });
    // Their own operator and product, but a household of another county.
    expect(
      await run("link.create", managerB, linkInput({ operatorId: sunan.id, householdId: ganguHousehold.id, productId: sunanProduct.id })),
    ).toMatchObject({
      ok: false,
      error: "notFound",
    });
    // Shoppers, officers and the signed-out are refused before anything is looked at.
    expect(await run("link.create", shopper, linkInput({ householdId: ganguHousehold.id }))).toMatchObject({
      ok: false,
      error: "notFound",
    });
    expect(await run("link.create", officerGangu, linkInput({ householdId: ganguHousehold.id }))).toMatchObject({
      ok: false,
      error: "notFound",
    });
    expect(await run("link.create", null, linkInput({ householdId: ganguHousehold.id }))).toMatchObject({
      ok: false,
      error: "signInRequired",
    });
    expect(await counts()).toEqual(before);
    expect(revalidatedTags).toEqual([]);
  });

  it("an admin may link for any operator", async () => {
    const household = await freeHousehold(SUNAN, sunan.id);
    const created = data<{ id: string }>(
      await run(
        "link.create",
        admin,
        linkInput({ operatorId: sunan.id, householdId: household.id, productId: sunanProduct.id, percent: "0.5" }),
      ),
    );
    createdLinks.push(created.id);
  });
});

describe("link.end and link.delete", () => {
  it("the Sunan manager cannot end or delete a Gangu link", async () => {
    const id = createdLinks[0]!;
    const before = await testDb.benefitLink.findUniqueOrThrow({ where: { id } });
    expect(await run("link.end", managerB, { linkId: id })).toMatchObject({ ok: false, error: "notFound" });
    expect(await run("link.delete", managerB, { linkId: id })).toMatchObject({ ok: false, error: "notFound" });
    expect(await testDb.benefitLink.findUniqueOrThrow({ where: { id } })).toEqual(before);
  });

  it("ends a link at the end of the chosen day (today by default), refusing past days", async () => {
    const id = createdLinks[0]!;
    expect(await run("link.end", managerA, { linkId: id, endOn: "2020-01-01" })).toMatchObject({ ok: false, error: "linkEndInPast" });
    const ended = data<{ endOn: string }>(await run("link.end", managerA, { linkId: id }));
    expect(ended.endOn).toBe(shanghaiToday());
    const link = await testDb.benefitLink.findUniqueOrThrow({ where: { id } });
    expect(link.validTo?.getTime()).toBeGreaterThan(Date.now());
    expect(await testDb.auditLog.count({ where: { entityId: id, action: "link.end" } })).toBe(1);
    expect(revalidatedTags).toContain("catalog");
  });

  it("deletes a link without allocations", async () => {
    const id = createdLinks[1]!;
    data(await run("link.delete", managerA, { linkId: id }));
    expect(await testDb.benefitLink.findUnique({ where: { id } })).toBeNull();
    expect(await testDb.auditLog.count({ where: { entityId: id, action: "link.delete" } })).toBe(1);
  });

  it("refuses to delete a link with allocations (it can only be ended)", async () => {
    // Allocations are append-only, so this uses a throwaway operator, household and cancelled order
    // left in place (0 fen, so no figure anywhere counts it).
    const tag = `T${Date.now().toString(36).toUpperCase()}`;
    const village = await testDb.region.findFirstOrThrow({
      where: { level: "VILLAGE", id: { startsWith: GANGU } },
      select: { id: true, parentId: true },
    });
    const op = await testDb.operator.create({
      data: {
        slug: `test-op-${tag.toLowerCase()}`,
        nameZh: "测试合作社",
        nameEn: "Test co-op",
        kind: "COOPERATIVE",
        creditCode: `T${tag}`.padEnd(18, "0").slice(0, 18),
        countyId: GANGU,
        isDemo: true,
      },
    });
    const product = await testDb.product.create({
      data: {
        slug: `test-product-${tag.toLowerCase()}`,
        operatorId: op.id,
        nameZh: "测试商品",
        nameEn: "Test product",
        category: "CHILI",
        unitZh: "袋",
        unitEn: "bag",
        specZh: "1袋",
        specEn: "1 bag",
        priceFen: 1000,
        stock: 0,
        listed: false,
        villageId: village.id,
        townshipId: village.parentId!,
        countyId: GANGU,
      },
    });
    const household = await testDb.household.create({
      data: {
        registryCode: `TEST-${tag}`,
        headName: "测试示例",
        idNumberCipher: "test",
        idNumberHash: `test-${tag}`,
        idNumberMasked: "6205**********0000",
        villageId: village.id,
        townshipId: village.parentId!,
        countyId: GANGU,
        members: 1,
        status: "LIFTED",
        yearIdentified: 2014,
      },
    });
    const link = await testDb.benefitLink.create({
      data: {
        householdId: household.id,
        operatorId: op.id,
        productId: product.id,
        mechanism: "PURCHASE",
        rule: "PERCENT_OF_SALES",
        bps: 100,
        validFrom: new Date("2025-01-01T00:00:00Z"),
      },
    });
    const order = await testDb.order.create({
      data: { ...orderDefaults(), number: `TEST-${tag}`, email: "test@example.test", status: "CANCELLED", totalFen: 1000 },
    });
    const line = await testDb.orderLine.create({
      data: {
        orderId: order.id,
        productId: product.id,
        operatorId: op.id,
        quantity: 1,
        unitPriceFen: 1000,
        netFen: 1000,
        certifiedAtSale: false,
      },
    });
    await testDb.allocation.create({ data: { orderLineId: line.id, householdId: household.id, benefitLinkId: link.id, amountFen: 0 } });

    const before = await counts();
    expect(await run("link.delete", admin, { linkId: link.id })).toEqual({ ok: false, error: "linkHasAllocations", values: {} });
    expect(await counts()).toEqual(before);
    data(await run("link.end", admin, { linkId: link.id }));
    expect((await testDb.benefitLink.findUniqueOrThrow({ where: { id: link.id } })).validTo).not.toBeNull();
  });
});

describe("payout.create", () => {
  let linkedHousehold: string;
  beforeAll(async () => {
    const link = await testDb.benefitLink.findFirstOrThrow({
      where: { operatorId: gangu.id },
      orderBy: { id: "asc" },
      select: { householdId: true },
    });
    linkedHousehold = link.householdId;
  });
  const payoutInput = (over: Record<string, unknown> = {}) => ({
    operatorId: gangu.id,
    householdId: linkedHousehold,
    mechanism: "DIVIDEND",
    amount: "1,234.50",
    paidOn: "2026-01-20",
    note: "2025 年度分红（测试）",
    proof: pdf(),
    ...over,
  });

  it("records a payout to a linked household, with its proof stored under payouts/<operator>/", async () => {
    const created = data<{ id: string }>(await run("payout.create", managerA, payoutInput()));
    const payout = await testDb.payout.findUniqueOrThrow({ where: { id: created.id } });
    expect(payout).toMatchObject({ operatorId: gangu.id, householdId: linkedHousehold, amountFen: 123450, mechanism: "DIVIDEND" });
    expect(payout.paidOn.toISOString().slice(0, 10)).toBe("2026-01-20");
    const key = keyOfUrl(payout.proofUrl!);
    expect(key).toMatch(new RegExp(`^payouts/${gangu.id}/[A-Za-z0-9]+\\.pdf$`));
    const stored = await getFileStore().get(key!);
    expect(stored?.contentType).toBe("application/pdf");
    expect(Buffer.from(stored!.bytes).equals(Buffer.from(PDF))).toBe(true);
    expect(await testDb.auditLog.count({ where: { entity: "Payout", entityId: created.id, action: "payout.create" } })).toBe(1);

    // Who may open the proof: the operator's managers, the county's officers, admins.
    expect(await mayReadPayoutProof(managerA, key!)).toBe(true);
    expect(await mayReadPayoutProof(officerGangu, key!)).toBe(true);
    expect(await mayReadPayoutProof(admin, key!)).toBe(true);
    expect(await mayReadPayoutProof(managerB, key!)).toBe(false);
    expect(await mayReadPayoutProof(officerSunan, key!)).toBe(false);
    expect(await mayReadPayoutProof(shopper, key!)).toBe(false);
    expect(await mayReadPayoutProof(null, key!)).toBe(false);
    expect(await mayReadPayoutProof(managerA, key!.replace(/\.pdf$/, ".png"))).toBe(false);
  });

  it("refuses a proof that is not a PDF, JPEG or PNG, whatever its name says", async () => {
    const before = await counts();
    const fake = new File([new TextEncoder().encode("<html><script>alert(1)</script>")], "slip.pdf", { type: "application/pdf" });
    expect(await run("payout.create", managerA, payoutInput({ proof: fake }))).toEqual({ ok: false, error: "payoutProofType", values: {} });
    expect(await counts()).toEqual(before);
  });

  it("refuses a future date and a missing proof, field by field", async () => {
    const result = await run("payout.create", managerA, payoutInput({ paidOn: "2999-01-01", proof: undefined, amount: "0" }));
    expect(result).toMatchObject({ ok: false, error: "invalidInput" });
    expect(!result.ok && result.fieldErrors).toMatchObject({
      paidOn: ["payoutDateFuture"],
      proof: ["payoutProofRequired"],
      amount: ["amountInvalid"],
    });
  });

  it("notFound and nothing stored for a household not linked to the operator, or another cooperative's", async () => {
    const notLinked = await freeHousehold(GANGU, gangu.id);
    const sunanLinked = await testDb.benefitLink.findFirstOrThrow({ where: { operatorId: sunan.id }, select: { householdId: true } });
    const before = await counts();
    expect(await run("payout.create", managerA, payoutInput({ householdId: notLinked.id }))).toMatchObject({
      ok: false,
      error: "notFound",
    });
    // The Sunan manager: for the Gangu operator, and for their own operator but a household linked only to Gangu.
    expect(await run("payout.create", managerB, payoutInput())).toMatchObject({ ok: false, error: "notFound" });
    const onlyGangu = await testDb.household.findFirstOrThrow({
      where: { benefitLinks: { some: { operatorId: gangu.id }, none: { operatorId: sunan.id } } },
      select: { id: true },
    });
    expect(await run("payout.create", managerB, payoutInput({ operatorId: sunan.id, householdId: onlyGangu.id }))).toMatchObject({
      ok: false,
      error: "notFound",
    });
    expect(
      await run("payout.create", managerB, payoutInput({ operatorId: sunan.id, householdId: sunanLinked.householdId, proof: pdf() })),
    ).toMatchObject({ ok: true });
    expect((await counts()).payouts).toBe(before.payouts + 1);
  });
});
