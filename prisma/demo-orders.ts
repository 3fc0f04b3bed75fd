// Demo orders for the seed, so a cooperative's console has orders to ship, parcels on their way,
// a refund and a settlement ledger on first start. Every one goes through the real code: checkout
// (placeOrder with the demo payment provider), payment (confirmPayment: allocations, settlement,
// shipments), shipping (markShipped / markDelivered) and refunds (requestRefund), with dates
// spread over the last six weeks. Buyers are guests with invented names and .test addresses, and the
// demo buyer organisations' managers (prisma/seed-organisations.ts) buying for their organisation:
// the trade union's festival gift boxes, the budget unit's canteen produce, and the Dongli partner
// buying Gangu produce (a PAIRING order), so the quota progress and the buy-side figures are not
// zero on first start.
//
// Idempotent: each order has a fixed checkout key, so a second run finds it instead of ordering
// again; each later step runs only if the order has not got there yet, and nothing is ever undone
// (what a clerk did meanwhile in the console stays).
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/load-actor";
import type { Db } from "@/lib/db/client";
import { CartChanged, placeOrder } from "@/lib/orders/checkout";
import type { CarrierCode } from "@/lib/orders/carriers";
import { confirmPayment } from "@/lib/orders/fulfilment";
import { requestRefund } from "@/lib/orders/refunds";
import { markDelivered, markShipped } from "@/lib/orders/shipping";
import { demoProvider } from "@/lib/payments/demo";

const DAY = 24 * 3600_000;
const HOUR = 3600_000;

interface DemoOrder {
  key: string;
  /** Bought by this demo account (prisma/demo-accounts.ts key) for this organisation; else a guest. */
  forOrganisation?: { account: string; organisationId: string };
  /** How long ago it was paid. */
  ago: number;
  buyer: { email: string; recipient: string; mobile: string; province: string; city: string; district: string; address: string };
  items: { product: string; quantity: number }[];
  /** Where each seller's part has got to (default: still to ship). */
  shipped?: { carrier: CarrierCode; trackingNo: string; delivered?: boolean };
  /** A refund of part of the first line, by that line's seller. */
  refund?: { yuanFen: number; restock: number; reason: string };
}

const buyer = (n: number, recipient: string, province: string, city: string, district: string, address: string) => ({
  email: `demo-buyer-${n}@demo.xiaokang.test`,
  recipient,
  mobile: `1390000${String(1000 + n).padStart(4, "0")}`,
  province,
  city,
  district,
  address,
});

/** The Lanzhou budget unit's canteen (its union's gift boxes go there too). */
const unitAddress = {
  recipient: "马师傅",
  mobile: "13900021101",
  province: "甘肃省",
  city: "兰州市",
  district: "城关区",
  address: "南昌路 1680 号 演示事务服务中心 职工食堂",
};

