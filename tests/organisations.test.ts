// Buyer organisations against the real database (docs/DESIGN.md#rule-10): checkout for an
// organisation (membership checked, the channel decided by the server), invitations, the manager
// rules, the canteen budget's bad input, the quota page's figures moving with a paid order and a
// refund, the admin's organisation form and quota rates, and the county office's scope.
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/load-actor";
import { creditCodeCheckChar, CREDIT_CODE_ALPHABET } from "@/lib/operators/credit-code";
import { newInviteToken, inviteExpiry } from "@/lib/operators/team";
import "@/lib/operators/team-actions";
import "@/lib/organisations/actions";
import "@/lib/organisations/admin-actions";
import { placeOrder } from "@/lib/orders/checkout";
import { confirmPayment } from "@/lib/orders/fulfilment";
import { requestRefund } from "@/lib/orders/refunds";
import { quotaYear } from "@/lib/organisations/organisations";
import { organisationOverview, organisationProgress } from "@/lib/organisations/overview";
import { demoProvider } from "@/lib/payments/demo";
import { data, run } from "@/tests/support/actions";
import { testDb } from "@/tests/support/db";
import { actorOf, OPERATOR_A, OPERATOR_B } from "@/tests/support/personas";
import { cartOf, makeProduct } from "@/tests/support/shop";

const tag = randomBytes(4).toString("hex");
let n = 0;
const fresh = (prefix: string) => `${prefix}-${tag}-${++n}`;

function creditCode(area = "620100"): string {
  const body = Array.from(randomBytes(9), (b) => CREDIT_CODE_ALPHABET[b % 31]).join("");
  const first17 = `12${area}${body}`;
  return first17 + creditCodeCheckChar(first17);
}

async function user(role: "SHOPPER" | "INSTITUTION" | "OFFICER" | "MANAGER" = "INSTITUTION", verified = true): Promise<Actor> {
  const row = await testDb.user.create({
    data: {
      email: `${fresh("org-user")}@example.test`,
      name: `测试采购员${n}`,
      passwordHash: "x",
      role,
      countyId: role === "OFFICER" ? "620523" : null,
      emailVerifiedAt: verified ? new Date() : null,
    },
  });
  return (await loadActor(testDb, row.id))!;
}

type Kind = "BUDGET_UNIT" | "TRADE_UNION" | "ENTERPRISE" | "PARTNER";
async function organisation(kind: Kind, over: { hasCanteen?: boolean; parentUnitId?: string; paired?: string[]; regionId?: string } = {}) {
  const org = await testDb.organisation.create({
    data: {
      nameZh: fresh(`测试${kind}`),
      kind,
      creditCode: creditCode(),
      regionId: over.regionId ?? "62",
      hasCanteen: kind === "BUDGET_UNIT" && (over.hasCanteen ?? true),
      parentUnitId: over.parentUnitId ?? null,
      pairings: over.paired ? { create: over.paired.map((countyId) => ({ countyId })) } : undefined,
    },
  });
  return org;
}

async function member(organisationId: string, actor: Actor, isManager = false) {
  await testDb.organisationMember.create({ data: { organisationId, userId: actor.userId, isManager } });
}

const ctx = (actor: Actor | null) => ({ provider: demoProvider, origin: "http://localhost:3000", locale: "zh-CN" as const, actor });

async function buy(actor: Actor | null, items: { id: string; priceFen: number; quantity?: number }[], over: Record<string, unknown> = {}) {
  return placeOrder(testDb, { ...cartOf(items), ...over }, ctx(actor));
}

let gangu: { id: string; priceFen: number };
let sunan: { id: string; priceFen: number };
let admin: Actor;

beforeAll(async () => {
  admin = (await actorOf("admin"))!;
  gangu = await makeProduct(OPERATOR_A, { stock: 500, priceFen: 10_000 });
  sunan = await makeProduct(OPERATOR_B, { stock: 500, priceFen: 5_000 });
});

