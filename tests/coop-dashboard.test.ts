// The console's overview figures, against the seeded database: zero until orders exist; with
// orders and allocations written inside a transaction that is rolled back at the end, the sums
// follow Beijing days and months, paid statuses, refunds and the operator's own lines only.
import { describe, expect, it } from "vitest";
import {
  getDashboard,
  householdsReachedBetween,
  linksInForce,
  lowStockProducts,
  ordersAwaitingShipment,
  salesBetween,
} from "@/lib/coop/dashboard";
import type { Prisma } from "@/lib/db/client";
import { testDb } from "@/tests/support/db";
import { OPERATOR_A, OPERATOR_B } from "@/tests/support/personas";
import { orderDefaults } from "./support/orders";

class Rollback extends Error {}

/** Runs `fn` in a transaction that is always rolled back (allocations cannot be deleted). */
async function inRolledBackTransaction(fn: (tx: Prisma.TransactionClient) => Promise<void>) {
  await expect(
    testDb.$transaction(
      async (tx) => {
        await fn(tx);
        throw new Rollback();
      },
      { timeout: 20_000 },
    ),
  ).rejects.toBeInstanceOf(Rollback);
}

const operator = (slug: string) => testDb.operator.findUniqueOrThrow({ where: { slug }, select: { id: true } });

