// The console's listing actions, run as the demo managers against the real PostgreSQL (seeded):
// they work on the manager's own cooperative, answer notFound and change nothing on another's,
// and every change revalidates the storefront and leaves an audit row.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { certifyProduct, rejectProduct } from "@/lib/certification/commands";
import { SLUG_PATTERN } from "@/lib/products/listing";
import "@/lib/products/actions";
import { getFileStore, keyOfUrl, LocalDiskStore, setFileStoreForTests } from "@/lib/storage";
import { testDb } from "@/tests/support/db";
import { revalidatedTags } from "@/tests/support/setup";
import { data, run } from "@/tests/support/actions";

const GANGU_OP = "dazhuang-chili-coop";
const SUNAN_OP = "daduma-coop";
const GANGU_VILLAGE = "620523109201"; // 大庄村
const SUNAN_VILLAGE = "620721200201";

async function actor(userId: string): Promise<Actor> {
  const u = await testDb.user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true, countyId: true, memberships: { select: { operatorId: true } } },
  });
  return {
    userId: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    countyId: u.countyId,
    operatorIds: u.memberships.map((m) => m.operatorId),
  };
}

/** A valid 1×1 PNG. */
const PNG = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
const png = (name = "photo.png") => new File([PNG], name, { type: "image/png" });

let gangu: Actor;
let sunan: Actor;
let admin: Actor;
let shopper: Actor;
let officer: Actor;
let uploadDir: string;
const created: string[] = [];

const form = (over: Record<string, unknown> = {}) => ({
  operator: GANGU_OP,
  nameZh: "测试辣椒面 250克",
  nameEn: "Test Chili Powder 250 g",
  descriptionZh: "测试用",
  descriptionEn: "For tests",
  category: "CHILI",
  unitZh: "袋",
  unitEn: "bag",
  specZh: "250克/袋",
  specEn: "250 g per bag",
  price: "¥38.50",
  stock: "12",
  villageId: GANGU_VILLAGE,
  giMarkId: "seed-gi-gangu-chili",
  ...over,
});

async function createOne(over: Record<string, unknown> = {}) {
  const r = await run("product.create", gangu, form(over));
  const d = data<{ id: string; slug: string }>(r);
  created.push(d.id);
  return d;
}

/** Everything an action might touch, to check that a refused one touched nothing. */
async function snapshot(productId: string) {
  const [product, images, movements, audits] = await Promise.all([
    testDb.product.findUniqueOrThrow({ where: { id: productId } }),
    testDb.productImage.findMany({ where: { productId }, orderBy: { position: "asc" } }),
    testDb.stockMovement.count({ where: { productId } }),
    testDb.auditLog.count({ where: { entityId: productId } }),
  ]);
  return { product, images, movements, audits, products: await testDb.product.count() };
}

beforeAll(async () => {
  [gangu, sunan, admin, shopper, officer] = (await Promise.all(
    ["seed-user-manager-gangu", "seed-user-manager-sunan", "seed-user-admin", "seed-user-shopper", "seed-user-officer-gangu"].map(actor),
  )) as [Actor, Actor, Actor, Actor, Actor];
  uploadDir = await mkdtemp(path.join(os.tmpdir(), "xk-uploads-"));
  setFileStoreForTests(new LocalDiskStore(uploadDir));
});

beforeEach(() => {
  revalidatedTags.length = 0;
});

afterAll(async () => {
  const ids = [...created];
  // Stock movements and audit rows are append-only, so the test products stay, unlisted: later
  // tests (and the browser tests on the same database) see the demo catalogue only.
  await testDb.product.updateMany({ where: { id: { in: ids } }, data: { listed: false } });
  setFileStoreForTests(undefined);
  await rm(uploadDir, { recursive: true, force: true });
});