describe("checkout for an organisation", () => {
  it("records the organisation and INSTITUTION for a member; a personal purchase stays RETAIL; a channel sent by the client is ignored", async () => {
    const buyer = await user();
    const union = await organisation("TRADE_UNION");
    await member(union.id, buyer);
    const forUnion = await buy(buyer, [{ ...gangu, quantity: 2 }], { organisationId: union.id });
    const personal = await buy(buyer, [{ ...gangu, quantity: 1 }], { organisationId: "", channel: "PAIRING" });
    const rows = await testDb.order.findMany({
      where: { id: { in: [forUnion.orderId, personal.orderId] } },
      select: { id: true, organisationId: true, channel: true },
    });
    expect(rows.find((r) => r.id === forUnion.orderId)).toMatchObject({ organisationId: union.id, channel: "INSTITUTION" });
    expect(rows.find((r) => r.id === personal.orderId)).toMatchObject({ organisationId: null, channel: "RETAIL" });
  });

  it("refuses a member of A choosing B, a guest, and a disabled organisation, writing nothing", async () => {
    const buyer = await user();
    const a = await organisation("ENTERPRISE");
    const b = await organisation("ENTERPRISE");
    await member(a.id, buyer);
    const stockBefore = (await testDb.product.findUniqueOrThrow({ where: { id: gangu.id } })).stock;
    const ordersBefore = await testDb.order.count({ where: { userId: buyer.userId } });
    await expect(buy(buyer, [gangu], { organisationId: b.id })).rejects.toMatchObject({ code: "organisationNotMember" });
    await expect(buy(null, [gangu], { organisationId: a.id, email: "guest@example.test" })).rejects.toMatchObject({
      code: "organisationNotMember",
    });
    await expect(buy(buyer, [gangu], { organisationId: "no-such-organisation" })).rejects.toMatchObject({ code: "organisationNotMember" });
    await testDb.organisation.update({ where: { id: a.id }, data: { disabledAt: new Date() } });
    await expect(buy(buyer, [gangu], { organisationId: a.id })).rejects.toMatchObject({ code: "organisationNotMember" });
    expect(await testDb.order.count({ where: { userId: buyer.userId } })).toBe(ordersBefore);
    expect((await testDb.product.findUniqueOrThrow({ where: { id: gangu.id } })).stock).toBe(stockBefore);
  });

  it("makes a partner's order PAIRING only when every line is from a paired county", async () => {
    const buyer = await user();
    const partner = await organisation("PARTNER", { paired: ["620523"], regionId: "12" });
    await member(partner.id, buyer);
    const paired = await buy(buyer, [{ ...gangu, quantity: 1 }], { organisationId: partner.id });
    const mixed = await buy(
      buyer,
      [
        { ...gangu, quantity: 1 },
        { ...sunan, quantity: 1 },
      ],
      { organisationId: partner.id },
    );
    const elsewhere = await buy(buyer, [{ ...sunan, quantity: 1 }], { organisationId: partner.id });
    const channel = async (id: string) => (await testDb.order.findUniqueOrThrow({ where: { id } })).channel;
    expect(await channel(paired.orderId)).toBe("PAIRING");
    expect(await channel(mixed.orderId)).toBe("INSTITUTION");
    expect(await channel(elsewhere.orderId)).toBe("INSTITUTION");
  });
});

describe("invitations to an organisation", () => {
  it("a manager invites; the invited verified shopper accepts once and becomes an institutional member", async () => {
    const manager = await user();
    const org = await organisation("ENTERPRISE");
    await member(org.id, manager, true);
    const invitee = await user("SHOPPER");
    const created = data<{ token: string }>(
      await run("organisation.invite.create", manager, { organisationId: org.id, email: invitee.email }),
    );
    const accepted = await run("invite.accept", invitee, { token: created.token });
    expect(accepted).toEqual({ ok: true, data: { organisationId: org.id, promoted: true } });
    expect(
      await testDb.organisationMember.findUnique({ where: { organisationId_userId: { organisationId: org.id, userId: invitee.userId } } }),
    ).toMatchObject({
      isManager: false,
    });
    expect((await testDb.user.findUniqueOrThrow({ where: { id: invitee.userId } })).role).toBe("INSTITUTION");
    expect(await run("invite.accept", invitee, { token: created.token })).toMatchObject({ ok: false, error: "inviteAccepted" });
    // Inviting someone already a member is refused.
    expect(await run("organisation.invite.create", manager, { organisationId: org.id, email: invitee.email })).toMatchObject({
      ok: false,
      error: "inviteAlreadyMember",
    });
  });

  it("needs a verified email and a buyer's role; a plain member cannot invite; a manager can revoke", async () => {
    const manager = await user();
    const plain = await user();
    const org = await organisation("ENTERPRISE");
    await member(org.id, manager, true);
    await member(org.id, plain);
    expect(await run("organisation.invite.create", plain, { organisationId: org.id, email: "x@example.test" })).toMatchObject({
      ok: false,
      error: "notFound",
    });
    const unverified = await user("SHOPPER", false);
    const first = data<{ token: string }>(
      await run("organisation.invite.create", manager, { organisationId: org.id, email: unverified.email }),
    );
    expect(await run("invite.accept", unverified, { token: first.token })).toMatchObject({ ok: false, error: "inviteEmailUnverified" });
    const officer = await user("OFFICER");
    const second = data<{ token: string; id: string }>(
      await run("organisation.invite.create", manager, { organisationId: org.id, email: officer.email }),
    );
    expect(await run("invite.accept", officer, { token: second.token })).toMatchObject({
      ok: false,
      error: "organisationInviteRoleConflict",
    });
    expect(await run("organisation.invite.revoke", manager, { organisationId: org.id, inviteId: second.id })).toMatchObject({ ok: true });
    expect(await run("invite.accept", officer, { token: second.token })).toMatchObject({ ok: false, error: "inviteInvalid" });
    // An operator's invitation cannot be revoked through the organisation, nor the other way round.
    expect(await run("invite.revoke", manager, { inviteId: first.token })).toMatchObject({ ok: false });
  });

  it("an invitation is for an operator or an organisation, never both or neither (a CHECK)", async () => {
    const org = await organisation("ENTERPRISE");
    const operator = await testDb.operator.findUniqueOrThrow({ where: { slug: OPERATOR_A }, select: { id: true } });
    const base = () => ({
      email: "check@example.test",
      tokenHash: newInviteToken().tokenHash,
      invitedById: admin.userId,
      expiresAt: inviteExpiry(),
    });
    await expect(testDb.invite.create({ data: { ...base(), operatorId: operator.id, organisationId: org.id } })).rejects.toThrow();
    await expect(testDb.invite.create({ data: base() })).rejects.toThrow();
  });
});

