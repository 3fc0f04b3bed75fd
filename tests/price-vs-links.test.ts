// A price cut may not leave a product's benefit links promising more than a sale earns.
import { describe, expect, it } from "vitest";
import { registeredActions } from "@/lib/actions/define";
import "@/lib/products/actions";
import { testDb } from "@/tests/support/db";
import { actorOf, OPERATOR_A } from "@/tests/support/personas";

describe("product.update against benefit links", () => {
  it("refuses a price under the fixed amount a link promises, and changes nothing", async () => {
    const operator = await testDb.operator.findUniqueOrThrow({ where: { slug: OPERATOR_A } });
    const demo = await testDb.product.findFirstOrThrow({ where: { operatorId: operator.id }, orderBy: { slug: "asc" } });
    const { id: _id, slug, createdAt: _c, updatedAt: _u, soldCount: _s, ...copy } = demo;
    const product = await testDb.product.create({
      data: {
        ...copy,
        slug: `${slug}-price-${Date.now()}`,
        status: "DRAFT",
        listed: false,
        priceFen: 2000,
        stock: 0,
        certifiedUntil: null,
      },
    });
    const household = await testDb.benefitLink.findFirstOrThrow({ where: { operatorId: operator.id }, select: { householdId: true } });
    await testDb.benefitLink.create({
      data: {
        householdId: household.householdId,
        operatorId: operator.id,
        productId: product.id,
        mechanism: "PURCHASE",
        rule: "FIXED_PER_UNIT",
        fenPerUnit: 1500,
        validFrom: new Date("2026-01-01"),
      },
    });
    const update = registeredActions().find((a) => a.name === "product.update")!;
    const input = (price: string) => ({
      productId: product.id,
      nameZh: product.nameZh,
      nameEn: product.nameEn,
      descriptionZh: product.descriptionZh,
      descriptionEn: product.descriptionEn,
      category: product.category,
      unitZh: product.unitZh,
      unitEn: product.unitEn,
      specZh: product.specZh,
      specEn: product.specEn,
      price,
      villageId: product.villageId,
      giMarkId: product.giMarkId ?? "",
    });
    const manager = await actorOf("managerA");
    const refused = await update.runAs(manager, input("15"));
    expect(refused).toEqual({ ok: false, error: "priceBelowLinks", values: { promised: "¥15.00" } });
    expect((await testDb.product.findUniqueOrThrow({ where: { id: product.id } })).priceFen).toBe(2000);
    expect((await update.runAs(manager, input("15.01"))).ok).toBe(true);
    expect((await testDb.product.findUniqueOrThrow({ where: { id: product.id } })).priceFen).toBe(1501);
  });
});