describe("product.create", () => {
  it("creates a draft for the manager's own cooperative, with its opening stock as a movement", async () => {
    const { id, slug } = await createOne();
    expect(slug).toMatch(SLUG_PATTERN);
    expect(slug).toMatch(/^test-chili-powder-250-g-[a-z2-9]{6}$/);
    const p = await testDb.product.findUniqueOrThrow({ where: { id }, include: { stockMovements: true, operator: true } });
    expect(p).toMatchObject({
      status: "DRAFT",
      priceFen: 3850,
      stock: 12,
      listed: false,
      villageId: GANGU_VILLAGE,
      townshipId: "620523109",
      countyId: "620523",
    });
    expect(p.operator.slug).toBe(GANGU_OP);
    expect(p.stockMovements.map((m) => [m.reason, m.delta, m.stockAfter, m.userId])).toEqual([["INITIAL", 12, 12, gangu.userId]]);
    const audit = await testDb.auditLog.findFirstOrThrow({ where: { entityId: id, action: "product.create" } });
    expect(audit.userId).toBe(gangu.userId);
    expect(revalidatedTags).toContain("catalog");
  });

  it("accepts prices as clerks type them", async () => {
    for (const [price, fen] of [
      ["38.5", 3850],
      [" 1,280.00 元", 128000],
      ["３８", 3800],
    ] as const) {
      const { id } = await createOne({ price, stock: "" });
      expect((await testDb.product.findUniqueOrThrow({ where: { id } })).priceFen).toBe(fen);
    }
  });

  it("answers bad input with field errors and creates nothing", async () => {
    const before = await testDb.product.count();
    const r = await run(
      "product.create",
      gangu,
      form({ price: "-3", nameZh: "", nameEn: "x".repeat(61), stock: "1.5", category: "TOFU", villageId: "" }),
    );
    expect(r.ok).toBe(false);
    expect(r.ok ? null : r.fieldErrors).toMatchObject({
      price: ["priceNegative"],
      nameZh: ["required"],
      nameEn: ["productNameTooLong"],
      stock: ["initialStockInvalid"],
      category: ["categoryRequired"],
      villageId: ["villageRequired"],
    });
    for (const [price, key] of [
      ["38.505", "priceTooPrecise"],
      ["0", "priceZero"],
      ["100000.01", "priceTooHigh"],
      ["abc", "priceInvalid"],
    ]) {
      const bad = await run("product.create", gangu, form({ price }));
      expect(bad.ok ? null : bad.fieldErrors?.price).toEqual([key]);
    }
    expect(await testDb.product.count()).toBe(before);
    expect(revalidatedTags).toEqual([]);
  });

  it("refuses a village of another county and a GI mark the cooperative may not use", async () => {
    const before = await testDb.product.count();
    expect(await run("product.create", gangu, form({ villageId: SUNAN_VILLAGE }))).toMatchObject({
      ok: false,
      error: "villageNotInCounty",
    });
    const township = await run("product.create", gangu, form({ villageId: "620523109" }));
    expect(township.ok ? null : township.fieldErrors?.villageId).toEqual(["villageRequired"]);
    expect(await run("product.create", gangu, form({ giMarkId: "seed-gi-gangu-apple" }))).toMatchObject({
      ok: false,
      error: "giMarkNotAllowed",
    });
    expect(await testDb.product.count()).toBe(before);
  });

  it("is not found for another cooperative, and for people who manage none", async () => {
    const before = await testDb.product.count();
    expect(await run("product.create", gangu, form({ operator: SUNAN_OP, villageId: SUNAN_VILLAGE }))).toMatchObject({
      ok: false,
      error: "notFound",
    });
    expect(await run("product.create", sunan, form())).toMatchObject({ ok: false, error: "notFound" });
    expect(await run("product.create", shopper, form())).toMatchObject({ ok: false, error: "notFound" });
    expect(await run("product.create", officer, form())).toMatchObject({ ok: false, error: "notFound" });
    expect(await run("product.create", null, form())).toMatchObject({ ok: false, error: "signInRequired" });
    expect(await testDb.product.count()).toBe(before);
    expect(revalidatedTags).toEqual([]);
  });

  it("lets an admin create for any cooperative", async () => {
    const r = await run("product.create", admin, form({ operator: SUNAN_OP, villageId: SUNAN_VILLAGE, giMarkId: "" }));
    const d = data<{ id: string }>(r);
    created.push(d.id);
    expect((await testDb.product.findUniqueOrThrow({ where: { id: d.id } })).countyId).toBe("620721");
  });
});

