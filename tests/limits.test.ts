// Rule 8 in the ordinary checkout: a per-product limit per order (Product.maxPerOrder, default 20)
// named in the refusal, and a cap on a buyer's unpaid orders that holds under concurrency.
import { describe, expect, it } from "vitest";
import { ActionError } from "@/lib/errors";
import { placeOrder } from "@/lib/orders/checkout";
import { demoProvider } from "@/lib/payments/demo";
import { testDb } from "./support/db";
import { actorOf } from "./support/personas";
import { ADDRESS, cartOf, makeProduct } from "./support/shop";

const demo = { provider: demoProvider, origin: "http://localhost:3000", locale: "zh-CN" as const, actor: null };
const refusal = (e: unknown) => (e instanceof ActionError ? { code: e.code, values: e.values } : e);

describe("hoarding", () => {
  it("an order asking for every product's full stock is refused with the limit in the message, and nothing is held", async () => {
    const products = await Promise.all([
      makeProduct("dazhuang-chili-coop", { stock: 500 }),
      makeProduct("dazhuang-chili-coop", { stock: 300 }),
    ]);
    const hoard = cartOf(
      products.map((p, i) => ({ ...p, quantity: [500, 300][i] })),
      { address: { ...ADDRESS, mobile: "136 0000 1111" } },
    );
    const error = await placeOrder(testDb, hoard, { ...demo, maxUnpaidOrders: 5 }).catch(refusal);
    expect(error).toMatchObject({ code: "quantityOverLimit", values: { max: 20 } });
    const stocks = await testDb.product.findMany({ where: { id: { in: products.map((p) => p.id) } }, select: { stock: true } });
    expect(stocks.map((s) => s.stock).sort()).toEqual([300, 500]);
    expect(await testDb.order.count({ where: { checkoutKey: hoard.checkoutKey } })).toBe(0);
  });

  it("takes up to the product's own limit and refuses one more", async () => {
    const p = await makeProduct("dazhuang-chili-coop", { stock: 100 });
    await testDb.product.update({ where: { id: p.id }, data: { maxPerOrder: 3 } });
    // A phone of its own: other tests' pending orders to the shared test address must not count here.
    const address = { ...ADDRESS, mobile: "136 0000 4321" };
    const ok = await placeOrder(testDb, cartOf([{ ...p, quantity: 3 }], { email: "three@limits.test", address }), {
      ...demo,
      maxUnpaidOrders: 5,
    });
    expect(ok.created).toBe(true);
    const error = await placeOrder(testDb, cartOf([{ ...p, quantity: 4 }], { email: "four@limits.test", address }), {
      ...demo,
      maxUnpaidOrders: 5,
    }).catch(refusal);
    expect(error).toMatchObject({ code: "quantityOverLimit", values: { max: 3, quantity: 4 } });
  });

  it("20 orders fired at once by one guest give exactly the cap; other e-mails to the same phone count too", async () => {
    const p = await makeProduct("dazhuang-chili-coop", { stock: 1000 });
    const address = { ...ADDRESS, mobile: "139 0000 1234", address: "甘谷县 囤货路 1 号" };
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        placeOrder(testDb, cartOf([p], { email: "scalper@limits.test", address }), { ...demo, maxUnpaidOrders: 3 }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => refusal(r.reason));
    expect(refused.every((e) => (e as { code: string }).code === "tooManyUnpaid")).toBe(true);
    const other = await placeOrder(testDb, cartOf([p], { email: "another@limits.test", address }), { ...demo, maxUnpaidOrders: 3 }).catch(
      refusal,
    );
    expect(other).toMatchObject({ code: "tooManyUnpaid", values: { max: 3 } });
    // A buyer somewhere else is not affected.
    const elsewhere = await placeOrder(
      testDb,
      cartOf([p], { email: "another@limits.test", address: { ...address, mobile: "139 0000 9999" } }),
      {
        ...demo,
        maxUnpaidOrders: 3,
      },
    );
    expect(elsewhere.created).toBe(true);
  });

  it("caps a signed-in account's unpaid orders, whatever addresses it uses", async () => {
    const p = await makeProduct("dazhuang-chili-coop", { stock: 1000 });
    const shopper = (await actorOf("shopper"))!;
    const before = await testDb.order.count({
      where: { userId: shopper.userId, status: "PENDING_PAYMENT", reservedUntil: { gt: new Date() } },
    });
    const cap = before + 2;
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        placeOrder(testDb, cartOf([p], { email: undefined, address: { ...ADDRESS, mobile: `1370000${String(1000 + i)}` } }), {
          ...demo,
          actor: shopper,
          maxUnpaidOrders: cap,
        }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(2);
  });
});