const ORDERS: DemoOrder[] = [
  {
    key: "demo-seed-order-0001",
    ago: 41 * DAY,
    buyer: buyer(1, "李女士", "北京市", "市辖区", "朝阳区", "望京街道阜通东大街 6 号院 3 号楼 1201"),
    items: [{ product: "gangu-chili-dried-500g", quantity: 3 }],
    shipped: { carrier: "SF", trackingNo: "SF1402365478921", delivered: true },
  },
  {
    key: "demo-seed-order-0002",
    ago: 34 * DAY,
    buyer: buyer(2, "张先生", "上海市", "市辖区", "徐汇区", "漕溪北路 88 号 2 单元 502 室"),
    items: [
      { product: "gangu-chili-dried-5kg", quantity: 1 },
      { product: "gangu-apple-huaniu-5kg", quantity: 1 },
    ],
    shipped: { carrier: "ZTO", trackingNo: "773045612398012", delivered: true },
  },
  {
    key: "demo-seed-order-0003",
    ago: 26 * DAY,
    buyer: buyer(3, "王老师", "广东省", "深圳市", "南山区", "粤海街道科技园南区 12 栋 8 楼"),
    items: [{ product: "gangu-sichuan-pepper-250g", quantity: 2 }],
    shipped: { carrier: "YUNDA", trackingNo: "4312987650012", delivered: true },
    refund: { yuanFen: 4500, restock: 0, reason: "一袋包装破损，顾客拍照反馈" },
  },
  {
    key: "demo-seed-order-0004",
    ago: 21 * DAY,
    buyer: buyer(4, "赵女士", "甘肃省", "张掖市", "甘州区", "县府街 15 号"),
    items: [{ product: "sunan-fresh-mushrooms-2kg", quantity: 2 }],
    shipped: { carrier: "EMS", trackingNo: "EA204518736CN", delivered: true },
  },
  {
    key: "demo-seed-order-0005",
    ago: 12 * DAY,
    buyer: buyer(5, "陈经理", "浙江省", "杭州市", "西湖区", "文三路 259 号昌地火炬大厦 1 号楼 7 层"),
    items: [{ product: "gangu-chili-dried-500g", quantity: 5 }],
    shipped: { carrier: "JD", trackingNo: "JDV000356418802" },
  },
  {
    key: "demo-seed-order-0006",
    ago: 10 * DAY,
    buyer: buyer(6, "刘先生", "四川省", "成都市", "武侯区", "人民南路四段 27 号"),
    items: [{ product: "sunan-yak-beef-1kg", quantity: 1 }],
    shipped: { carrier: "SF", trackingNo: "SF1408877120356" },
  },
  {
    key: "demo-seed-order-0007",
    ago: 6 * DAY,
    buyer: buyer(7, "孙女士", "江苏省", "南京市", "鼓楼区", "中山北路 30 号 6 幢 301"),
    items: [{ product: "gangu-chili-dried-5kg", quantity: 2 }],
    shipped: { carrier: "YTO", trackingNo: "YT7512036984125" },
  },
  {
    key: "demo-seed-order-0008",
    ago: 3 * DAY,
    buyer: buyer(8, "马先生", "甘肃省", "兰州市", "城关区", "东岗西路 638 号"),
    items: [{ product: "sunan-hand-pulled-mutton-2kg", quantity: 1 }],
  },
  {
    key: "demo-seed-order-0009",
    ago: 2 * DAY,
    buyer: buyer(9, "周女士", "北京市", "市辖区", "海淀区", "中关村南大街 5 号 1 号楼 906"),
    items: [
      { product: "gangu-chili-dried-500g", quantity: 2 },
      { product: "gangu-scallion-5kg", quantity: 1 },
    ],
  },
  {
    key: "demo-seed-order-0010",
    ago: 1 * DAY,
    buyer: buyer(10, "吴先生", "广东省", "深圳市", "福田区", "福华三路 168 号 12 楼"),
    items: [{ product: "gangu-sichuan-pepper-250g", quantity: 1 }],
  },
  // Buyer organisations (checkout chooses the organisation; the channel comes from it).
  {
    key: "demo-seed-order-org-union-1",
    forOrganisation: { account: "buyer", organisationId: "seed-org-union" },
    ago: 18 * DAY,
    buyer: { ...unitAddress, email: "" },
    items: [
      { product: "gangu-apple-gift-12", quantity: 20 },
      { product: "sunan-hand-pulled-mutton-2kg", quantity: 10 },
    ],
    shipped: { carrier: "SF", trackingNo: "SF1409935521876", delivered: true },
  },
  {
    key: "demo-seed-order-org-unit-1",
    forOrganisation: { account: "unit", organisationId: "seed-org-unit" },
    ago: 15 * DAY,
    buyer: { ...unitAddress, email: "" },
    items: [
      { product: "gangu-scallion-long-white-10kg", quantity: 20 },
      { product: "gangu-chili-dried-5kg", quantity: 8 },
    ],
    shipped: { carrier: "ZTO", trackingNo: "773051288643107", delivered: true },
    refund: { yuanFen: 5800, restock: 0, reason: "一箱货物运输中压坏，食堂拍照反馈" },
  },
  {
    key: "demo-seed-order-org-unit-2",
    forOrganisation: { account: "unit", organisationId: "seed-org-unit" },
    ago: 5 * DAY,
    buyer: { ...unitAddress, email: "" },
    items: [{ product: "sunan-hand-pulled-mutton-2kg", quantity: 12 }],
  },
  {
    key: "demo-seed-order-org-dongli-1",
    forOrganisation: { account: "partner", organisationId: "seed-org-dongli" },
    ago: 9 * DAY,
    buyer: {
      email: "",
      recipient: "刘主任",
      mobile: "13900021203",
      province: "天津市",
      city: "市辖区",
      district: "东丽区",
      address: "跃进路 29 号东丽区合作交流办公室",
    },
    items: [
      { product: "gangu-chili-dried-5kg", quantity: 10 },
      { product: "gangu-apple-gift-12", quantity: 15 },
    ],
    shipped: { carrier: "EMS", trackingNo: "EA204977315CN" },
  },
  {
    key: "demo-seed-order-0011",
    ago: 3 * HOUR,
    buyer: buyer(11, "郑女士", "上海市", "市辖区", "静安区", "南京西路 1266 号 2 号楼 15 层"),
    items: [
      { product: "gangu-chili-dried-500g", quantity: 1 },
      { product: "gangu-chili-dried-5kg", quantity: 1 },
    ],
  },
];