describe("another cooperative's product", () => {
  it("is not found for every action, and nothing changes", async () => {
    const { id } = await createOne();
    data(await run("product.photo.upload", gangu, { productId: id, files: [png()] }));
    const imageId = (await testDb.productImage.findFirstOrThrow({ where: { productId: id } })).id;
    const before = await snapshot(id);
    revalidatedTags.length = 0;
    const attempts: [string, unknown][] = [
      ["product.update", { productId: id, ...form({ price: "1.00", villageId: SUNAN_VILLAGE, giMarkId: "" }) }],
      ["product.update", { productId: id, ...form({ price: "1.00" }) }],
      ["product.duplicate", { productId: id }],
      ["product.setListed", { productId: id, listed: "true" }],
      ["product.submit", { productId: id }],
      ["product.photo.upload", { productId: id, files: [png()] }],
      ["product.photo.remove", { imageId }],
      ["product.photo.move", { imageId, direction: "down" }],
      ["stock.adjust", { productId: id, reason: "RECEIVED", quantity: "5", note: "" }],
      ["stock.adjust", { productId: id, reason: "CORRECTION", counted: "0", note: "stolen" }],
    ];
    for (const [name, input] of attempts) {
      for (const who of [sunan, shopper, officer]) {
        expect(await run(name, who, input), `${name} as ${who.email}`).toMatchObject({ ok: false, error: "notFound" });
      }
    }
    expect(await snapshot(id)).toEqual(before);
    expect(revalidatedTags).toEqual([]);
    expect(await getFileStore().get(keyOfUrl(before.images[0]!.url)!)).not.toBeNull();
  });

  it("unknown ids are not found either", async () => {
    expect(await run("product.submit", gangu, { productId: "no-such-product" })).toMatchObject({ ok: false, error: "notFound" });
    expect(await run("product.photo.remove", gangu, { imageId: "no-such-image" })).toMatchObject({ ok: false, error: "notFound" });
  });
});

