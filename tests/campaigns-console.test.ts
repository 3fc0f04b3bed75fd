// The campaign console's actions on the real database, as the form posts them: a manager drafts a
// campaign of their own products (and edits it while it is a draft), every bad input is refused
// with a message key beside its field, an admin publishes, and the console's figures follow.
import { beforeAll, describe, expect, it } from "vitest";
import "@/lib/campaigns/actions";
import type { Actor } from "@/lib/auth/actor";
import { operatorCampaigns } from "@/lib/campaigns/console";
import { toShanghaiDateTimeInput } from "@/lib/time/shanghai";
import { data, run } from "./support/actions";
import { testDb } from "./support/db";
import { actorOf, OPERATOR_A, OPERATOR_B } from "./support/personas";
import { makeProduct } from "./support/shop";

let manager: Actor;
let admin: Actor;
let operatorId = "";

beforeAll(async () => {
  manager = (await actorOf("managerA"))!;
  admin = (await actorOf("admin"))!;
  operatorId = (await testDb.operator.findUniqueOrThrow({ where: { slug: OPERATOR_A } })).id;
});

function form(products: { id: string; price: string; allotment: string }[], over: Record<string, unknown> = {}) {
  const start = new Date(Date.now() + 3600_000);
  return {
    operatorId,
    titleZh: "甘谷辣椒助农专场",
    titleEn: "Gangu chili night",
    hostZh: "小王",
    hostEn: "",
    startsAt: toShanghaiDateTimeInput(start),
    endsAt: toShanghaiDateTimeInput(new Date(start.getTime() + 2 * 3600_000)),
    perBuyerLimit: "2",
    productId: products.map((p) => p.id),
    ...Object.fromEntries(
      products.flatMap((p) => [
        [`price.${p.id}`, p.price],
        [`allotment.${p.id}`, p.allotment],
      ]),
    ),
    ...over,
  };
}

describe("the campaign console", () => {
  it("a manager drafts a campaign of their own products; bad input is refused beside its field", async () => {
    const p = await makeProduct(OPERATOR_A, { stock: 50, sameSeller: true });
    const created = data<{ id: string; slug: string }>(
      await run("campaign.create", manager, form([{ id: p.id, price: "19.90", allotment: "40" }])),
    );
    const row = await testDb.campaign.findUniqueOrThrow({ where: { id: created.id }, include: { products: true } });
    expect(row.status).toBe("DRAFT");
    expect(row.products).toMatchObject([{ productId: p.id, priceFen: 1990, allotment: 40, operatorId }]);
    expect(await testDb.auditLog.count({ where: { action: "campaign.create", entityId: created.id } })).toBe(1);

    const refused = async (input: unknown) => {
      const r = await run("campaign.create", manager, input);
      expect(r.ok).toBe(false);
      return r.ok ? null : r;
    };
    // End before start.
    const f = form([{ id: p.id, price: "19.90", allotment: "1" }]);
    expect((await refused({ ...f, endsAt: f.startsAt }))?.fieldErrors).toMatchObject({ endsAt: ["endBeforeStart"] });
    // Price 0 and an empty allotment, each on its own row.
    expect((await refused(form([{ id: p.id, price: "0", allotment: "" }])))?.fieldErrors).toMatchObject({
      [`items.${p.id}.price`]: ["priceZero"],
      [`items.${p.id}.allotment`]: ["allotmentRequired"],
    });
    // An allotment above the stock names the product and its stock.
    expect(await refused(form([{ id: p.id, price: "19.90", allotment: "51" }]))).toMatchObject({
      error: "allotmentAboveStock",
      values: { stock: 50, name: (await testDb.product.findUniqueOrThrow({ where: { id: p.id } })).nameZh },
    });
    // Another operator's product reads as not found among one's own.
    const other = await makeProduct(OPERATOR_B, { stock: 50, sameSeller: true });
    expect(await refused(form([{ id: other.id, price: "19.90", allotment: "1" }]))).toMatchObject({ error: "campaignProductNotFound" });
    // Even an admin, in operator A's console, cannot put operator B's product in.
    expect(await run("campaign.create", admin, form([{ id: other.id, price: "19.90", allotment: "1" }]))).toMatchObject({
      ok: false,
      error: "campaignProductNotFound",
    });
    // A manager of B cannot use A's console at all.
    expect(await run("campaign.create", (await actorOf("managerB"))!, form([{ id: p.id, price: "1", allotment: "1" }]))).toMatchObject({
      ok: false,
      error: "notFound",
    });
    expect(await testDb.campaign.count({ where: { products: { some: { productId: other.id } } } })).toBe(0);
  });

  it("a draft is edited until an admin publishes it; then it stays as published", async () => {
    const [p1, p2] = await Promise.all([
      makeProduct(OPERATOR_A, { stock: 30, sameSeller: true }),
      makeProduct(OPERATOR_A, { stock: 30, sameSeller: true }),
    ]);
    const { id } = data<{ id: string }>(await run("campaign.create", manager, form([{ id: p1.id, price: "10", allotment: "5" }])));
    const edit = form(
      [
        { id: p2.id, price: "8.50", allotment: "7" },
        { id: p1.id, price: "9", allotment: "6" },
      ],
      { campaignId: id, titleZh: "改过的名称", perBuyerLimit: "3" },
    );
    data(await run("campaign.update", manager, edit));
    const changed = await testDb.campaign.findUniqueOrThrow({ where: { id }, include: { products: { orderBy: { position: "asc" } } } });
    expect(changed).toMatchObject({ titleZh: "改过的名称", perBuyerLimit: 3 });
    expect(changed.products.map((p) => [p.productId, p.priceFen, p.allotment])).toEqual([
      [p2.id, 850, 7],
      [p1.id, 900, 6],
    ]);

    expect(await run("campaign.publish", manager, { campaignId: id })).toMatchObject({ ok: false, error: "notFound" });
    data(await run("campaign.publish", admin, { campaignId: id }));
    expect(await run("campaign.update", manager, edit)).toMatchObject({ ok: false, error: "campaignNotDraft" });

    const listed = (await operatorCampaigns(testDb, operatorId)).find((c) => c.id === id)!;
    expect(listed.state).toBe("upcoming");
    expect(listed.items.map((i) => i.allotment)).toEqual([7, 6]);
    expect(listed.paidOrders).toBe(0);
  });
});
