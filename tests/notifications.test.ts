// Notifications against a real SMTP server in this process: the rows written with their events,
// what the server receives (recipients, subject, order and tracking numbers, never a household's
// name), delivery exactly once across a crashed sender and two senders at once, retries with
// backoff, opt-outs, and a rolled-back event leaving no mail.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enqueue } from "@/lib/notifications/outbox";
import { claim, deliverDue, LEASE_MS, MAX_ATTEMPTS, type Transports } from "@/lib/notifications/sender";
import { smtpTransport, fakeSmsProvider, smsTransport, type Transport } from "@/lib/notifications/transports";
import { readUnsubscribeToken, unsubscribeToken } from "@/lib/notifications/unsubscribe";
import { markDelivered, markShipped } from "@/lib/orders/shipping";
import { requestRefund } from "@/lib/orders/refunds";
import { demoProvider } from "@/lib/payments/demo";
import { testDb } from "@/tests/support/db";
import { paidOrder } from "@/tests/support/paid-orders";
import { actorOf, OPERATOR_A } from "@/tests/support/personas";
import { linkHouseholds, makeProduct } from "@/tests/support/shop";
import { startSmtp, type TestSmtp } from "@/tests/support/smtp";

const SMTP_PORT = Number(process.env.SMTP_TEST_PORT || 2526);
let smtp: TestSmtp;
let mail: Transport;
const sms = fakeSmsProvider();
let transports: Transports;

beforeAll(async () => {
  // Rows other test files left in the shared outbox (thousands, from every checkout, refund and
  // alert) are not this file's to deliver: they are put out of the senders' reach, so each test
  // here delivers its own rows.
  await testDb.outbox.updateMany({ where: { status: "PENDING" }, data: { nextAttemptAt: new Date("2999-01-01T00:00:00Z") } });
  smtp = await startSmtp(SMTP_PORT);
  mail = smtpTransport(`smtp://127.0.0.1:${smtp.port}`, "小康集市 <noreply@xiaokang.test>");
  transports = { EMAIL: mail, SMS: smsTransport(sms) };
});
afterAll(async () => {
  mail.close?.();
  await smtp.close();
});

/** Delivers everything due now, round after round. */
async function drain(t: Transports = transports) {
  for (let i = 0; i < 50; i++) {
    const { sent, failed } = await deliverDue(testDb, t, { limit: 50 });
    if (sent + failed === 0) return;
  }
}

const rowsOf = (prefix: string) => testDb.outbox.findMany({ where: { dedupeKey: { startsWith: prefix } }, orderBy: { createdAt: "asc" } });

