// After the sale: trace codes (made when a part ships, unguessable, unique), the trace page's
// benefit summary (counts and villages, never names), scans; verified reviews (who may review,
// once; the seller's one reply; the admin's audited hiding; nobody edits); the share card.
import { describe, expect, it } from "vitest";
import { markDelivered, markShipped } from "@/lib/orders/shipping";
import { confirmReceipt } from "@/lib/orders/receipt";
import { requestRefund } from "@/lib/orders/refunds";
import { demoProvider } from "@/lib/payments/demo";
import { countScan, packingSlip, tracePage } from "@/lib/trace/trace";
import { shareCard, shareTokenFor } from "@/lib/trace/share";
import { TRACE_CODE } from "@/lib/trace/code";
import { createReview, hideReview, productReviews, replyToReview, reviewableLine } from "@/lib/reviews/reviews";
import { preferencesOf, setPreferences } from "@/lib/notifications/preferences";
import { testDb } from "@/tests/support/db";
import { paidOrder } from "@/tests/support/paid-orders";
import { actorOf, OPERATOR_A } from "@/tests/support/personas";
import { freshUser } from "@/tests/support/applications";
import { linkHouseholds, makeProduct } from "@/tests/support/shop";

/** A paid order of one product linked to three households, owned by a fresh shopper. */
async function ownedOrder(opts: { link?: boolean } = {}) {
  const product = await makeProduct(OPERATOR_A, { sameSeller: true });
  if (opts.link !== false) await linkHouseholds(product, [500, 300, 200]);
  const buyer = await freshUser();
  const order = await paidOrder([{ ...product, quantity: 2 }]);
  await testDb.order.update({ where: { id: order.id }, data: { userId: buyer.id } });
  return { product, buyer, order, line: order.lines[0]!, shipment: order.shipments[0]! };
}

async function ship(shipmentId: string, batchDate?: string) {
  const admin = await actorOf("admin");
  return markShipped(testDb, { shipmentId, carrier: "SF", trackingNo: `SF${Date.now()}`.slice(0, 14), batchDate }, admin);
}

describe("trace codes", () => {
  it("are made when a part ships, with the batch date, 16 random URL-safe characters, unique", async () => {
    const { shipment } = await ownedOrder();
    expect(await testDb.traceCode.findUnique({ where: { shipmentId: shipment.id } })).toBeNull();
    await ship(shipment.id, "2026-11-30");
    const trace = await testDb.traceCode.findUniqueOrThrow({ where: { shipmentId: shipment.id } });
    expect(trace.code).toMatch(TRACE_CODE);
    expect(trace.batchDate?.toISOString().slice(0, 10)).toBe("2026-11-30");
    // The database refuses a second code of the same shape (unique) and a code of another shape.
    await expect(testDb.traceCode.create({ data: { code: trace.code, shipmentId: "x" } })).rejects.toThrow();
    await expect(testDb.$executeRaw`UPDATE "TraceCode" SET "code" = 'short' WHERE "code" = ${trace.code}`).rejects.toThrow();
  });

  it("refuses a batch date in the future or not a date", async () => {
    const { shipment } = await ownedOrder({ link: false });
    await expect(ship(shipment.id, "2999-01-01")).rejects.toThrow();
    await expect(ship(shipment.id, "2026-02-30")).rejects.toThrow();
    expect(await testDb.shipment.findUniqueOrThrow({ where: { id: shipment.id } })).toMatchObject({ status: "TO_SHIP" });
  });

  it("codes of many shipments share no structure (no counter, no time)", async () => {
    const rows = await testDb.traceCode.findMany({ select: { code: true }, take: 200 });
    const codes = rows.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const c of codes) expect(c).toMatch(TRACE_CODE);
  });
});

