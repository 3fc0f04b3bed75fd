// The notifications of after-sales, low stock, seller applications and security alerts, against a
// real SMTP server in this process: who receives what, the subject, the order number, and never a
// household's name. Security mails carry no unsubscribe link (they cannot be turned off).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openAfterSale, proposeAfterSale, refundAfterSale } from "@/lib/after-sales/requests";
import { notifyRevealAlert, notifySessionsEnded, setSecurityMailer } from "@/lib/auth/alerts";
import { deliverDue, type Transports } from "@/lib/notifications/sender";
import { registerSecurityMailer } from "@/lib/notifications/security";
import { smtpTransport, type Transport } from "@/lib/notifications/transports";
import { notifyLowStock } from "@/lib/notifications/events";
import { markDelivered, markShipped } from "@/lib/orders/shipping";
import { demoProvider } from "@/lib/payments/demo";
import { testDb } from "@/tests/support/db";
import { paidOrder } from "@/tests/support/paid-orders";
import { actorOf, OPERATOR_A } from "@/tests/support/personas";
import { linkHouseholds, makeProduct } from "@/tests/support/shop";
import { startSmtp, type TestSmtp } from "@/tests/support/smtp";

const SMTP_PORT = Number(process.env.SMTP_TEST_PORT || 2526) + 1;
let smtp: TestSmtp;
let mail: Transport;
let transports: Transports;

beforeAll(async () => {
  // Rows other test files left in the shared outbox are not this file's to deliver (see notifications.test.ts).
  await testDb.outbox.updateMany({ where: { status: "PENDING" }, data: { nextAttemptAt: new Date("2999-01-01T00:00:00Z") } });
  smtp = await startSmtp(SMTP_PORT);
  mail = smtpTransport(`smtp://127.0.0.1:${smtp.port}`, "小康集市 <noreply@xiaokang.test>");
  transports = { EMAIL: mail, SMS: mail };
  registerSecurityMailer();
});
afterAll(async () => {
  setSecurityMailer(undefined);
  mail.close?.();
  await smtp.close();
});

async function drain() {
  for (let i = 0; i < 50; i++) {
    const { sent, failed } = await deliverDue(testDb, transports, { limit: 50 });
    if (sent + failed === 0) return;
  }
}

describe("after-sales mails", () => {
  it(
    "the seller's managers hear of a request, the buyer of the offer and the refund; no household name",
    { timeout: 120_000 },
    async () => {
      const product = await makeProduct(OPERATOR_A, { sameSeller: true, priceFen: 4000 });
      await linkHouseholds(product, [800, 400]);
      const names = (
        await testDb.household.findMany({ where: { benefitLinks: { some: { productId: product.id } } }, select: { headName: true } })
      ).map((h) => h.headName);
      const order = await paidOrder([{ ...product, quantity: 2 }]);
      const admin = await actorOf("admin");
      const manager = (await actorOf("managerA"))!;
      const shipment = order.shipments[0]!;
      await markShipped(testDb, { shipmentId: shipment.id, carrier: "SF", trackingNo: "SF2468013579" }, admin);
      await markDelivered(testDb, { shipmentId: shipment.id }, admin);
      const request = await openAfterSale(
        testDb,
        {
          orderId: order.id,
          orderLineId: order.lines[0]!.id,
          reason: "DAMAGED",
          detail: "箱子压坏",
          askedFen: 3000,
          returnGoods: true,
          photos: [],
        },
        { userId: null },
        48,
      );
      await proposeAfterSale(testDb, manager, { requestId: request.id, amountFen: 1800, note: "外箱破损" });
      await refundAfterSale(
        testDb,
        demoProvider,
        { actor: null, userId: null, mayAct: (r) => r.orderId === order.id },
        { requestId: request.id, step: "acceptOffer" },
      );
      await drain();

      const toManager = smtp.mails.find((m) => m.envelopeTo.includes(manager.email) && m.subject === `售后申请：订单 ${order.number}`);
      expect(toManager, "opened → the manager").toBeDefined();
      expect(toManager!.text).toContain("商品破损");
      expect(toManager!.text).toContain("¥30.00");
      const toBuyer = smtp.mails
        .filter((m) => m.envelopeTo.includes(order.email) && m.subject.includes(order.number))
        .map((m) => m.subject);
      expect(toBuyer).toEqual(
        expect.arrayContaining([
          `订单 ${order.number}：卖家提出部分退款 ¥18.00`,
          `订单 ${order.number}：售后已同意，退款 ¥18.00`,
          `订单 ${order.number} 已退款 ¥18.00`,
        ]),
      );
      for (const m of smtp.mails.filter((m) => m.subject.includes(order.number))) {
        for (const name of names) expect(m.text).not.toContain(name);
        // Optional mails say how to stop them.
        expect(m.text).toMatch(/不想再收到此类邮件|Stop these mails/);
      }
    },
  );
});