describe("manager rules", () => {
  it("never leaves an organisation without a manager", async () => {
    const first = await user();
    const second = await user();
    const org = await organisation("ENTERPRISE");
    await member(org.id, first, true);
    await member(org.id, second);
    const input = (userId: string, extra: Record<string, string> = {}) => ({ organisationId: org.id, userId, ...extra });
    expect(await run("organisation.member.remove", first, input(first.userId))).toMatchObject({
      ok: false,
      error: "organisationLastManager",
    });
    expect(await run("organisation.member.setManager", first, input(first.userId, { isManager: "false" }))).toMatchObject({
      ok: false,
      error: "organisationLastManager",
    });
    // A plain member cannot change anyone.
    expect(await run("organisation.member.setManager", second, input(second.userId, { isManager: "true" }))).toMatchObject({
      ok: false,
      error: "notFound",
    });
    expect(await run("organisation.member.setManager", first, input(second.userId, { isManager: "true" }))).toMatchObject({ ok: true });
    expect(await run("organisation.member.setManager", first, input(first.userId, { isManager: "false" }))).toMatchObject({ ok: true });
    expect(await run("organisation.member.remove", second, input(first.userId))).toMatchObject({ ok: true });
    expect(await testDb.organisationMember.findMany({ where: { organisationId: org.id } })).toEqual([
      expect.objectContaining({ userId: second.userId, isManager: true }),
    ]);
    const audits = await testDb.auditLog.count({
      where: { entity: "Organisation", entityId: org.id, action: { startsWith: "organisation.member." } },
    });
    expect(audits).toBe(3);
  });

  it("a manager of organisation A cannot act on organisation B", async () => {
    const managerA = await user();
    const a = await organisation("ENTERPRISE");
    const b = await organisation("ENTERPRISE");
    const bMember = await user();
    await member(a.id, managerA, true);
    await member(b.id, bMember, true);
    expect(await run("organisation.member.remove", managerA, { organisationId: b.id, userId: bMember.userId })).toMatchObject({
      ok: false,
      error: "notFound",
    });
    expect(await run("organisation.member.remove", managerA, { organisationId: a.id, userId: bMember.userId })).toMatchObject({
      ok: false,
      error: "notFound",
    });
  });
});