describe("status rules through the actions", () => {
  it("submit moves a draft to pending once; certification, then edits", async () => {
    const { id } = await createOne();
    expect(data(await run("product.submit", gangu, { productId: id }))).toEqual({ status: "PENDING_CERTIFICATION" });
    expect(revalidatedTags).toContain("catalog");
    expect(await run("product.submit", gangu, { productId: id })).toMatchObject({ ok: false, error: "alreadyPending" });

    const until = new Date("2027-12-31T00:00:00Z");
    await certifyProduct(testDb, id, { until, userId: "seed-user-officer-gangu" });
    expect(await testDb.product.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "CERTIFIED", certifiedUntil: until });
    expect(await run("product.submit", gangu, { productId: id })).toMatchObject({ ok: false, error: "alreadyCertified" });

    // A new description keeps the certification.
    const kept = data<{ changed: string[]; status: string }>(
      await run("product.update", gangu, { productId: id, ...form({ descriptionZh: "新的介绍" }) }),
    );
    expect(kept).toEqual({ changed: ["descriptionZh"], status: "CERTIFIED" });
    // Saving without changes changes nothing.
    revalidatedTags.length = 0;
    expect(data(await run("product.update", gangu, { productId: id, ...form({ descriptionZh: "新的介绍" }) }))).toEqual({
      changed: [],
      status: "CERTIFIED",
    });
    expect(revalidatedTags).toEqual([]);

    // A new price sends it back.
    const repriced = data<{ changed: string[]; status: string }>(
      await run("product.update", gangu, { productId: id, ...form({ descriptionZh: "新的介绍", price: "40" }) }),
    );
    expect(repriced).toEqual({ changed: ["priceFen"], status: "PENDING_CERTIFICATION" });
    expect(await testDb.product.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "PENDING_CERTIFICATION",
      certifiedUntil: null,
      priceFen: 4000,
    });
    const audit = await testDb.auditLog.findFirstOrThrow({
      where: { entityId: id, action: "product.update" },
      orderBy: { createdAt: "desc" },
    });
    expect(audit.detail).toMatchObject({
      changes: { priceFen: { from: 3850, to: 4000 } },
      status: { from: "CERTIFIED", to: "PENDING_CERTIFICATION" },
    });
    expect(revalidatedTags).toContain("catalog");

    // So does a new village; a rejected product can be submitted again.
    await certifyProduct(testDb, id, { until, userId: null });
    const moved = data<{ status: string }>(
      await run("product.update", gangu, { productId: id, ...form({ descriptionZh: "新的介绍", price: "40", villageId: "620523109202" }) }),
    );
    expect(moved.status).toBe("PENDING_CERTIFICATION");
    expect(await testDb.product.findUniqueOrThrow({ where: { id } })).toMatchObject({ villageId: "620523109202", townshipId: "620523109" });
    await rejectProduct(testDb, id, { note: "照片不清楚", userId: null });
    expect(await testDb.product.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: "REJECTED", reviewNote: "照片不清楚" });
    expect(data(await run("product.submit", gangu, { productId: id }))).toEqual({ status: "PENDING_CERTIFICATION" });
    expect(await testDb.product.findUniqueOrThrow({ where: { id } })).toMatchObject({ reviewNote: null });
  });

  it("delist and relist", async () => {
    const { id } = await createOne();
    expect(data(await run("product.setListed", gangu, { productId: id, listed: "true" }))).toEqual({ listed: true });
    expect((await testDb.product.findUniqueOrThrow({ where: { id } })).listed).toBe(true);
    expect(revalidatedTags).toContain("catalog");
    data(await run("product.setListed", gangu, { productId: id, listed: "false" }));
    expect((await testDb.product.findUniqueOrThrow({ where: { id } })).listed).toBe(false);
    expect((await testDb.auditLog.findMany({ where: { entityId: id, action: { in: ["product.list", "product.delist"] } } })).length).toBe(
      2,
    );
  });

  it("duplicate makes an unlisted draft copy with no stock, a new slug and its own copies of the photos", async () => {
    const { id, slug } = await createOne({ stock: "30", listed: "on" });
    data(await run("product.photo.upload", gangu, { productId: id, files: [png("a.png"), png("b.png")] }));
    await testDb.$transaction([
      testDb.product.update({ where: { id }, data: { status: "CERTIFIED", certifiedUntil: new Date("2027-01-01") } }),
    ]);
    const copy = data<{ id: string; slug: string }>(await run("product.duplicate", gangu, { productId: id }));
    created.push(copy.id);
    expect(copy.slug).not.toBe(slug);
    expect(copy.slug).toMatch(SLUG_PATTERN);
    const [original, dup] = await Promise.all(
      [id, copy.id].map((pid) =>
        testDb.product.findUniqueOrThrow({
          where: { id: pid },
          include: { images: { orderBy: { position: "asc" } }, stockMovements: true },
        }),
      ),
    );
    expect(dup).toMatchObject({
      status: "DRAFT",
      stock: 0,
      listed: false,
      certifiedUntil: null,
      priceFen: original!.priceFen,
      operatorId: original!.operatorId,
    });
    expect(dup!.nameZh).toBe("测试辣椒面 250克（副本）");
    expect(dup!.stockMovements).toEqual([]);
    expect(dup!.images).toHaveLength(2);
    for (const [i, img] of dup!.images.entries()) {
      expect(img.url).not.toBe(original!.images[i]!.url);
      expect(img.url).toMatch(new RegExp(`^/api/files/products/${copy.id}/`));
      expect(await getFileStore().get(keyOfUrl(img.url)!)).not.toBeNull();
    }
    // Removing the copy's photo leaves the original's file.
    data(await run("product.photo.remove", gangu, { imageId: dup!.images[0]!.id }));
    expect(await getFileStore().get(keyOfUrl(original!.images[0]!.url)!)).not.toBeNull();
    expect(await getFileStore().get(keyOfUrl(dup!.images[0]!.url)!)).toBeNull();
  });

  it("duplicating a seed product shares its static drawings", async () => {
    const seedProduct = await testDb.product.findUniqueOrThrow({ where: { slug: "gangu-chili-dried-500g" }, include: { images: true } });
    const copy = data<{ id: string }>(await run("product.duplicate", gangu, { productId: seedProduct.id }));
    created.push(copy.id);
    const images = await testDb.productImage.findMany({ where: { productId: copy.id } });
    expect(images.map((i) => i.url)).toEqual(seedProduct.images.map((i) => i.url));
  });
});

