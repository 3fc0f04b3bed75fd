// Paid orders for tests of what comes after payment (shipping, refunds, settlement).
//   paidOrder: through checkout (placeOrder with the demo provider) and confirmPayment, as a shopper would.
//   paidOrderOf: an order row written directly for a product that is not on sale (e.g. the
//   authorization test's unlisted product), then paid through confirmPayment all the same.
import { randomBytes } from "node:crypto";
import { placeOrder } from "@/lib/orders/checkout";
import { confirmPayment } from "@/lib/orders/fulfilment";
import { demoProvider } from "@/lib/payments/demo";
import { testDb } from "./db";
import { orderDefaults } from "./orders";
import { cartOf } from "./shop";

const withLines = (id: string) =>
  testDb.order.findUniqueOrThrow({
    where: { id },
    include: { lines: { orderBy: { id: "asc" } }, shipments: true },
  });

export type PaidOrder = Awaited<ReturnType<typeof withLines>>;

export async function paidOrder(items: { id: string; priceFen: number; quantity?: number }[], at?: Date): Promise<PaidOrder> {
  const placed = await placeOrder(testDb, cartOf(items), {
    provider: demoProvider,
    origin: "http://localhost:3000",
    locale: "zh-CN",
    actor: null,
    now: at,
  });
  const outcome = await confirmPayment(testDb, { orderId: placed.orderId, at });
  if (outcome.result !== "applied") throw new Error(`payment of ${placed.number}: ${outcome.result}`);
  return withLines(placed.orderId);
}

export async function paidOrderOf(product: { id: string; operatorId: string }, quantity = 2, unitPriceFen = 2500): Promise<PaidOrder> {
  const order = await testDb.order.create({
    data: {
      ...orderDefaults(),
      number: `T${randomBytes(6).toString("hex").toUpperCase()}`,
      email: "paid-order@example.test",
      totalFen: quantity * unitPriceFen,
      lines: {
        create: [
          {
            productId: product.id,
            operatorId: product.operatorId,
            quantity,
            unitPriceFen,
            netFen: quantity * unitPriceFen,
            certifiedAtSale: false,
          },
        ],
      },
    },
    select: { id: true },
  });
  const outcome = await confirmPayment(testDb, { orderId: order.id });
  if (outcome.result !== "applied") throw new Error(`payment: ${outcome.result}`);
  return withLines(order.id);
}