describe("the canteen budget and the quota", () => {
  it("refuses negative, zero, absurd and non-numeric budgets with their message and changes nothing", async () => {
    const manager = await user();
    const unit = await organisation("BUDGET_UNIT");
    await member(unit.id, manager, true);
    for (const [budget, error] of [
      ["-100", "budgetNegative"],
      ["0", "budgetZero"],
      ["100000000001", "budgetTooLarge"],
      ["一百万", "budgetInvalid"],
      ["", "budgetRequired"],
    ] as const) {
      const result = await run("organisation.budget.declare", manager, { organisationId: unit.id, budget });
      expect(result).toMatchObject({ ok: false, error: "invalidInput", fieldErrors: { budget: [error] } });
    }
    expect(await testDb.canteenBudget.count({ where: { organisationId: unit.id } })).toBe(0);
    // A plain member cannot declare; a unit without a canteen has no budget to declare.
    const plain = await user();
    await member(unit.id, plain);
    expect(await run("organisation.budget.declare", plain, { organisationId: unit.id, budget: "1000" })).toMatchObject({
      error: "notFound",
    });
    const noCanteen = await organisation("BUDGET_UNIT", { hasCanteen: false });
    await member(noCanteen.id, manager, true);
    expect(await run("organisation.budget.declare", manager, { organisationId: noCanteen.id, budget: "1000" })).toMatchObject({
      error: "budgetNoCanteen",
    });
    expect((await organisationOverview(testDb, noCanteen.id, quotaYear()))!.quota).toBeNull();
  });

  it("shows the quota moving after a paid order for the unit and its union, and back after a refund", async () => {
    const manager = await user();
    const unionBuyer = await user();
    const unit = await organisation("BUDGET_UNIT");
    const union = await organisation("TRADE_UNION", { parentUnitId: unit.id });
    await member(unit.id, manager, true);
    await member(union.id, unionBuyer);
    const year = quotaYear();
    expect(data(await run("organisation.budget.declare", manager, { organisationId: unit.id, budget: "¥1,000,000" }))).toEqual({
      year,
      budgetFen: "100000000",
    });
    const before = (await organisationOverview(testDb, unit.id, year))!;
    expect(before.quota).toMatchObject({ budgetFen: 100_000_000n, bps: 1000 });
    expect(before.quota!.progress).toMatchObject({ quotaFen: 10_000_000n, countedFen: 0n, progressBps: 0, remainingFen: 10_000_000n });

    const order = await buy(manager, [{ ...gangu, quantity: 3 }], { organisationId: unit.id }); // ¥300
    await confirmPayment(testDb, { orderId: order.orderId });
    const unionOrder = await buy(unionBuyer, [{ ...gangu, quantity: 2 }], { organisationId: union.id }); // ¥200, counts for the unit
    await confirmPayment(testDb, { orderId: unionOrder.orderId });
    const unpaid = await buy(manager, [{ ...gangu, quantity: 5 }], { organisationId: unit.id }); // not paid: not counted
    void unpaid;
    const after = (await organisationOverview(testDb, unit.id, year))!;
    expect(after.countedFen).toBe(50_000n);
    expect(after.quota!.progress).toMatchObject({ countedFen: 50_000n, progressBps: 50, remainingFen: 9_950_000n });
    expect((await organisationOverview(testDb, union.id, year))!.countedFen).toBe(20_000n);

    const line = await testDb.orderLine.findFirstOrThrow({ where: { orderId: order.orderId } });
    await requestRefund(testDb, demoProvider, { orderId: order.orderId, lines: [{ orderLineId: line.id, amountFen: 10_000 }] }, admin);
    const refunded = (await organisationOverview(testDb, unit.id, year))!;
    expect(refunded.quota!.progress).toMatchObject({ countedFen: 40_000n, remainingFen: 9_960_000n });

    // A province's rate changes the quota (the most specific region wins).
    expect(await run("quotaRate.set", admin, { regionId: "62", percent: "15%" })).toMatchObject({ ok: true });
    try {
      expect((await organisationOverview(testDb, unit.id, year))!.quota).toMatchObject({ bps: 1500, progress: { quotaFen: 15_000_000n } });
      expect(await run("quotaRate.set", admin, { regionId: "62", percent: "0" })).toMatchObject({
        ok: false,
        fieldErrors: { percent: ["quotaPercentInvalid"] },
      });
      expect(await run("quotaRate.set", admin, { regionId: "620523", percent: "12" })).toMatchObject({
        ok: false,
        error: "quotaRegionUnknown",
      });
    } finally {
      await run("quotaRate.delete", admin, { regionId: "62" });
    }
  });
});