describe("photos", () => {
  it("upload, reorder and remove", async () => {
    const { id } = await createOne();
    const up = data<{ images: { id: string; url: string; position: number }[] }>(
      await run("product.photo.upload", gangu, { productId: id, files: [png("one.png"), png("two.png"), png("three.png")] }),
    );
    expect(up.images.map((i) => i.position)).toEqual([0, 1, 2]);
    for (const img of up.images) {
      expect(img.url).toMatch(new RegExp(`^/api/files/products/${id}/[A-Za-z0-9]+\\.png$`));
      const file = await getFileStore().get(keyOfUrl(img.url)!);
      expect(file?.contentType).toBe("image/png");
    }
    expect(revalidatedTags).toContain("catalog");

    const [a, b, c] = up.images.map((i) => i.id);
    expect(data(await run("product.photo.move", gangu, { imageId: c, direction: "up" }))).toEqual({ moved: true });
    const order = async () =>
      (await testDb.productImage.findMany({ where: { productId: id }, orderBy: { position: "asc" } })).map((i) => [i.id, i.position]);
    expect(await order()).toEqual([
      [a, 0],
      [c, 1],
      [b, 2],
    ]);
    expect(data(await run("product.photo.move", gangu, { imageId: a, direction: "up" }))).toEqual({ moved: false });

    data(await run("product.photo.remove", gangu, { imageId: a }));
    expect(await order()).toEqual([
      [c, 0],
      [b, 1],
    ]);
    expect(await getFileStore().get(keyOfUrl(up.images[0]!.url)!)).toBeNull();
  });

  it("refuses files that are not photos by their bytes, whatever they claim, and keeps none of the batch", async () => {
    const { id } = await createOne();
    const fake = new File([Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>")], "evil.png", {
      type: "image/png",
    });
    expect(await run("product.photo.upload", gangu, { productId: id, files: [png(), fake] })).toMatchObject({
      ok: false,
      error: "photoType",
      values: { name: "evil.png" },
    });
    expect(await testDb.productImage.count({ where: { productId: id } })).toBe(0);
    const empty = await run("product.photo.upload", gangu, { productId: id, files: [] });
    expect(empty.ok ? null : empty.fieldErrors?.files).toEqual(["photoMissing"]);
    const big = new File([Buffer.concat([PNG, Buffer.alloc(5 * 1024 * 1024)])], "big.png", { type: "image/png" });
    expect(await run("product.photo.upload", gangu, { productId: id, files: [big] })).toMatchObject({ ok: false, error: "photoTooLarge" });
  });

  it("keeps at most 8 photos per product", async () => {
    const { id } = await createOne();
    data(await run("product.photo.upload", gangu, { productId: id, files: Array.from({ length: 6 }, () => png()) }));
    expect(await run("product.photo.upload", gangu, { productId: id, files: [png(), png(), png()] })).toMatchObject({
      ok: false,
      error: "photoTooMany",
      values: { max: 8, room: 2 },
    });
    // In parallel: never more than 8.
    await Promise.all(Array.from({ length: 4 }, () => run("product.photo.upload", gangu, { productId: id, files: [png()] })));
    expect(await testDb.productImage.count({ where: { productId: id } })).toBe(8);
  });

  it("accepts FormData as a form sends it", async () => {
    const { id } = await createOne();
    const fd = new FormData();
    fd.set("productId", id);
    fd.append("files", png("x.png"));
    data(await run("product.photo.upload", gangu, fd));
    expect(await testDb.productImage.count({ where: { productId: id } })).toBe(1);
  });
});

