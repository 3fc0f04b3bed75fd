// A guest's paid order of one Gangu product, shipped (and delivered, when asked) (through the payment and shipping code). The
// order row is written here as checkout writes it: the checkout module reads a JSON file
// Playwright's loader cannot import.
import { randomBytes } from "node:crypto";
import { loadActor } from "../../lib/auth/load-actor";
import { orderPath } from "../../lib/orders/access";
import { confirmPayment } from "../../lib/orders/fulfilment";
import { markDelivered, markShipped } from "../../lib/orders/shipping";
import { makeProductIn } from "../../tests/support/shop-data";
import { e2eDb } from "./db";

const LETTERS = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

export async function shippedGuestOrder(options: { email?: string; delivered?: boolean } = {}): Promise<{ number: string; path: string }> {
  const db = e2eDb();
  const product = await makeProductIn(db, "dazhuang-chili-coop", { sameSeller: true, stock: 10, priceFen: 4200 });
  const number = `XK261206${Array.from(randomBytes(8), (b) => LETTERS[b % LETTERS.length]).join("")}`;
  const order = await db.order.create({
    data: {
      number,
      checkoutKey: randomBytes(16).toString("base64url"),
      email: options.email ?? "e2e-receipt@example.test",
      totalFen: product.priceFen,
      recipient: "测试收货人",
      mobile: "13912345678",
      province: "北京市",
      city: "市辖区",
      district: "海淀区",
      address: "中关村大街 1 号 e2e",
      paymentProvider: "demo",
      reservedUntil: new Date(Date.now() + 30 * 60_000),
      lines: {
        create: [
          {
            productId: product.id,
            operatorId: product.operatorId,
            quantity: 1,
            unitPriceFen: product.priceFen,
            netFen: product.priceFen,
            certifiedAtSale: true,
          },
        ],
      },
    },
    select: { id: true },
  });
  await confirmPayment(db, { orderId: order.id });
  const shipment = await db.shipment.findFirstOrThrow({ where: { orderId: order.id } });
  const admin = await loadActor(db, "seed-user-admin");
  await markShipped(db, { shipmentId: shipment.id, carrier: "SF", trackingNo: "SF1357924680" }, admin);
  if (options.delivered) await markDelivered(db, { shipmentId: shipment.id }, admin);
  return { number, path: orderPath(number, order.id) };
}