describe("the admin's organisations", () => {
  const base = () => ({
    nameZh: fresh("测试单位"),
    nameEn: "",
    kind: "BUDGET_UNIT",
    creditCode: creditCode(),
    regionId: "62",
    hasCanteen: "yes",
    parentUnitId: "",
  });

  it("checks the credit code's check character and the kind's fields", async () => {
    const good = creditCode();
    const wrong = good.slice(0, 17) + (good[17] === "0" ? "1" : "0");
    expect(await run("organisation.create", admin, { ...base(), creditCode: wrong, managerEmail: "m@example.test" })).toMatchObject({
      ok: false,
      fieldErrors: { creditCode: ["creditCodeCheck"] },
    });
    expect(await run("organisation.create", admin, { ...base(), kind: "PARTNER", managerEmail: "m@example.test" })).toMatchObject({
      ok: false,
      error: "organisationPairingRequired",
    });
    const officer = await user("OFFICER");
    expect(await run("organisation.create", admin, { ...base(), managerEmail: officer.email })).toMatchObject({
      ok: false,
      error: "organisationManagerRoleConflict",
    });
    expect(await run("organisation.create", admin, { ...base(), managerEmail: `${fresh("nobody")}@example.test` })).toMatchObject({
      ok: false,
      error: "organisationManagerNameRequired",
    });
  });

  it("creates an organisation with a new manager account (mailed a password link) or an existing shopper", async () => {
    const email = `${fresh("new-manager")}@example.test`;
    const created = data<{ id: string; accountCreated: boolean }>(
      await run("organisation.create", admin, {
        ...base(),
        kind: "PARTNER",
        pairedCountyIds: ["620523"],
        managerEmail: email,
        managerName: "王主任",
      }),
    );
    expect(created.accountCreated).toBe(true);
    const manager = await testDb.user.findUniqueOrThrow({ where: { email } });
    expect(manager.role).toBe("INSTITUTION");
    expect(
      await testDb.organisationMember.findUnique({ where: { organisationId_userId: { organisationId: created.id, userId: manager.id } } }),
    ).toMatchObject({
      isManager: true,
    });
    expect(await testDb.emailToken.count({ where: { userId: manager.id, purpose: "PASSWORD_RESET" } })).toBe(1);
    expect(await testDb.organisation.findUniqueOrThrow({ where: { id: created.id }, include: { pairings: true } })).toMatchObject({
      kind: "PARTNER",
      hasCanteen: false,
      pairings: [expect.objectContaining({ countyId: "620523" })],
    });

    const shopper = await user("SHOPPER");
    const second = data<{ id: string; accountCreated: boolean }>(
      await run("organisation.create", admin, { ...base(), managerEmail: shopper.email }),
    );
    expect(second.accountCreated).toBe(false);
    expect((await testDb.user.findUniqueOrThrow({ where: { id: shopper.userId } })).role).toBe("INSTITUTION");
    // The same credit code twice is refused.
    const code = (await testDb.organisation.findUniqueOrThrow({ where: { id: second.id } })).creditCode;
    expect(await run("organisation.create", admin, { ...base(), creditCode: code, managerEmail: shopper.email })).toMatchObject({
      ok: false,
      error: "organisationCreditCodeTaken",
    });
    // Disabled: its members can no longer buy for it.
    expect(await run("organisation.disable", admin, { organisationId: second.id })).toMatchObject({ ok: true });
    await expect(buy(shopper, [gangu], { organisationId: second.id })).rejects.toMatchObject({ code: "organisationNotMember" });
    const audits = await testDb.auditLog.findMany({ where: { entityId: second.id }, select: { action: true } });
    expect(audits.map((a) => a.action).sort()).toEqual(["organisation.create", "organisation.disable", "organisation.manager.add"]);
  });
});

describe("the county office's progress view", () => {
  it("shows organisations that bought from the county this year and partners paired with it", async () => {
    const buyer = await user();
    const boughtGangu = await organisation("ENTERPRISE");
    const boughtSunan = await organisation("ENTERPRISE");
    const partner = await organisation("PARTNER", { paired: ["620523"], regionId: "12" });
    await member(boughtGangu.id, buyer);
    await member(boughtSunan.id, buyer);
    for (const [org, product] of [
      [boughtGangu, gangu],
      [boughtSunan, sunan],
    ] as const) {
      const placed = await buy(buyer, [{ ...product, quantity: 1 }], { organisationId: org.id });
      await confirmPayment(testDb, { orderId: placed.orderId });
    }
    const rows = await organisationProgress(testDb, { countyId: "620523" }, quotaYear());
    const ids = rows.map((r) => r.id);
    expect(ids).toContain(boughtGangu.id);
    expect(ids).toContain(partner.id);
    expect(ids).not.toContain(boughtSunan.id);
    expect(rows.find((r) => r.id === boughtGangu.id)).toMatchObject({ fromCountyFen: 10_000n, countedFen: 10_000n });
    const all = await organisationProgress(testDb, { countyId: null }, quotaYear());
    expect(all.map((r) => r.id)).toEqual(expect.arrayContaining([boughtGangu.id, boughtSunan.id, partner.id]));
  });
});
