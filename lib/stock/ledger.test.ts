// The stock ledger against the real PostgreSQL: concurrency, refusals, movements explain the figure.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ActionError } from "@/lib/errors";
import { testDb } from "@/tests/support/db";
import { adjustStock, setCountedStock } from "./ledger";

// A throwaway operator of the tests' own: its products stay behind (stock movements are
// append-only) and must not sit among a demo cooperative's products (prices, link budgets).
const OPERATOR = `ledger-test-op-${Date.now().toString(36)}`;
const made: string[] = [];

async function product(stock: number): Promise<string> {
  const village = await testDb.region.findFirstOrThrow({
    where: { level: "VILLAGE", id: { startsWith: "620523" } },
    select: { id: true, parentId: true },
  });
  const p = await testDb.product.create({
    data: {
      slug: `ledger-test-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
      operatorId: OPERATOR,
      nameZh: "库存测试",
      nameEn: "Ledger test",
      category: "CHILI",
      unitZh: "袋",
      unitEn: "bag",
      specZh: "1公斤/袋",
      specEn: "1 kg per bag",
      priceFen: 100,
      stock: 0,
      listed: false,
      villageId: village.id,
      townshipId: village.parentId!,
      countyId: "620523",
    },
  });
  made.push(p.id);
  if (stock) await testDb.$transaction((tx) => adjustStock(tx, { productId: p.id, delta: stock, reason: "INITIAL" }));
  return p.id;
}

async function figures(productId: string) {
  const [p, sum] = await Promise.all([
    testDb.product.findUniqueOrThrow({ where: { id: productId }, select: { stock: true } }),
    testDb.stockMovement.aggregate({ where: { productId }, _sum: { delta: true }, _count: true }),
  ]);
  return { stock: p.stock, sum: sum._sum.delta ?? 0, movements: sum._count };
}

const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ActionError) return { code: error.code, values: error.values };
    throw error;
  }
  return null;
};

beforeAll(async () => {
  await testDb.operator.create({
    data: {
      id: OPERATOR,
      slug: OPERATOR,
      nameZh: "库存测试合作社",
      nameEn: "Ledger test cooperative",
      kind: "COOPERATIVE",
      creditCode: `T${Date.now().toString(36).toUpperCase()}`.padEnd(18, "0").slice(0, 18),
      countyId: "620523",
    },
  });
  await testDb.operator.findUniqueOrThrow({ where: { id: OPERATOR } });
});

afterAll(async () => {
  // Stock movements are append-only: the test products stay, unlisted.
  await testDb.product.updateMany({ where: { id: { in: made } }, data: { listed: false } });
});

describe("adjustStock", () => {
  it("20 parallel −1 adjustments on a stock of 10: exactly 10 succeed, stock 0, movements explain it", async () => {
    const id = await product(10);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        testDb.$transaction((tx) => adjustStock(tx, { productId: id, delta: -1, reason: "DAMAGED", note: `broken ${i}` })),
      ),
    );
    const ok = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r) => r.status === "rejected");
    expect(ok).toHaveLength(10);
    expect(refused).toHaveLength(10);
    for (const r of refused) expect((r as PromiseRejectedResult).reason).toMatchObject({ code: "stockWouldGoNegative" });
    expect(await figures(id)).toEqual({ stock: 0, sum: 0, movements: 11 });
    // Each successful movement recorded the figure it left, all distinct: 9, 8, …, 0.
    const afters = (ok as PromiseFulfilledResult<{ stockAfter: number }>[]).map((r) => r.value.stockAfter).sort((a, b) => a - b);
    expect(afters).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("parallel additions and removals never lose an update", async () => {
    const id = await product(50);
    await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        testDb.$transaction((tx) =>
          adjustStock(tx, { productId: id, delta: i % 2 ? 3 : -2, reason: i % 2 ? "RECEIVED" : "DAMAGED", note: "x" }),
        ),
      ),
    );
    const f = await figures(id);
    expect(f.stock).toBe(50 + 15 * 3 - 15 * 2);
    expect(f.sum).toBe(f.stock);
  });

  it("refuses going below zero with the current figure, and changes nothing", async () => {
    const id = await product(3);
    expect(await refusal(testDb.$transaction((tx) => adjustStock(tx, { productId: id, delta: -4, reason: "DAMAGED" })))).toEqual({
      code: "stockWouldGoNegative",
      values: { stock: 3, quantity: 4 },
    });
    expect(await figures(id)).toEqual({ stock: 3, sum: 3, movements: 1 });
  });

  it("refuses a zero change, an unknown product and an absurd figure", async () => {
    const id = await product(1);
    expect((await refusal(testDb.$transaction((tx) => adjustStock(tx, { productId: id, delta: 0, reason: "RECEIVED" }))))?.code).toBe(
      "stockUnchanged",
    );
    expect((await refusal(testDb.$transaction((tx) => adjustStock(tx, { productId: "nope", delta: 1, reason: "RECEIVED" }))))?.code).toBe(
      "notFound",
    );
    expect(
      (await refusal(testDb.$transaction((tx) => adjustStock(tx, { productId: id, delta: 2_000_000_000, reason: "RECEIVED" }))))?.code,
    ).toBe("stockTooHigh");
    expect(await figures(id)).toEqual({ stock: 1, sum: 1, movements: 1 });
  });

  it("rolls the figure back when the transaction fails after it", async () => {
    const id = await product(5);
    await expect(
      testDb.$transaction(async (tx) => {
        await adjustStock(tx, { productId: id, delta: 7, reason: "RECEIVED" });
        throw new Error("later step failed");
      }),
    ).rejects.toThrow("later step failed");
    expect(await figures(id)).toEqual({ stock: 5, sum: 5, movements: 1 });
  });
});

describe("setCountedStock", () => {
  it("records the difference to the counted figure as a CORRECTION", async () => {
    const id = await product(12);
    const m = await testDb.$transaction((tx) => setCountedStock(tx, { productId: id, counted: 9, note: "counted on the shelf" }));
    expect(m).toMatchObject({ before: 12, delta: -3, stockAfter: 9 });
    const up = await testDb.$transaction((tx) => setCountedStock(tx, { productId: id, counted: 20, note: "found a box" }));
    expect(up).toMatchObject({ before: 9, delta: 11, stockAfter: 20 });
    const rows = await testDb.stockMovement.findMany({ where: { productId: id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.reason, r.delta, r.stockAfter, r.note])).toEqual([
      ["INITIAL", 12, 12, ""],
      ["CORRECTION", -3, 9, "counted on the shelf"],
      ["CORRECTION", 11, 20, "found a box"],
    ]);
    expect(await figures(id)).toEqual({ stock: 20, sum: 20, movements: 3 });
  });

  it("counts under concurrency with other movements stay consistent", async () => {
    const id = await product(10);
    await Promise.all([
      testDb.$transaction((tx) => setCountedStock(tx, { productId: id, counted: 4, note: "count" })),
      testDb.$transaction((tx) => adjustStock(tx, { productId: id, delta: 2, reason: "RECEIVED" })),
      testDb.$transaction((tx) => adjustStock(tx, { productId: id, delta: -1, reason: "DAMAGED" })),
    ]);
    const f = await figures(id);
    expect(f.sum).toBe(f.stock);
    expect(f.stock).toBeGreaterThanOrEqual(0);
  });

  it("refuses a count equal to the figure", async () => {
    const id = await product(6);
    expect((await refusal(testDb.$transaction((tx) => setCountedStock(tx, { productId: id, counted: 6, note: "same" }))))?.code).toBe(
      "stockUnchanged",
    );
  });
});

describe("the stock ledger is append-only", () => {
  it("refuses to change or remove a movement, whoever asks", async () => {
    const movement = await testDb.stockMovement.findFirstOrThrow();
    await expect(testDb.stockMovement.update({ where: { id: movement.id }, data: { delta: movement.delta + 1 } })).rejects.toThrow(
      /append-only/,
    );
    await expect(testDb.stockMovement.delete({ where: { id: movement.id } })).rejects.toThrow(/append-only/);
  });
});