describe("dashboard", () => {
  it("shows zero sales, orders and households reached while there are no orders", async () => {
    const { id } = await operator(OPERATOR_A);
    const paidLines = await testDb.orderLine.count({
      where: { operatorId: id, order: { status: { in: ["PAID", "SHIPPED", "DELIVERED"] } } },
    });
    expect(paidLines).toBe(0); // the demo data has no orders
    const d = await getDashboard(testDb, id);
    expect(d).toMatchObject({ todayFen: 0, monthFen: 0, awaitingShipment: 0, householdsReachedThisMonth: 0 });
    expect(d.linksInForce.links).toBeGreaterThan(0);
    expect(d.linksInForce.households).toBeGreaterThan(0);
    expect(d.linksInForce.households).toBeLessThanOrEqual(d.linksInForce.links);
  });

  it("lists the listed products with 10 or fewer in stock, emptiest first", async () => {
    const { id } = await operator(OPERATOR_A);
    const low = await lowStockProducts(testDb, id);
    const expected = await testDb.product.count({ where: { operatorId: id, listed: true, stock: { lte: 10 } } });
    expect(low).toHaveLength(expected);
    expect(low.map((p) => p.stock)).toEqual([...low.map((p) => p.stock)].sort((a, b) => a - b));
    await inRolledBackTransaction(async (tx) => {
      const product = await tx.product.findFirstOrThrow({
        where: { operatorId: id, listed: true, stock: { gt: 10 } },
        select: { id: true },
      });
      await tx.product.update({ where: { id: product.id }, data: { stock: 3 } });
      const hidden = await tx.product.findFirst({
        where: { operatorId: id, listed: true, stock: { gt: 10 }, id: { not: product.id } },
        select: { id: true },
      });
      if (hidden) await tx.product.update({ where: { id: hidden.id }, data: { stock: 0, listed: false } });
      const now = await lowStockProducts(tx, id);
      expect(now.map((p) => p.id)).toContain(product.id);
      if (hidden) expect(now.map((p) => p.id)).not.toContain(hidden.id); // unlisted products are not shown
    });
  });

  it("sums sales by Beijing day and month, paid statuses only, refunds deducted, this operator's lines only", async () => {
    const a = await operator(OPERATOR_A);
    const b = await operator(OPERATOR_B);
    // 10:30 on 15 March 2026 in Beijing.
    const now = new Date("2026-03-15T02:30:00Z");
    await inRolledBackTransaction(async (tx) => {
      const productA = await tx.product.findFirstOrThrow({ where: { operatorId: a.id }, select: { id: true } });
      const productB = await tx.product.findFirstOrThrow({ where: { operatorId: b.id }, select: { id: true } });
      const households = await tx.household.findMany({
        where: { countyId: "620523" },
        take: 3,
        orderBy: { registryCode: "asc" },
        select: { id: true },
      });
      const link = await tx.benefitLink.findFirstOrThrow({ where: { operatorId: a.id }, select: { id: true } });
      let n = 0;
      const order = async (
        status: "PENDING_PAYMENT" | "PAID" | "SHIPPED" | "DELIVERED" | "CANCELLED" | "REFUNDED",
        paidAt: string | null,
        lines: { op: string; product: string; net: number; refunded?: number }[],
      ) => {
        const o = await tx.order.create({
          data: {
            ...orderDefaults(),
            number: `DASH-TEST-${++n}`,
            email: "dash@example.test",
            status,
            totalFen: 1,
            paidAt: paidAt ? new Date(paidAt) : null,
          },
        });
        const created = [];
        for (const l of lines) {
          created.push(
            await tx.orderLine.create({
              data: {
                orderId: o.id,
                operatorId: l.op,
                productId: l.product,
                quantity: 1,
                unitPriceFen: l.net,
                netFen: l.net,
                refundedFen: l.refunded ?? 0,
                certifiedAtSale: true,
              },
            }),
          );
        }
        return created;
      };
      // Today in Beijing (15 March, 00:10 local = 14 March 16:10 UTC): counts for today and the month.
      const [today] = await order("PAID", "2026-03-14T16:10:00Z", [
        { op: a.id, product: productA.id, net: 10000 },
        { op: b.id, product: productB.id, net: 99999 }, // another operator's line in the same order
      ]);
      // Yesterday 23:50 in Beijing: month only.
      await order("SHIPPED", "2026-03-14T15:50:00Z", [{ op: a.id, product: productA.id, net: 5000, refunded: 1000 }]);
      // 1 March 00:00 Beijing (28 Feb 16:00 UTC): month; one second earlier: February.
      await order("DELIVERED", "2026-02-28T16:00:00Z", [{ op: a.id, product: productA.id, net: 700 }]);
      await order("DELIVERED", "2026-02-28T15:59:59Z", [{ op: a.id, product: productA.id, net: 30000 }]);
      // Not sales: unpaid, cancelled, refunded as a whole.
      await order("PENDING_PAYMENT", null, [{ op: a.id, product: productA.id, net: 40000 }]);
      await order("CANCELLED", "2026-03-15T01:00:00Z", [{ op: a.id, product: productA.id, net: 50000 }]);
      await order("REFUNDED", "2026-03-15T01:00:00Z", [{ op: a.id, product: productA.id, net: 60000, refunded: 60000 }]);

      const d = await getDashboard(tx, a.id, now);
      expect(d.todayFen).toBe(10000);
      expect(d.monthFen).toBe(10000 + 4000 + 700);
      expect(d.awaitingShipment).toBe(1); // the PAID order; SHIPPED is on its way
      expect(await ordersAwaitingShipment(tx, b.id)).toBe(1); // the shared order waits for B too
      expect(await salesBetween(tx, b.id, new Date("2026-03-01T00:00:00Z"), new Date("2026-04-01T00:00:00Z"))).toBe(99999);

      // Households reached this month: positive net allocations from A's lines, written this month.
      const [h1, h2, h3] = households;
      const alloc = (householdId: string, amountFen: number, createdAt: string) =>
        tx.allocation.create({
          data: { orderLineId: today!.id, householdId, benefitLinkId: link.id, amountFen, createdAt: new Date(createdAt) },
        });
      await alloc(h1!.id, 300, "2026-03-14T16:10:00Z");
      await alloc(h2!.id, 200, "2026-03-14T16:10:00Z");
      await alloc(h2!.id, -200, "2026-03-15T01:00:00Z"); // refunded in full: not reached
      await alloc(h3!.id, 500, "2026-02-28T15:00:00Z"); // February
      expect((await getDashboard(tx, a.id, now)).householdsReachedThisMonth).toBe(1);
      expect(await householdsReachedBetween(tx, b.id, new Date("2026-01-01T00:00:00Z"), new Date("2027-01-01T00:00:00Z"))).toBe(0);
    });
    // Rolled back: nothing left behind.
    expect(await testDb.order.count({ where: { number: { startsWith: "DASH-TEST-" } } })).toBe(0);
  });

  it("counts links in force and distinct households", async () => {
    const { id } = await operator(OPERATOR_A);
    const now = new Date();
    const links = await testDb.benefitLink.findMany({
      where: { operatorId: id, validFrom: { lte: now }, OR: [{ validTo: null }, { validTo: { gte: now } }] },
      select: { householdId: true },
    });
    expect(await linksInForce(testDb, id, now)).toEqual({ links: links.length, households: new Set(links.map((l) => l.householdId)).size });
  });
});
