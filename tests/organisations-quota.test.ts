// Quota progress (预留份额) counts an organisation's paid, certified purchases of the year, net of
// refunds, with its trade unions' purchases counted toward the budget unit (lib/organisations).
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { creditCodeCheckChar } from "@/lib/operators/credit-code";
import { countedPurchasesFen } from "@/lib/organisations/purchases";
import { testDb } from "@/tests/support/db";
import { paidOrder } from "@/tests/support/paid-orders";
import { OPERATOR_A } from "@/tests/support/personas";
import { makeProduct } from "@/tests/support/shop";

function creditCode(): string {
  const body = Array.from(randomBytes(9), (b) => "0123456789ABCDEFGHJKLMNPQRTUWXY"[b % 31]).join("");
  const first17 = "12620100" + body;
  return first17 + creditCodeCheckChar(first17);
}

async function organisation(kind: "BUDGET_UNIT" | "TRADE_UNION", parentUnitId: string | null = null) {
  return testDb.organisation.create({
    data: { nameZh: `测试${kind}`, kind, creditCode: creditCode(), regionId: "62", hasCanteen: kind === "BUDGET_UNIT", parentUnitId },
  });
}

async function boughtFor(organisationId: string, product: { id: string; priceFen: number }, quantity: number, at?: Date) {
  const order = await paidOrder([{ ...product, quantity }], at);
  await testDb.order.update({ where: { id: order.id }, data: { organisationId, channel: "INSTITUTION" } });
  return order;
}

describe("countedPurchasesFen", () => {
  it("sums paid certified lines of the year net of refunds, the union's toward its unit", async () => {
    const unit = await organisation("BUDGET_UNIT");
    const union = await organisation("TRADE_UNION", unit.id);
    const certified = await makeProduct(OPERATOR_A, { priceFen: 5000 });
    const uncertified = await makeProduct(OPERATOR_A, { priceFen: 3000, status: "PENDING_CERTIFICATION" });

    const year = Number(new Intl.DateTimeFormat("en", { timeZone: "Asia/Shanghai", year: "numeric" }).format(new Date()));
    const refunded = await boughtFor(unit.id, certified, 2); // 10,000, then 4,000 refunded
    await testDb.orderLine.update({ where: { id: refunded.lines[0]!.id }, data: { refundedFen: 4000 } });
    await boughtFor(union.id, certified, 1); // 5,000 toward the union and its unit
    const notCounted = await paidOrder([{ ...uncertified, quantity: 3 }]);
    await testDb.order.update({ where: { id: notCounted.id }, data: { organisationId: unit.id, channel: "INSTITUTION" } });
    expect(notCounted.lines[0]!.certifiedAtSale).toBe(false);

    const counted = await countedPurchasesFen(testDb, [unit.id, union.id], year);
    expect(counted.get(unit.id)).toBe(11_000n);
    expect(counted.get(union.id)).toBe(5_000n);
    // Another year counts nothing; an organisation with no orders counts 0.
    expect((await countedPurchasesFen(testDb, [unit.id], year - 1)).get(unit.id)).toBe(0n);
    const empty = await organisation("BUDGET_UNIT");
    expect((await countedPurchasesFen(testDb, [empty.id], year)).get(empty.id)).toBe(0n);
  });
});