describe("the trace page", () => {
  it("shows the origin, GI mark, certification and the parcel's households and villages, never a name", async () => {
    const { shipment, product } = await ownedOrder();
    await ship(shipment.id);
    const { code } = await testDb.traceCode.findUniqueOrThrow({ where: { shipmentId: shipment.id } });
    const page = (await tracePage(testDb, code))!;
    expect(page.products).toHaveLength(1);
    expect(page.products[0]!.origin.map((r) => r.level)).toEqual(["PROVINCE", "CITY", "COUNTY", "TOWNSHIP", "VILLAGE"]);
    expect(page.products[0]!.origin.at(-1)!.id).toBe(product.villageId);
    expect(page.products[0]!.certification).toMatchObject({ countyZh: "甘谷县" });
    const allocated = await testDb.allocation.findMany({
      where: { orderLine: { orderId: shipment.orderId } },
      select: { household: { select: { headName: true, villageId: true, registryCode: true } } },
    });
    const households = new Set(allocated.map((a) => a.household.registryCode));
    expect(page.benefit.households).toBe(households.size);
    expect(page.benefit.households).toBe(3);
    expect(page.benefit.villages.map((v) => v.id).sort()).toEqual([...new Set(allocated.map((a) => a.household.villageId))].sort());
    // Nothing about a household beyond counts and villages: no name, no registry code, no amount.
    const text = JSON.stringify(page);
    for (const a of allocated) {
      expect(text).not.toContain(a.household.headName);
      expect(text).not.toContain(a.household.registryCode);
    }
    expect(text).not.toMatch(/amountFen|headName|idNumber/);
  });

  it("counts the households of this seller's lines only, less what was refunded in full", async () => {
    const { shipment, order, line } = await ownedOrder();
    await ship(shipment.id);
    const { code } = await testDb.traceCode.findUniqueOrThrow({ where: { shipmentId: shipment.id } });
    const admin = (await actorOf("admin"))!;
    await requestRefund(
      testDb,
      demoProvider,
      { orderId: order.id, lines: [{ orderLineId: line.id, amountFen: line.netFen }], restock: false } as never,
      admin,
    );
    expect((await tracePage(testDb, code))!.benefit).toEqual({ households: 0, villages: [] });
  });

  it("answers null for malformed and unknown codes, and counts scans with one update", async () => {
    expect(await tracePage(testDb, "../../etc/passwd")).toBeNull();
    expect(await tracePage(testDb, "AAAAAAAAAAAAAAAA")).toBeNull();
    const { shipment } = await ownedOrder({ link: false });
    expect(await testDb.traceCode.count({ where: { shipmentId: shipment.id } })).toBe(0);
    await ship(shipment.id);
    const { code } = await testDb.traceCode.findUniqueOrThrow({ where: { shipmentId: shipment.id } });
    await Promise.all([countScan(testDb, code), countScan(testDb, code), countScan(testDb, code)]);
    expect((await tracePage(testDb, code))!.scans).toBe(3);
  });

  it("packing slip: only for the seller's managers and only once shipped; the mobile masked", async () => {
    const { shipment } = await ownedOrder({ link: false });
    const managerA = await actorOf("managerA");
    await expect(packingSlip(testDb, managerA, shipment.id)).rejects.toMatchObject({ code: "notFound" });
    await ship(shipment.id, "2026-12-01");
    const slip = await packingSlip(testDb, managerA, shipment.id);
    expect(slip.code).toMatch(TRACE_CODE);
    expect(slip.batchDate).toBe("2026-12-01");
    expect(slip.recipient.mobileMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(slip.lines[0]!.origin.at(-1)!.level).toBe("VILLAGE");
    for (const who of ["managerB", "shopper", "officerGangu", "anonymous"] as const) {
      await expect(packingSlip(testDb, await actorOf(who), shipment.id)).rejects.toMatchObject({ code: "notFound" });
    }
  });
});

describe("review eligibility", () => {
  it("only the buyer of a paid, delivered, not fully refunded line; once", async () => {
    const { buyer, line, shipment, order } = await ownedOrder();
    // Not delivered yet: paid only, then shipped.
    await expect(reviewableLine(testDb, buyer.id, line.id)).rejects.toMatchObject({ code: "reviewNotAllowed" });
    await ship(shipment.id);
    await expect(createReview(testDb, buyer.id, { orderLineId: line.id, stars: 5, body: "", photos: [] })).rejects.toMatchObject({
      code: "reviewNotAllowed",
    });
    // 确认收货 makes it delivered.
    await confirmReceipt(testDb, { orderId: order.id, shipmentId: shipment.id, userId: buyer.id });
    // Another user (and a guest's missing id) cannot: the line is "not found" to them.
    const other = await freshUser();
    await expect(createReview(testDb, other.id, { orderLineId: line.id, stars: 1, body: "差", photos: [] })).rejects.toMatchObject({
      code: "notFound",
    });
    const review = await createReview(testDb, buyer.id, { orderLineId: line.id, stars: 4, body: "<script>x</script> 好吃", photos: [] });
    await expect(createReview(testDb, buyer.id, { orderLineId: line.id, stars: 5, body: "再来", photos: [] })).rejects.toMatchObject({
      code: "reviewExists",
    });
    // Two at once: one review.
    const again = await ownedOrder({ link: false });
    await ship(again.shipment.id);
    await markDelivered(testDb, { shipmentId: again.shipment.id }, await actorOf("admin"));
    const both = await Promise.allSettled([
      createReview(testDb, again.buyer.id, { orderLineId: again.line.id, stars: 3, body: "", photos: [] }),
      createReview(testDb, again.buyer.id, { orderLineId: again.line.id, stars: 3, body: "", photos: [] }),
    ]);
    expect(both.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await testDb.review.count({ where: { orderLineId: again.line.id } })).toBe(1);
    // Text is stored as typed (rendered as text by the page).
    expect((await testDb.review.findUniqueOrThrow({ where: { id: review.id } })).body).toBe("<script>x</script> 好吃");
  });

  it("a new review mails the seller's managers through the outbox, unless they turned that mail off", async () => {
    const manager = await testDb.user.findUniqueOrThrow({ where: { id: "seed-user-manager-gangu" }, select: { email: true } });
    const delivered = async () => {
      const o = await ownedOrder({ link: false });
      await ship(o.shipment.id);
      await markDelivered(testDb, { shipmentId: o.shipment.id }, await actorOf("admin"));
      return o;
    };
    const first = await delivered();
    const review = await createReview(testDb, first.buyer.id, {
      orderLineId: first.line.id,
      stars: 2,
      body: "箱子\n压坏了，  辣椒碎了",
      photos: [],
    });
    const mails = await testDb.outbox.findMany({ where: { kind: "review.new", dedupeKey: { startsWith: `review.new:${review.id}:` } } });
    expect(mails.map((m) => m.recipient)).toContain(manager.email);
    const mail = mails.find((m) => m.recipient === manager.email)!;
    expect(mail.channel).toBe("EMAIL");
    expect(mail.subject).toContain("2 星");
    expect(mail.body).toContain("箱子 压坏了， 辣椒碎了");
    expect(mail.body).toContain("/reviews");
    // The manager turns off the sellers' mail: the next review writes no mail to them.
    const before = await preferencesOf(testDb, manager.email);
    await setPreferences(testDb, manager.email, { sales: { EMAIL: false, SMS: false } });
    try {
      const second = await delivered();
      const quiet = await createReview(testDb, second.buyer.id, { orderLineId: second.line.id, stars: 5, body: "", photos: [] });
      expect(
        await testDb.outbox.count({
          where: { kind: "review.new", recipient: manager.email, dedupeKey: { startsWith: `review.new:${quiet.id}:` } },
        }),
      ).toBe(0);
    } finally {
      await setPreferences(testDb, manager.email, { sales: before.sales });
    }
  });

  it("a line refunded in full cannot be reviewed", async () => {
    const { buyer, line, shipment, order } = await ownedOrder({ link: false });
    await ship(shipment.id);
    await markDelivered(testDb, { shipmentId: shipment.id }, await actorOf("admin"));
    await requestRefund(
      testDb,
      demoProvider,
      { orderId: order.id, lines: [{ orderLineId: line.id, amountFen: line.netFen }], restock: false } as never,
      (await actorOf("admin"))!,
    );
    await expect(reviewableLine(testDb, buyer.id, line.id)).rejects.toMatchObject({ code: "reviewNotAllowed" });
  });
});

describe("replies, hiding and the product's figures", () => {
  it("the seller replies once; an admin hides (audited); nobody edits; the average follows", async () => {
    const { buyer, line, shipment, product } = await ownedOrder({ link: false });
    await ship(shipment.id);
    await markDelivered(testDb, { shipmentId: shipment.id }, await actorOf("admin"));
    const review = await createReview(testDb, buyer.id, { orderLineId: line.id, stars: 4, body: "不错", photos: [] });
    expect(await testDb.product.findUniqueOrThrow({ where: { id: product.id }, select: { reviewCount: true, reviewStars: true } })).toEqual(
      {
        reviewCount: 1,
        reviewStars: 4,
      },
    );
    let page = await productReviews(testDb, product.id);
    expect(page).toMatchObject({ count: 1, average: 4 });
    expect(page.items[0]!.author).toMatch(/\*\*$/);

    // Another cooperative's manager cannot reply (not found); the seller's manager replies once.
    await expect(replyToReview(testDb, (await actorOf("managerB"))!, { reviewId: review.id, reply: "谢谢" })).rejects.toMatchObject({
      code: "notFound",
    });
    await replyToReview(testDb, (await actorOf("managerA"))!, { reviewId: review.id, reply: "谢谢惠顾" });
    await expect(replyToReview(testDb, (await actorOf("managerA"))!, { reviewId: review.id, reply: "改一下" })).rejects.toMatchObject({
      code: "replyExists",
    });
    expect((await productReviews(testDb, product.id)).items[0]!.reply).toBe("谢谢惠顾");

    // Nobody edits a review, even with direct SQL; nobody deletes one.
    await expect(testDb.review.update({ where: { id: review.id }, data: { stars: 5 } })).rejects.toThrow();
    await expect(testDb.review.update({ where: { id: review.id }, data: { body: "改过" } })).rejects.toThrow();
    await expect(testDb.review.delete({ where: { id: review.id } })).rejects.toThrow();

    // Only an admin hides; audited with the reason; it leaves the page and the average.
    await expect(hideReview(testDb, (await actorOf("managerA"))!, { reviewId: review.id, reason: "x" })).rejects.toMatchObject({
      code: "notFound",
    });
    const admin = (await actorOf("admin"))!;
    await hideReview(testDb, admin, { reviewId: review.id, reason: "泄露隐私" });
    await expect(hideReview(testDb, admin, { reviewId: review.id, reason: "again" })).rejects.toMatchObject({
      code: "reviewAlreadyHidden",
    });
    expect(await testDb.auditLog.count({ where: { action: "review.hide", entityId: review.id, userId: admin.userId } })).toBe(1);
    page = await productReviews(testDb, product.id);
    expect(page).toMatchObject({ count: 0, average: null, items: [] });
    expect((await testDb.review.findUniqueOrThrow({ where: { id: review.id } })).body).toBe("不错");
  });

  it("pages newest first", async () => {
    const product = await makeProduct(OPERATOR_A, { sameSeller: true });
    for (let i = 0; i < 3; i++) {
      const buyer = await freshUser();
      const order = await paidOrder([{ ...product, quantity: 1 }]);
      await testDb.order.update({ where: { id: order.id }, data: { userId: buyer.id } });
      await ship(order.shipments[0]!.id);
      await markDelivered(testDb, { shipmentId: order.shipments[0]!.id }, await actorOf("admin"));
      await createReview(
        testDb,
        buyer.id,
        { orderLineId: order.lines[0]!.id, stars: i + 3, body: `第${i}条`, photos: [] },
        new Date(Date.UTC(2026, 10, 1 + i)),
      );
    }
    const first = await productReviews(testDb, product.id, 1, 2);
    expect(first).toMatchObject({ count: 3, average: 4, pageCount: 2 });
    expect(first.items.map((r) => r.body)).toEqual(["第2条", "第1条"]);
    expect((await productReviews(testDb, product.id, 2, 2)).items.map((r) => r.body)).toEqual(["第0条"]);
  });
});

describe("the share card", () => {
  it("is the buyer's, by a random token, with counts and villages only", async () => {
    const { buyer, order } = await ownedOrder();
    const other = await freshUser();
    await expect(shareTokenFor(testDb, other.id, order.number)).rejects.toMatchObject({ code: "notFound" });
    const [token, again] = await Promise.all([
      shareTokenFor(testDb, buyer.id, order.number),
      shareTokenFor(testDb, buyer.id, order.number),
    ]);
    expect(token).toMatch(TRACE_CODE);
    expect(again).toBe(token);
    const card = (await shareCard(testDb, token))!;
    expect(card.households).toBe(3);
    const text = JSON.stringify(card);
    const full = await testDb.order.findUniqueOrThrow({ where: { id: order.id } });
    for (const secret of [full.number, full.recipient, full.mobile, full.address, full.email, full.id]) expect(text).not.toContain(secret);
    expect(await shareCard(testDb, "nope")).toBeNull();
  });
});