describe("stock.adjust", () => {
  it("records goods in, damage and counts; the movements explain the figure", async () => {
    const { id } = await createOne({ stock: "10" });
    expect(data(await run("stock.adjust", gangu, { productId: id, reason: "RECEIVED", quantity: "25", note: "" }))).toEqual({
      delta: 25,
      stock: 35,
    });
    expect(revalidatedTags).toContain("catalog");
    expect(data(await run("stock.adjust", gangu, { productId: id, reason: "DAMAGED", quantity: "3", note: "运输破损" }))).toEqual({
      delta: -3,
      stock: 32,
    });
    expect(data(await run("stock.adjust", gangu, { productId: id, reason: "CORRECTION", counted: "30", note: "月底盘点" }))).toEqual({
      delta: -2,
      stock: 30,
    });
    const movements = await testDb.stockMovement.findMany({ where: { productId: id }, orderBy: { createdAt: "asc" } });
    expect(movements.map((m) => [m.reason, m.delta, m.stockAfter, m.note])).toEqual([
      ["INITIAL", 10, 10, ""],
      ["RECEIVED", 25, 35, ""],
      ["DAMAGED", -3, 32, "运输破损"],
      ["CORRECTION", -2, 30, "月底盘点"],
    ]);
    expect(movements.every((m) => m.userId === gangu.userId)).toBe(true);
    expect(movements.reduce((s, m) => s + m.delta, 0)).toBe(30);
    expect(await testDb.auditLog.count({ where: { entityId: id, action: "stock.adjust" } })).toBe(3);
  });

  it("refuses what would go below zero, missing notes and bad numbers, changing nothing", async () => {
    const { id } = await createOne({ stock: "2" });
    const before = await snapshot(id);
    expect(await run("stock.adjust", gangu, { productId: id, reason: "DAMAGED", quantity: "3", note: "摔坏" })).toMatchObject({
      ok: false,
      error: "stockWouldGoNegative",
      values: { stock: 2, quantity: 3 },
    });
    const noNote = await run("stock.adjust", gangu, { productId: id, reason: "DAMAGED", quantity: "1", note: "  " });
    expect(noNote.ok ? null : noNote.fieldErrors?.note).toEqual(["noteRequired"]);
    const noNote2 = await run("stock.adjust", gangu, { productId: id, reason: "CORRECTION", counted: "5" });
    expect(noNote2.ok ? null : noNote2.fieldErrors?.note).toEqual(["noteRequired"]);
    for (const quantity of ["0", "-1", "1.5", "abc", "1000001"]) {
      const r = await run("stock.adjust", gangu, { productId: id, reason: "RECEIVED", quantity, note: "" });
      expect(r.ok ? null : r.fieldErrors?.quantity, quantity).toEqual(["quantityInvalid"]);
    }
    const noReason = await run("stock.adjust", gangu, { productId: id, reason: "SALE", quantity: "1" });
    expect(noReason.ok ? null : noReason.fieldErrors?.reason).toEqual(["reasonRequired"]);
    expect(await run("stock.adjust", gangu, { productId: id, reason: "CORRECTION", counted: "2", note: "same" })).toMatchObject({
      ok: false,
      error: "stockUnchanged",
    });
    expect(await snapshot(id)).toEqual(before);
  });

  it("parallel adjustments through the action never go below zero", async () => {
    const { id } = await createOne({ stock: "5" });
    const results = await Promise.all(
      Array.from({ length: 12 }, () => run("stock.adjust", gangu, { productId: id, reason: "DAMAGED", quantity: "1", note: "x" })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.error === "stockWouldGoNegative")).toBe(true);
    const p = await testDb.product.findUniqueOrThrow({ where: { id } });
    const sum = await testDb.stockMovement.aggregate({ where: { productId: id }, _sum: { delta: true } });
    expect(p.stock).toBe(0);
    expect(sum._sum.delta).toBe(0);
  });
});