describe("low stock", () => {
  it("tells the operator's managers once per crossing below the threshold", async () => {
    const product = await makeProduct(OPERATOR_A, { sameSeller: true, stock: 7, priceFen: 1200 });
    const manager = (await actorOf("managerA"))!;
    // 7 → 5: still at the threshold; 5 → 4: crosses (a checkout, through the real path).
    await paidOrder([{ ...product, quantity: 2 }]);
    expect(await testDb.outbox.count({ where: { kind: "stock.low", dedupeKey: { startsWith: `stock.low:${product.id}:` } } })).toBe(0);
    const crossing = await paidOrder([{ ...product, quantity: 1 }]);
    await paidOrder([{ ...product, quantity: 1 }]); // 4 → 3: below already, no new mail
    const rows = await testDb.outbox.findMany({ where: { kind: "stock.low", dedupeKey: { startsWith: `stock.low:${product.id}:` } } });
    expect(rows.map((r) => r.dedupeKey)).toContain(`stock.low:${product.id}:${crossing.id}:${manager.userId}:email`);
    expect(new Set(rows.map((r) => r.dedupeKey.split(":")[2])).size).toBe(1);
    // A replay of the same crossing writes nothing new.
    await testDb.$transaction((tx) =>
      notifyLowStock(tx, { productId: product.id, before: 5, after: 4, threshold: 5, crossingId: crossing.id }),
    );
    expect(await testDb.outbox.count({ where: { kind: "stock.low", dedupeKey: { startsWith: `stock.low:${product.id}:` } } })).toBe(
      rows.length,
    );
    await drain();
    const nameZh = (await testDb.product.findUniqueOrThrow({ where: { id: product.id } })).nameZh;
    const got = smtp.mails.find((m) => m.envelopeTo.includes(manager.email) && m.subject === `库存不足：「${nameZh}」只剩 4 件`);
    expect(got).toBeDefined();
  });
});

describe("security mails", () => {
  it("an officer's many reveals: the county's other officers and the admins are told; the officer is not; no household name", async () => {
    const officer = (await actorOf("officerGangu"))!;
    const household = await testDb.household.findFirstOrThrow({
      where: { countyId: officer.countyId! },
      select: { id: true, headName: true },
    });
    await notifyRevealAlert(testDb, officer.userId, officer.countyId, 31, household.id);
    await drain();
    const admin = (await actorOf("admin"))!;
    const alerts = smtp.mails.filter((m) => m.subject === "身份证号查看提醒" || m.subject === "ID number reveals alert");
    const recipients = alerts.flatMap((m) => m.envelopeTo);
    expect(recipients).toContain(admin.email);
    expect(recipients).not.toContain(officer.email);
    expect(recipients).not.toContain((await actorOf("officerSunan"))!.email);
    for (const m of alerts) {
      expect(m.text).toContain("31");
      expect(m.text).not.toContain(household.headName);
      expect(m.text).not.toMatch(/不想再收到此类邮件|Stop these mails/); // cannot be turned off
    }
  });

  it("ending every other session mails the owner, once per event", async () => {
    const email = `sessions-${Date.now().toString(36)}@example.test`;
    await testDb.user.create({ data: { email, name: "会话测试", passwordHash: "x", role: "SHOPPER" } });
    await notifySessionsEnded(testDb, email, 7);
    await notifySessionsEnded(testDb, email, 7);
    await drain();
    const got = smtp.mails.filter((m) => m.envelopeTo.includes(email));
    expect(got.map((m) => m.subject)).toEqual(["您在其他设备上的登录已全部退出"]);
  });
});