/** The actor who does a seller's part: its demo manager if there is one, else the admin. */
async function sellerActor(db: Db, operatorId: string): Promise<Actor> {
  const membership = await db.membership.findFirst({
    where: { operatorId, userId: { startsWith: "seed-user-" } },
    select: { userId: true },
  });
  const actor = await loadActor(db, membership?.userId ?? "seed-user-admin");
  if (!actor) throw new Error("seed: the demo admin is missing (seedUsers runs first)");
  return actor;
}

/** Places, pays, ships and refunds the demo orders that have not got there yet. Returns how many orders are new. */
export async function seedDemoOrders(db: Db, now = new Date()): Promise<number> {
  let created = 0;
  for (const demo of ORDERS) {
    const paidAt = new Date(now.getTime() - demo.ago);
    let order = await db.order.findUnique({ where: { checkoutKey: demo.key }, select: { id: true } });
    if (!order) {
      const products = await db.product.findMany({
        where: { slug: { in: demo.items.map((i) => i.product) } },
        select: { id: true, slug: true, priceFen: true },
      });
      const bySlug = new Map(products.map((p) => [p.slug, p]));
      const { email, ...address } = demo.buyer;
      // An organisation's order is placed by its member, signed in (the server checks the membership).
      const member = demo.forOrganisation ? await loadActor(db, `seed-user-${demo.forOrganisation.account}`) : null;
      if (demo.forOrganisation && !member) continue;
      try {
        const placed = await placeOrder(
          db,
          {
            checkoutKey: demo.key,
            ...(member ? { organisationId: demo.forOrganisation!.organisationId } : { email }),
            address,
            items: demo.items.map((i) => ({
              productId: bySlug.get(i.product)?.id ?? i.product,
              quantity: i.quantity,
              expectedPriceFen: bySlug.get(i.product)?.priceFen ?? 1,
            })),
          },
          {
            provider: demoProvider,
            origin: "http://localhost:3000",
            locale: "zh-CN",
            actor: member,
            now: new Date(paidAt.getTime() - 2 * 60_000),
          },
        );
        order = { id: placed.orderId };
        created++;
      } catch (error) {
        // A product sold out or re-priced through the app: that demo order is left out.
        if (error instanceof CartChanged) {
          console.warn(`seed: demo order ${demo.key} left out (${error.problems.map((p) => p.code).join(", ")})`);
          continue;
        }
        throw error;
      }
    }
    await confirmPayment(db, { orderId: order.id, event: { id: `demo:${order.id}`, type: "demo.paid" }, at: paidAt });

    const current = await db.order.findUniqueOrThrow({
      where: { id: order.id },
      select: {
        status: true,
        shipments: { orderBy: { operatorId: "asc" } },
        lines: { orderBy: { id: "asc" } },
        _count: { select: { refunds: true } },
      },
    });
    if (demo.shipped) {
      for (const [i, shipment] of current.shipments.entries()) {
        const actor = await sellerActor(db, shipment.operatorId);
        // One tracking number per parcel: the second seller's parcel gets its own.
        const trackingNo = i === 0 ? demo.shipped.trackingNo : `${demo.shipped.trackingNo.slice(0, -2)}${String(10 + i)}`;
        if (shipment.status === "TO_SHIP") {
          await markShipped(
            db,
            { shipmentId: shipment.id, carrier: demo.shipped.carrier, trackingNo },
            actor,
            new Date(paidAt.getTime() + 20 * HOUR),
          );
        }
        if (demo.shipped.delivered && (shipment.status === "TO_SHIP" || shipment.status === "SHIPPED")) {
          await markDelivered(db, { shipmentId: shipment.id }, actor, new Date(paidAt.getTime() + 3 * DAY));
        }
      }
    }
    if (demo.refund && current._count.refunds === 0) {
      const line = current.lines[0]!;
      await requestRefund(
        db,
        demoProvider,
        {
          orderId: order.id,
          lines: [{ orderLineId: line.id, amountFen: demo.refund.yuanFen, restockQty: demo.refund.restock }],
          reason: demo.refund.reason,
        },
        await sellerActor(db, line.operatorId),
      );
    }
  }
  return created;
}
