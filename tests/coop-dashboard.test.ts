// The console's overview figures, against the seeded database: zero for an operator with no orders; with
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
} from "@/lib/operators/dashboard";
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
  it("shows zero sales, orders and households reached for an operator with no orders yet", async () => {
    const a = await testDb.operator.findUniqueOrThrow({ where: { slug: OPERATOR_A } });
    const link = await testDb.benefitLink.findFirstOrThrow({ where: { operatorId: a.id }, select: { householdId: true } });
    await inRolledBackTransaction(async (tx) => {
      // A new cooperative in Gangu with one link and no orders (the demo data and other tests have orders).
      const fresh = await tx.operator.create({
        data: {
          slug: "dash-test-fresh",
          nameZh: "新合作社",
          nameEn: "New cooperative",
          kind: "COOPERATIVE",
          creditCode: "DASHTEST0000000000",
          countyId: a.countyId,
        },
      });
      await tx.benefitLink.create({
        data: {
          householdId: link.householdId,
          operatorId: fresh.id,
          mechanism: "WAGE",
          rule: "PERCENT_OF_SALES",
          bps: 100,
          validFrom: new Date("2026-01-01T00:00:00Z"),
        },
      });
      expect(await tx.orderLine.count({ where: { operatorId: fresh.id } })).toBe(0);
      const d = await getDashboard(tx, fresh.id);
      expect(d).toMatchObject({ todayFen: 0, monthFen: 0, awaitingShipment: 0, householdsReachedThisMonth: 0, lowStock: [] });
      expect(d.linksInForce).toEqual({ links: 1, households: 1 });
    });
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
      // Orders of the demo data and of other tests are still to ship: count from there.
      const waitingA = await ordersAwaitingShipment(tx, a.id);
      const waitingB = await ordersAwaitingShipment(tx, b.id);
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
        // Each seller's part ships on its own (as confirmPayment writes them), in the matching state.
        const shipment = { PAID: "TO_SHIP", SHIPPED: "SHIPPED", DELIVERED: "DELIVERED", REFUNDED: "CANCELLED" } as const;
        if (status in shipment) {
          await tx.shipment.createMany({
            data: [...new Set(lines.map((l) => l.op))].map((operatorId) => ({
              orderId: o.id,
              operatorId,
              status: shipment[status as keyof typeof shipment],
            })),
          });
        }
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
      expect(d.awaitingShipment).toBe(waitingA + 1); // the PAID order; SHIPPED is on its way
      expect(await ordersAwaitingShipment(tx, b.id)).toBe(waitingB + 1); // the shared order waits for B too
      // A's part shipped: the order no longer waits for A, still for B.
      await tx.shipment.updateMany({ where: { order: { number: "DASH-TEST-1" }, operatorId: a.id }, data: { status: "SHIPPED" } });
      expect(await ordersAwaitingShipment(tx, a.id)).toBe(waitingA);
      expect(await ordersAwaitingShipment(tx, b.id)).toBe(waitingB + 1);
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
      expect(await householdsReachedBetween(tx, b.id, new Date("2026-02-01T00:00:00Z"), new Date("2026-04-01T00:00:00Z"))).toBe(0);
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