describe("an order's notifications", () => {
  it("writes each event's rows in its transaction and delivers them through SMTP, with no household name", async () => {
    const product = await makeProduct(OPERATOR_A, { sameSeller: true, priceFen: 3800 });
    await linkHouseholds({ ...product }, [500, 300]);
    const householdNames = (
      await testDb.household.findMany({ where: { benefitLinks: { some: { productId: product.id } } }, select: { headName: true } })
    ).map((h) => h.headName);
    expect(householdNames.length).toBe(2);

    const order = await paidOrder([{ ...product, quantity: 2 }]);
    const managerA = await actorOf("managerA");
    const paidRows = await rowsOf(`order.paid:${order.id}`);
    expect(paidRows.map((r) => r.channel)).toEqual(["EMAIL"]); // order.paid has no SMS copy
    expect(paidRows[0]!.recipient).toBe(order.email);
    const saleRows = await rowsOf(`sale.new:${order.id}`);
    expect(saleRows.map((r) => r.recipient)).toContain(managerA!.email);

    const shipment = order.shipments[0]!;
    await markShipped(testDb, { shipmentId: shipment.id, carrier: "SF", trackingNo: "SF1234567890" }, managerA);
    const shippedRows = await rowsOf(`order.shipped:${shipment.id}`);
    expect(shippedRows.map((r) => r.channel).sort()).toEqual(["EMAIL", "SMS"]);
    await markDelivered(testDb, { shipmentId: shipment.id }, managerA);
    const refund = await requestRefund(
      testDb,
      demoProvider,
      { orderId: order.id, lines: [{ orderLineId: order.lines[0]!.id, amountFen: 1000 }], reason: "箱子破损" },
      managerA!,
    );
    expect(refund.status).toBe("SUCCEEDED");

    await drain();

    const forShopper = smtp.mails.filter((m) => m.envelopeTo.includes(order.email) && m.subject.includes(order.number));
    const subjects = forShopper.map((m) => m.subject).sort();
    expect(subjects).toEqual(
      [
        `订单 ${order.number} 已付款`,
        `订单 ${order.number} 已发货`,
        `订单 ${order.number} 已送达`,
        `订单 ${order.number} 已退款 ¥10.00`,
      ].sort(),
    );
    const shipped = forShopper.find((m) => m.subject.endsWith("已发货"))!;
    expect(shipped.text).toContain("SF1234567890");
    expect(shipped.text).toContain("顺丰");
    expect(shipped.from).toContain("noreply@xiaokang.test");
    // Every mail says how to stop its kind, in the text and in the List-Unsubscribe header.
    expect(shipped.text).toMatch(/\/unsubscribe\?token=/);
    expect(JSON.stringify(shipped.headers.get("list"))).toMatch(/unsubscribe\?token=/);
    expect(shipped.html).toContain("SF1234567890");
    expect(forShopper.find((m) => m.subject.includes("已退款"))!.text).toContain("箱子破损");

    const forManager = smtp.mails.find((m) => m.envelopeTo.includes(managerA!.email) && m.subject.includes(order.number))!;
    expect(forManager.subject).toBe(`新订单待发货：${order.number}`);
    expect(forManager.text).toContain(`/coop/${OPERATOR_A}/orders/${order.number}`);

    for (const m of smtp.mails) for (const name of householdNames) expect(`${m.subject}\n${m.text}\n${m.html}`).not.toContain(name);

    expect(sms.sent.filter((s) => s.text.includes(order.number)).map((s) => s.to)).toEqual([order.mobile, order.mobile]);
    const all = await rowsOf(`order.`);
    expect(all.filter((r) => r.dedupeKey.includes(order.id) || r.dedupeKey.includes(shipment.id)).every((r) => r.status === "SENT")).toBe(
      true,
    );
  }, 120_000);

  it("writes one row per intent: a repeated event adds nothing", async () => {
    const product = await makeProduct(OPERATOR_A, { sameSeller: true });
    const order = await paidOrder([{ ...product, quantity: 1 }]);
    const { notifyOrderPaid } = await import("@/lib/notifications/events");
    await testDb.$transaction((tx) => notifyOrderPaid(tx, order.id));
    expect(await rowsOf(`order.paid:${order.id}`)).toHaveLength(1);
  });

  it("writes nothing when the event's transaction rolls back", async () => {
    const key = `test.rollback:${Date.now()}`;
    await expect(
      testDb.$transaction(async (tx) => {
        await enqueue(tx, { kind: "order.paid", key, email: "rollback@example.test", data: { orderNumber: "XKROLLBACK" } });
        throw new Error("the payment failed after all");
      }),
    ).rejects.toThrow("the payment failed");
    expect(await rowsOf(key)).toHaveLength(0);
  });

  it("respects an address's opt-out of a category, but never of security mails", async () => {
    const address = `optout-${Date.now()}@example.test`;
    await testDb.notificationOptOut.create({ data: { address, category: "orders", channel: "EMAIL" } });
    const n = await testDb.$transaction((tx) =>
      enqueue(tx, { kind: "order.paid", key: `test.optout:${address}`, email: address, data: { orderNumber: "XK1" } }),
    );
    expect(n).toBe(0);
    await testDb.notificationOptOut.create({ data: { address, category: "security", channel: "EMAIL" } });
    const m = await testDb.$transaction((tx) =>
      enqueue(tx, { kind: "password.changed", key: `test.optout2:${address}`, email: address, data: {} }),
    );
    expect(m).toBe(1);
  });
});

describe("delivery exactly once", () => {
  async function fresh(n: number, tag: string) {
    await testDb.$transaction(async (tx) => {
      for (let i = 0; i < n; i++) {
        await enqueue(tx, {
          kind: "order.paid",
          key: `test.once:${tag}:${i}`,
          email: `once-${tag}-${i}@example.test`,
          data: { orderNumber: `XK${tag}${i}`, amount: "¥1.00", link: "http://localhost/x" },
        });
      }
    });
    return rowsOf(`test.once:${tag}:`);
  }
  const receivedFor = (tag: string) => smtp.mails.filter((m) => m.envelopeTo.some((to) => to.startsWith(`once-${tag}-`)));

  it("a sender that crashed after claiming loses nothing: its lease runs out and another sender sends each row once", async () => {
    await drain();
    const tag = `crash${Date.now()}`;
    const rows = await fresh(5, tag);
    // Sender A claims the rows and dies before sending (no settle).
    const crashed = await claim(testDb, ["EMAIL"], { limit: 50 });
    expect(crashed.rows.map((r) => r.id)).toEqual(expect.arrayContaining(rows.map((r) => r.id)));
    // Sender B, while the lease holds: nothing of those rows.
    await deliverDue(testDb, { EMAIL: mail }, { limit: 50 });
    expect(receivedFor(tag)).toHaveLength(0);
    // After the lease: B takes them over and sends each once.
    const later = () => new Date(Date.now() + LEASE_MS + 1000);
    await deliverDue(testDb, { EMAIL: mail }, { limit: 50, now: later });
    await deliverDue(testDb, { EMAIL: mail }, { limit: 50, now: later });
    const got = receivedFor(tag);
    expect(got).toHaveLength(5);
    expect(new Set(got.map((m) => m.messageId)).size).toBe(5);
    expect(got.map((m) => m.messageId).sort()).toEqual(rows.map((r) => `<${r.id}@xiaokang.test>`).sort());
    // A's late answer cannot overwrite what B did (its lease token is stale).
    const { markSent } = await import("@/lib/notifications/sender");
    expect(await markSent(testDb, rows[0]!.id, crashed.token)).toBe(false);
  });

  it("two senders at once deliver every row exactly once", async () => {
    await drain();
    const tag = `two${Date.now()}`;
    const rows = await fresh(30, tag);
    await Promise.all([
      deliverDue(testDb, { EMAIL: mail }, { limit: 7 }),
      deliverDue(testDb, { EMAIL: mail }, { limit: 7 }),
      deliverDue(testDb, { EMAIL: mail }, { limit: 7 }),
    ]);
    await Promise.all([drain({ EMAIL: mail }), drain({ EMAIL: mail })]);
    const got = receivedFor(tag);
    expect(got).toHaveLength(30);
    expect(new Set(got.map((m) => m.messageId)).size).toBe(30);
    const after = await rowsOf(`test.once:${tag}:`);
    expect(after.every((r) => r.status === "SENT" && r.sentAt)).toBe(true);
    expect(after.map((r) => r.id).sort()).toEqual(rows.map((r) => r.id).sort());
  });

  it("retries a refused mail later (backoff) and gives up after the last attempt, clearing its one-time link", async () => {
    await drain();
    const tag = `retry${Date.now()}`;
    await testDb.$transaction((tx) =>
      enqueue(tx, {
        kind: "password.reset",
        key: `test.once:${tag}:0`,
        email: `once-${tag}-0@example.test`,
        data: {},
        secret: "http://localhost/reset/abc",
      }),
    );
    smtp.refuseNext(1);
    await deliverDue(testDb, { EMAIL: mail });
    let [row] = await rowsOf(`test.once:${tag}:`);
    expect(row!.status).toBe("PENDING");
    expect(row!.attempts).toBe(1);
    expect(row!.lastError).toMatch(/451/);
    expect(row!.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 20_000);
    // Not due yet: a round now does not touch it.
    await deliverDue(testDb, { EMAIL: mail });
    expect(receivedFor(tag)).toHaveLength(0);
    // Due later: sent, with the link put in, and the link no longer stored.
    await deliverDue(testDb, { EMAIL: mail }, { now: () => new Date(Date.now() + 3_600_000) });
    expect(receivedFor(tag)[0]!.text).toContain("http://localhost/reset/abc");
    [row] = await rowsOf(`test.once:${tag}:`);
    expect(row!.status).toBe("SENT");
    expect(row!.secret).toBeNull();

    const broken: Transport = { send: async () => Promise.reject(new Error("connection refused")) };
    const tag2 = `giveup${Date.now()}`;
    await testDb.$transaction((tx) =>
      enqueue(tx, {
        kind: "password.reset",
        key: `test.once:${tag2}:0`,
        email: `once-${tag2}-0@example.test`,
        data: {},
        secret: "http://localhost/reset/def",
      }),
    );
    for (let i = 1; i <= MAX_ATTEMPTS; i++) {
      await deliverDue(testDb, { EMAIL: broken }, { now: () => new Date(Date.now() + i * 4 * 3_600_000) });
    }
    const [gaveUp] = await rowsOf(`test.once:${tag2}:`);
    expect(gaveUp!.status).toBe("FAILED");
    expect(gaveUp!.attempts).toBe(MAX_ATTEMPTS);
    expect(gaveUp!.secret).toBeNull();
  });
});

describe("unsubscribe tokens", () => {
  it("name an address and a category, and refuse any change", () => {
    const token = unsubscribeToken("a@example.test", "orders");
    expect(readUnsubscribeToken(token)).toEqual({ address: "a@example.test", category: "orders" });
    const [payload, sig] = token.split(".");
    const other = Buffer.from("b@example.test\norders").toString("base64url");
    expect(readUnsubscribeToken(`${other}.${sig}`)).toBeNull();
    expect(readUnsubscribeToken(`${payload}.${sig!.slice(0, -1)}A`)).toBeNull();
    expect(readUnsubscribeToken("garbage")).toBeNull();
  });
});

describe("the one-click unsubscribe route", () => {
  it("turns the category off for the signed address, and answers 404 to anything else with no change", async () => {
    const { POST: handler } = await import("@/app/api/notifications/unsubscribe/route");
    const { registeredRouteOf } = await import("@/lib/http/route.server");
    const POST = (request: Request) => registeredRouteOf(handler)!.runAs(null, request);
    const address = `oneclick-${Date.now()}@example.test`;
    const token = unsubscribeToken(address, "orders");
    const bad = await POST(new Request(`http://localhost/api/notifications/unsubscribe?token=${token.slice(0, -2)}xx`, { method: "POST" }));
    expect(bad.status).toBe(404);
    expect(await testDb.notificationOptOut.count({ where: { address } })).toBe(0);
    const security = await POST(
      new Request(`http://localhost/api/notifications/unsubscribe?token=${unsubscribeToken(address, "security")}`, { method: "POST" }),
    );
    expect(security.status).toBe(404);
    const ok = await POST(new Request(`http://localhost/api/notifications/unsubscribe?token=${token}`, { method: "POST" }));
    expect(ok.status).toBe(200);
    expect(await testDb.notificationOptOut.findMany({ where: { address }, select: { category: true, channel: true } })).toEqual([
      { category: "orders", channel: "EMAIL" },
    ]);
  });
});
