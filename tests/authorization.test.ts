// Authorization is the feature: every server action and every route handler, called as every
// persona with ids that belong to someone else (operator A = the Gangu chili cooperative, its
// households and products). Only what the persona may do succeeds; everything else is refused
// and leaves every table exactly as it was.
//
// The test fails when a server action or a route exists that has no row here: add one with it.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { registeredActions, type ActionResult } from "@/lib/actions/define";
import { registeredActionOf } from "@/lib/actions/define.server";
import { registeredRoutes } from "@/lib/http/route";
import { hashPassword } from "@/lib/auth/password";
import { testDb } from "@/tests/support/db";
import { unsubscribeToken } from "@/lib/notifications/unsubscribe";
import { markDelivered, markShipped } from "@/lib/orders/shipping";
import { escalateAfterSale, openAfterSale, proposeAfterSale, refuseAfterSale } from "@/lib/after-sales/requests";
import { createReview } from "@/lib/reviews/reviews";
import { databaseFingerprint } from "@/tests/support/fingerprint";
import { paidOrderOf } from "@/tests/support/paid-orders";
import { actorOf, APPLICANT_ID, APPLICANT_PASSWORD, ensureApplicant, OPERATOR_A, PERSONAS, type Persona } from "@/tests/support/personas";
import {
  applicationFields,
  freshApplication,
  freshGiMark,
  freshOperator,
  freshUser,
  freshVillage,
  freshVillageCode,
  pdf,
} from "@/tests/support/applications";
import { payoutRun, recordPayout } from "@/lib/settlement/payouts";
import { placeOrder } from "@/lib/orders/checkout";
import { createCampaign } from "@/lib/campaigns/campaigns";
import { demoProvider } from "@/lib/payments/demo";
import { cartOf, makeProduct } from "./support/shop";
import { orderDefaults } from "./support/orders";
import { getFileStore } from "@/lib/storage";
import { freshResidentId, rosterXlsx, xlsxFile } from "@/tests/support/roster";

const ROOT = path.join(__dirname, "..");
const RUN = Date.now().toString(36);
let counter = 0;
const unique = (prefix: string) => `${prefix}-${RUN}-${++counter}`;

// ---- discovery ----------------------------------------------------------------------------------

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry === "node_modules" || entry === "generated" || entry.startsWith(".")) continue;
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|tsx)$/.test(entry) && !/\.test\.tsx?$/.test(entry)) out.push(full);
  }
  return out;
}

const appAndLib = [...sourceFiles(path.join(ROOT, "app")), ...sourceFiles(path.join(ROOT, "lib"))];
/** Files that are server-action modules ("use server" as their first statement). */
const actionFiles = appAndLib.filter((f) =>
  /^(\s*\/\/[^\n]*\n|\s*\/\*[\s\S]*?\*\/\s*)*\s*["']use server["']/.test(readFileSync(f, "utf8")),
);
const routeFiles = appAndLib.map((f) => path.relative(ROOT, f)).filter((f) => /^app\/.*(^|\/)route\.tsx?$/.test(f));

// ---- fixtures: objects of operator A (Gangu) ----------------------------------------------------

const PDF = new Uint8Array(Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"));
// An 8x8 PNG (valid signature and chunks), generated once.
const PNG = new Uint8Array(
  Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAgAAAAICAIAAABLbSncAAAAEklEQVR4nGP8z4APMOGVHbHSAK/AAQ/xJ4XfAAAAAElFTkSuQmCC", "base64"),
);

interface Fixture {
  operatorId: string;
  productId: string;
  villageId: string;
  householdId: string; // a Gangu household linked to operator A
}
let fx: Fixture;
let payoutA = "";
const fxSeller = () => ({ id: fx.productId, operatorId: fx.operatorId });

async function freshLink() {
  return testDb.benefitLink.create({
    data: {
      householdId: fx.householdId,
      operatorId: fx.operatorId,
      productId: fx.productId,
      mechanism: "PURCHASE",
      rule: "PERCENT_OF_SALES",
      bps: 1,
      validFrom: new Date("2026-01-01T00:00:00Z"),
    },
  });
}

/** A fresh unlisted product of operator A in the given status (certification decisions are one-way). */
async function freshProduct(status: "PENDING_CERTIFICATION" | "CERTIFIED") {
  const base = await testDb.product.findUniqueOrThrow({ where: { id: fx.productId } });
  const { id, slug, createdAt, updatedAt, soldCount, ...copy } = base;
  void [id, createdAt, updatedAt, soldCount];
  return testDb.product.create({
    data: {
      ...copy,
      slug: unique(`${slug}-cert`),
      status,
      listed: false,
      stock: 0,
      reviewNote: null,
      certifiedUntil: status === "CERTIFIED" ? new Date(Date.now() + 90 * 86_400_000) : null,
    },
  });
}

const inThirtyDays = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

async function freshImage() {
  return testDb.productImage.create({
    data: { productId: fx.productId, url: "/images/products/chili-dried.svg", position: 90 + ++counter },
  });
}

async function freshInvite(email = `${unique("invitee")}@example.test`) {
  const { newInviteToken, inviteExpiry } = await import("@/lib/operators/team");
  const { token, tokenHash } = newInviteToken();
  const invite = await testDb.invite.create({
    data: { operatorId: fx.operatorId, email, tokenHash, invitedById: "seed-user-manager-gangu", expiresAt: inviteExpiry() },
  });
  return { invite, token };
}

const today = new Date().toISOString().slice(0, 10);

const AUTHZ_ADDRESS = {
  recipient: "授权测试",
  mobile: "13800138000",
  province: "甘肃省",
  city: "天水市",
  district: "甘谷县",
  address: "授权测试地址 1 号",
};
/** A fresh saved address of the shopper persona (not its default). */
async function shopperAddress() {
  await testDb.savedAddress.deleteMany({ where: { userId: "seed-user-shopper", recipient: AUTHZ_ADDRESS.recipient } });
  const saved = await testDb.savedAddress.create({ data: { userId: "seed-user-shopper", ...AUTHZ_ADDRESS }, select: { id: true } });
  return saved.id;
}

/** A delivered order of operator A's product, numbered as the order page accepts. */
async function deliveredOrderA() {
  const paid = await paidOrderOf(fxSeller(), 2);
  const letters = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  const number = `XK261206${Array.from({ length: 8 }, () => letters[Math.floor(Math.random() * letters.length)]).join("")}`;
  const order = await testDb.order.update({ where: { id: paid.id }, data: { number }, include: { shipments: true, lines: true } });
  const admin = await actorOf("admin");
  await markShipped(testDb, { shipmentId: order.shipments[0]!.id, carrier: "SF", trackingNo: "SF5555555555" }, admin);
  await markDelivered(testDb, { shipmentId: order.shipments[0]!.id }, admin);
  return order;
}

/** An after-sales request of operator A in the given status. */
async function afterSaleIn(status: "OPEN" | "PARTIAL" | "REFUSED" | "ESCALATED") {
  const order = await deliveredOrderA();
  const manager = (await actorOf("managerA"))!;
  const request = await openAfterSale(
    testDb,
    { orderId: order.id, orderLineId: order.lines[0]!.id, reason: "DAMAGED", detail: "", askedFen: 2000, returnGoods: false, photos: [] },
    { userId: null },
    48,
  );
  if (status === "PARTIAL") await proposeAfterSale(testDb, manager, { requestId: request.id, amountFen: 1000, note: "" });
  if (status === "REFUSED" || status === "ESCALATED") await refuseAfterSale(testDb, manager, { requestId: request.id, note: "授权测试" });
  if (status === "ESCALATED") await escalateAfterSale(testDb, { userId: null, orderId: order.id }, { requestId: request.id });
  return { order, requestId: request.id };
}

/** A live one-time mail link of a fresh user of its own. */
async function freshEmailToken(purpose: "PASSWORD_RESET" | "VERIFY_EMAIL") {
  const { issueToken } = await import("@/lib/accounts/email-tokens");
  const email = `${unique("token")}@example.test`;
  const user = await testDb.user.create({ data: { email, name: "令牌测试", passwordHash: "x", role: "SHOPPER" } });
  return testDb.$transaction((tx) => issueToken(tx, { userId: user.id, purpose, email, ttlMs: 3_600_000 }));
}

/** A Gangu roster row with a fresh ID number and registry code (大庄镇 大庄村). */
const authzRosterRow = () => [unique("AUTHZ"), "授权测试", freshResidentId(), "大庄镇", "大庄村", 3, "监测户", 2015];

const productFields = () => ({
  nameZh: "授权测试辣椒",
  nameEn: "Authorization test chili",
  descriptionZh: "",
  descriptionEn: "",
  category: "CHILI",
  unitZh: "袋",
  unitEn: "bag",
  specZh: "500克/袋",
  specEn: "500 g per bag",
  price: "¥38.50",
  villageId: fx.villageId,
  giMarkId: "",
});

let cartFixture: { id: string; priceFen: number } | undefined;
/** A listed product with plenty of stock, for the cart actions. */
async function cartProduct() {
  return (cartFixture ??= await makeProduct(OPERATOR_A, { stock: 1000 }));
}

/** A guest's fresh unpaid order (demo payment). */
async function guestOrderNumber(): Promise<string> {
  const product = await cartProduct();
  const placed = await placeOrder(testDb, cartOf([product]), {
    actor: null,
    provider: demoProvider,
    origin: "http://localhost",
    locale: "zh-CN",
  });
  return placed.number;
}

/** A paid, delivered order of operator A's product bought by a fresh user, with an order number of the real shape. */
async function deliveredLineOfOther(): Promise<{ lineId: string; number: string; userId: string }> {
  const paid = await paidOrderOf(fxSeller(), 1);
  const buyer = await freshUser();
  const letters = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  const number = `XK261207${Array.from({ length: 8 }, () => letters[Math.floor(Math.random() * letters.length)]).join("")}`;
  await testDb.order.update({ where: { id: paid.id }, data: { userId: buyer.id, number } });
  const admin = await actorOf("admin");
  await markShipped(testDb, { shipmentId: paid.shipments[0]!.id, carrier: "SF", trackingNo: "SF7777777777" }, admin);
  await markDelivered(testDb, { shipmentId: paid.shipments[0]!.id }, admin);
  return { lineId: paid.lines[0]!.id, number, userId: buyer.id };
}

/** A fresh review of operator A's product, by its buyer. */
async function reviewOfOperatorA(): Promise<string> {
  const { lineId, userId } = await deliveredLineOfOther();
  return (await createReview(testDb, userId, { orderLineId: lineId, stars: 4, body: "授权测试评价", photos: [] })).id;
}
// ---- buyer organisations (no persona is a member: only an admin may act on someone else's) --------

let authzUnit: Promise<{ id: string }> | undefined;
const authzCreditCode = async () => {
  const { creditCodeCheckChar, CREDIT_CODE_ALPHABET } = await import("@/lib/operators/credit-code");
  const { randomBytes } = await import("node:crypto");
  const first17 = `12620100${Array.from(randomBytes(9), (b) => CREDIT_CODE_ALPHABET[b % 31]).join("")}`;
  return first17 + creditCodeCheckChar(first17);
};
/** A budget unit with a canteen of its own and a manager who is no persona. */
async function freshOrganisation(disabled = false) {
  const manager = await testDb.user.create({
    data: { email: `${unique("org-manager")}@example.test`, name: "单位负责人", passwordHash: "x", role: "INSTITUTION" },
  });
  return testDb.organisation.create({
    data: {
      nameZh: unique("授权测试单位"),
      kind: "BUDGET_UNIT",
      creditCode: await authzCreditCode(),
      regionId: "62",
      hasCanteen: true,
      disabledAt: disabled ? new Date() : null,
      members: { create: { userId: manager.id, isManager: true } },
    },
  });
}
const authzOrganisation = () => (authzUnit ??= freshOrganisation());
/** A fresh plain member of the shared organisation. */
async function freshOrgMember() {
  const org = await authzOrganisation();
  const user = await testDb.user.create({
    data: { email: `${unique("org-member")}@example.test`, name: "单位成员", passwordHash: "x", role: "INSTITUTION" },
  });
  await testDb.organisationMember.create({ data: { organisationId: org.id, userId: user.id } });
  return { organisationId: org.id, userId: user.id };
}
const organisationFields = async () => ({
  nameZh: unique("授权测试新单位"),
  nameEn: "",
  creditCode: await authzCreditCode(),
  regionId: "62",
  hasCanteen: "yes",
  parentUnitId: "",
});
// ---- invoices and bank transfers (lib/invoices, lib/payments/transfer.ts) ------------------------

const INVOICE_PDF = new Uint8Array(Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\nstartxref\n9\n%%EOF\n"));
const orderNumberShape = () => {
  const letters = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
  return `XK261206${Array.from({ length: 8 }, () => letters[Math.floor(Math.random() * letters.length)]).join("")}`;
};
/** A paid order of the shopper persona, of operator A's product, with a number of the order page's shape. */
async function shoppersPaidOrder() {
  const paid = await paidOrderOf(fxSeller());
  return testDb.order.update({ where: { id: paid.id }, data: { number: orderNumberShape(), userId: "seed-user-shopper" } });
}
const invoiceFields = { kind: "ORDINARY", title: "授权测试单位", taxNo: "", personal: "on", email: "authz-invoice@example.test" };
async function freshInvoice(status: "REQUESTED" | "NEEDS_REVERSAL" | "ISSUED", fileKey: string | null = null) {
  const order = await shoppersPaidOrder();
  const issued = status !== "REQUESTED";
  const invoice = await testDb.invoice.create({
    data: {
      orderId: order.id,
      operatorId: fx.operatorId,
      kind: "ORDINARY",
      personal: true,
      title: "授权测试",
      email: "authz-invoice@example.test",
      status,
      ...(issued
        ? {
            amountFen: order.totalFen,
            issuedAt: new Date(),
            ...(fileKey ? { fileKey, fileName: "授权.pdf" } : { downloadUrl: "https://inv.example.gov.cn/x" }),
          }
        : {}),
    },
  });
  return { order, invoice };
}
/** An order of operator A's product awaiting a bank transfer. */
async function freshTransferOrder() {
  return testDb.order.create({
    data: {
      ...orderDefaults(),
      number: orderNumberShape(),
      email: "authz-transfer@example.test",
      totalFen: 5000,
      paymentProvider: "transfer",
      transferReference: `ZZ${orderNumberShape().slice(-8)}`,
      reservedUntil: new Date(Date.now() + 3 * 86_400_000),
      lines: {
        create: [
          { productId: fx.productId, operatorId: fx.operatorId, quantity: 2, unitPriceFen: 2500, netFen: 5000, certifiedAtSale: false },
        ],
      },
    },
  });
}
let invoiceWithFile = "";

// ---- the rows -----------------------------------------------------------------------------------

const MANAGER_A: Persona[] = ["managerA", "admin"];
const OFFICE_GANGU: Persona[] = ["officerGangu", "admin"];
const SIGNED_IN: Persona[] = PERSONAS.filter((p) => p !== "anonymous");

interface Row {
  /** A valid input aimed at someone else's objects (operator A's, or another user's). Built per call. */
  input: (persona: Persona) => Promise<unknown> | unknown;
  /** Who must succeed. Everyone else must be refused with no change. */
  allowed: readonly Persona[];
  /** What a refusal may say (default: notFound, or signInRequired for anonymous). */
  refusals?: readonly string[];
  /** Puts back what a successful call changed that later tests rely on. */
  restore?: (persona: Persona, saved: unknown) => Promise<void>;
  save?: (persona: Persona) => Promise<unknown>;
}

const DEMO_PASSWORDS: Partial<Record<Persona, string>> = {
  applicant: APPLICANT_PASSWORD,
  shopper: "Demo-2026-shop",
  managerA: "Demo-2026-gangu-coop",
  managerB: "Demo-2026-sunan-coop",
  officerGangu: "Demo-2026-officer-gangu",
  officerSunan: "Demo-2026-officer-sunan",
  admin: "Demo-2026-admin",
};

let lastSynonymMarker = "";

const ACTIONS: Record<string, Row> = {
  // Each caller's own cart (found by session or cookie); there is no cart id to aim elsewhere.
  "cart.add": { input: async () => ({ productId: (await cartProduct()).id, quantity: "1" }), allowed: PERSONAS },
  "cart.setQuantity": { input: async () => ({ productId: (await cartProduct()).id, quantity: "1" }), allowed: PERSONAS },
  "cart.remove": { input: async () => ({ productId: (await cartProduct()).id }), allowed: PERSONAS },
  // Someone else's unpaid order, without its link: only an admin may act on it.
  "payment.demoConfirm": {
    input: async () => ({ number: await guestOrderNumber(), token: "" }),
    allowed: ["admin"],
    refusals: ["notFound"],
  },
  "order.cancelUnpaid": {
    input: async () => ({ number: await guestOrderNumber(), token: "" }),
    allowed: ["admin"],
    refusals: ["notFound"],
  },
  // Public: anyone may create a shopper account (with a fresh email).
  "auth.signUp": {
    input: () => ({
      name: "授权测试",
      email: `${unique("signup")}@example.test`,
      password: "long-enough-pw",
      passwordConfirm: "long-enough-pw",
    }),
    allowed: PERSONAS,
  },
  // Acts on the caller's own account only; there is no one else's id to pass.
  "auth.changePassword": {
    input: (p) => ({
      currentPassword: DEMO_PASSWORDS[p] ?? "x",
      newPassword: "changed-by-authz-test",
      newPasswordConfirm: "changed-by-authz-test",
    }),
    allowed: SIGNED_IN,
    save: async (p) => (p === "anonymous" ? null : (await actorOf(p))!.userId),
    restore: async (p, userId) => {
      if (userId)
        await testDb.user.update({ where: { id: userId as string }, data: { passwordHash: await hashPassword(DEMO_PASSWORDS[p]!) } });
    },
  },
  // Acts on the caller's own sessions only; there is no one else's id to pass.
  "auth.endOtherSessions": { input: () => ({}), allowed: SIGNED_IN },
  // Clearing someone's failed sign-ins: admins only.
  "admin.clearSignInFailures": { input: () => ({ userId: "seed-user-shopper" }), allowed: ["admin"] },
  "product.create": { input: () => ({ operator: OPERATOR_A, ...productFields(), stock: "5" }), allowed: MANAGER_A },
  "product.update": { input: () => ({ productId: fx.productId, ...productFields(), price: "28.80" }), allowed: MANAGER_A },
  "product.duplicate": { input: () => ({ productId: fx.productId }), allowed: MANAGER_A },
  "product.setListed": { input: () => ({ productId: fx.productId, listed: "false" }), allowed: MANAGER_A },
  "product.submit": {
    input: async () => {
      await testDb.product.update({ where: { id: fx.productId }, data: { status: "DRAFT" } }); // submittable again
      return { productId: fx.productId };
    },
    allowed: MANAGER_A,
  },
  "product.photo.upload": {
    input: () => ({ productId: fx.productId, files: [new File([PNG], "photo.png", { type: "image/png" })] }),
    allowed: MANAGER_A,
  },
  "product.photo.remove": { input: async () => ({ imageId: (await freshImage()).id }), allowed: MANAGER_A },
  "product.photo.move": { input: async () => ({ imageId: (await freshImage()).id, direction: "up" }), allowed: MANAGER_A },
  "stock.adjust": { input: () => ({ productId: fx.productId, reason: "RECEIVED", quantity: "1", note: "" }), allowed: MANAGER_A },
  "link.create": {
    input: () => ({
      operatorId: fx.operatorId,
      householdId: fx.householdId,
      productId: fx.productId,
      mechanism: "WAGE",
      rule: "PERCENT_OF_SALES",
      percent: "0.01",
      validFrom: today,
    }),
    allowed: MANAGER_A,
  },
  "link.end": { input: async () => ({ linkId: (await freshLink()).id, endOn: "" }), allowed: MANAGER_A },
  "link.delete": { input: async () => ({ linkId: (await freshLink()).id }), allowed: MANAGER_A },
  "payout.create": {
    input: () => ({
      operatorId: fx.operatorId,
      householdId: fx.householdId,
      mechanism: "DIVIDEND",
      amount: "12.34",
      paidOn: today,
      note: "",
      proof: new File([PDF], "proof.pdf", { type: "application/pdf" }),
    }),
    allowed: MANAGER_A,
  },
  "invite.create": { input: () => ({ operatorId: fx.operatorId, email: `${unique("colleague")}@example.test` }), allowed: MANAGER_A },
  "invite.revoke": { input: async () => ({ inviteId: (await freshInvite()).invite.id }), allowed: MANAGER_A },
  // The county office's certification decisions on a product of operator A (Gangu).
  "certification.certify": {
    input: async () => ({ productId: (await freshProduct("PENDING_CERTIFICATION")).id, until: inThirtyDays }),
    allowed: OFFICE_GANGU,
  },
  "certification.reject": {
    input: async () => ({ productId: (await freshProduct("PENDING_CERTIFICATION")).id, reason: "授权测试：不予认定" }),
    allowed: OFFICE_GANGU,
  },
  "certification.revoke": {
    input: async () => ({ productId: (await freshProduct("CERTIFIED")).id, reason: "授权测试：撤销认定" }),
    allowed: OFFICE_GANGU,
  },
  // The county office's household registry, on a Gangu household linked to operator A.
  "household.revealId": {
    input: () => ({ householdId: fx.householdId, reason: "授权测试：核对身份" }),
    allowed: OFFICE_GANGU,
  },
  // Flips LIFTED ↔ MONITORED (NOT_LIFTED → LIFTED) and puts the old status back afterwards.
  "household.setStatus": {
    input: async () => {
      const { status } = await testDb.household.findUniqueOrThrow({ where: { id: fx.householdId } });
      return { householdId: fx.householdId, status: status === "LIFTED" ? "MONITORED" : "LIFTED", effectiveOn: today, note: "授权测试" };
    },
    allowed: OFFICE_GANGU,
    save: async () => (await testDb.household.findUniqueOrThrow({ where: { id: fx.householdId } })).status,
    restore: async (_p, status) => {
      await testDb.household.update({ where: { id: fx.householdId }, data: { status: status as "NOT_LIFTED" | "LIFTED" | "MONITORED" } });
    },
  },
  // The roster import into Gangu: a one-household file (a fresh ID number each call). Sunan's
  // officer is refused for Gangu; a successful confirm's household is removed again afterwards.
  "household.importPreview": {
    input: async () => ({ countyId: "620523", file: xlsxFile(await rosterXlsx([authzRosterRow()])) }),
    allowed: OFFICE_GANGU,
  },
  "household.importConfirm": {
    input: async () => {
      const bytes = await rosterXlsx([authzRosterRow()]);
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      return { countyId: "620523", file: xlsxFile(bytes), sha256, expectNew: 1, expectUpdated: 0, expectUnchanged: 0 };
    },
    allowed: OFFICE_GANGU,
    restore: async () => {
      await testDb.household.deleteMany({ where: { registryCode: { startsWith: `AUTHZ-${RUN}-` } } });
    },
  },
  // Orders of operator A (paid, with one line of A's unlisted product): ship, deliver, refund.
  "order.ship": {
    input: async () => ({ shipmentId: (await paidOrderOf(fxSeller())).shipments[0]!.id, carrier: "SF", trackingNo: "SF1234567890" }),
    allowed: MANAGER_A,
  },
  "order.deliver": {
    input: async () => {
      const shipmentId = (await paidOrderOf(fxSeller())).shipments[0]!.id;
      await markShipped(testDb, { shipmentId, carrier: "ZTO", trackingNo: "773012345678901" }, await actorOf("admin"));
      return { shipmentId };
    },
    allowed: MANAGER_A,
  },
  "order.refund": {
    input: async () => {
      const order = await paidOrderOf(fxSeller());
      return {
        orderId: order.id,
        orderLineId: [order.lines[0]!.id],
        amount: ["¥12.50"],
        restock: "on",
        restockQty: ["1"],
        reason: "授权测试",
      };
    },
    allowed: MANAGER_A,
  },
  // Someone else's shipped order, without its link: only an admin may confirm receipt for it.
  "order.confirmReceipt": {
    input: async () => {
      const paid = await paidOrderOf(fxSeller(), 1);
      // An order number in the shape the order page accepts (paidOrderOf writes a test-only one).
      const letters = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
      const number = `XK261206${Array.from({ length: 8 }, () => letters[Math.floor(Math.random() * letters.length)]).join("")}`;
      const order = await testDb.order.update({ where: { id: paid.id }, data: { number }, include: { shipments: true } });
      const shipment = order.shipments[0]!;
      await markShipped(testDb, { shipmentId: shipment.id, carrier: "SF", trackingNo: "SF9999999999" }, await actorOf("admin"));
      return { number: order.number, token: "", shipmentId: shipment.id };
    },
    allowed: ["admin"],
    refusals: ["notFound"],
  },
  // After-sales: the buyer's steps need the order (its owner, an admin, or its link's token: here
  // none, so only an admin may); the seller's need operator A; the decision needs an admin.
  "afterSale.open": {
    input: async () => {
      const order = await deliveredOrderA();
      return {
        number: order.number,
        token: "",
        target: `line:${order.lines[0]!.id}`,
        reason: "DAMAGED",
        amount: "10",
        detail: "授权测试",
        returnGoods: "on",
        photos: [new File([PNG], "box.png", { type: "image/png" })],
      };
    },
    allowed: ["admin"],
    refusals: ["notFound"],
  },
  "afterSale.acceptOffer": {
    input: async () => {
      const { order, requestId } = await afterSaleIn("PARTIAL");
      return { number: order.number, token: "", requestId };
    },
    allowed: ["admin"],
    refusals: ["notFound"],
  },
  "afterSale.escalate": {
    input: async () => {
      const { order, requestId } = await afterSaleIn("REFUSED");
      return { number: order.number, token: "", requestId };
    },
    allowed: ["admin"],
    refusals: ["notFound"],
  },
  "afterSale.accept": { input: async () => ({ requestId: (await afterSaleIn("OPEN")).requestId }), allowed: MANAGER_A },
  "afterSale.propose": {
    input: async () => ({ requestId: (await afterSaleIn("OPEN")).requestId, amount: "5", note: "" }),
    allowed: MANAGER_A,
  },
  "afterSale.refuse": { input: async () => ({ requestId: (await afterSaleIn("OPEN")).requestId, note: "授权测试" }), allowed: MANAGER_A },
  "afterSale.decide": {
    input: async () => ({ requestId: (await afterSaleIn("ESCALATED")).requestId, decision: "refund", amount: "5", note: "" }),
    allowed: ["admin"],
  },
  // Reviews: a delivered line of another buyer's order: nobody else may review it (not even an
  // admin: a review has its buyer as author). A review of operator A's product: its managers reply
  // (once), only an admin hides.
  "review.create": {
    input: async () => ({ orderLineId: (await deliveredLineOfOther()).lineId, stars: "5", body: "授权测试" }),
    allowed: [],
  },
  "review.reply": { input: async () => ({ reviewId: await reviewOfOperatorA(), reply: "授权测试回复" }), allowed: MANAGER_A },
  "review.hide": { input: async () => ({ reviewId: await reviewOfOperatorA(), reason: "授权测试" }), allowed: ["admin"] },
  // The share card of another buyer's order: nobody else may make it.
  "share.create": { input: async () => ({ number: (await deliveredLineOfOther()).number }), allowed: [] },
  // Account recovery: the emailed token is the proof, so anyone holding one may use it; the
  // request answers the same for every address and writes nothing for an unknown one.
  "auth.requestPasswordReset": { input: () => ({ email: `${unique("reset")}@example.test` }), allowed: PERSONAS },
  "auth.resetPassword": {
    input: async () => ({
      token: await freshEmailToken("PASSWORD_RESET"),
      newPassword: "reset-by-authz-test",
      newPasswordConfirm: "reset-by-authz-test",
    }),
    allowed: PERSONAS,
  },
  "auth.verifyEmail": { input: async () => ({ token: await freshEmailToken("VERIFY_EMAIL") }), allowed: PERSONAS },
  // Only ever the caller's own account.
  "auth.resendVerification": { input: () => ({}), allowed: SIGNED_IN },
  // The address book: only ever the caller's own addresses. The rows aim at an address of the shopper persona.
  "address.create": {
    input: () => ({ address: { ...AUTHZ_ADDRESS, address: `授权测试路 ${++counter} 号` } }),
    allowed: SIGNED_IN,
    restore: async () => void (await testDb.savedAddress.deleteMany({ where: { address: { startsWith: "授权测试路" } } })),
  },
  "address.update": {
    input: async () => ({ id: await shopperAddress(), address: AUTHZ_ADDRESS, makeDefault: true }),
    allowed: ["shopper"],
  },
  "address.setDefault": { input: async () => ({ id: await shopperAddress() }), allowed: ["shopper"] },
  "address.delete": { input: async () => ({ id: await shopperAddress() }), allowed: ["shopper"] },
  "notifications.updatePreferences": {
    input: () => ({ categories: ["orders"], "orders.EMAIL": "on", "orders.SMS": "on" }),
    allowed: SIGNED_IN,
  },
  // The signed link of a mail, for an address of its own.
  "notifications.unsubscribe": {
    input: async () => {
      const { unsubscribeToken } = await import("@/lib/notifications/unsubscribe");
      return { token: unsubscribeToken(`${unique("unsub")}@example.test`, "orders") };
    },
    allowed: PERSONAS,
  },
  // Campaigns of operator A's product: its managers (or an admin) draft and cancel, only an admin publishes.
  "campaign.create": { input: () => campaignForm(), allowed: MANAGER_A, restore: () => dropAuthzCampaigns() },
  "campaign.update": {
    input: async () => ({ ...(await campaignForm()), campaignId: (await draftCampaign()).id }),
    allowed: MANAGER_A,
    restore: () => dropAuthzCampaigns(),
  },
  "campaign.publish": {
    input: async () => ({ campaignId: (await draftCampaign()).id }),
    allowed: ["admin"],
    restore: () => dropAuthzCampaigns(),
  },
  "campaign.cancel": {
    input: async () => ({ campaignId: (await draftCampaign()).id }),
    allowed: MANAGER_A,
    restore: () => dropAuthzCampaigns(),
  },
  // The search synonym table: admins only.
  "search.synonyms.save": {
    input: () => ({ words: `${(lastSynonymMarker = unique("syn"))} 授权测试同义词` }),
    allowed: ["admin"],
    restore: async () => {
      await testDb.searchSynonym.deleteMany({ where: { words: { has: lastSynonymMarker } } });
    },
  },
  "search.synonyms.delete": {
    input: async () => ({ id: (await testDb.searchSynonym.create({ data: { words: [unique("syn"), "授权测试"] } })).id }),
    allowed: ["admin"],
  },
  // Operator A's shipping rule: its managers and admins. Removed again, so A's orders keep shipping free.
  "shipping.rule.save": {
    input: () => ({
      operator: OPERATOR_A,
      flat: "8",
      freeAbove: "99",
      coldChain: "",
      dispatchDays: "2",
      province: ["新疆维吾尔自治区", "西藏自治区"],
      surcharge: ["12", ""],
      notDelivered: ["西藏自治区"],
    }),
    allowed: MANAGER_A,
    restore: async () => {
      await testDb.shippingRule.deleteMany({ where: { operatorId: fx.operatorId } });
    },
  },
  // An invitation addressed to someone else: nobody but that person may accept it.
  "invite.accept": {
    input: async () => ({ token: (await freshInvite()).token }),
    allowed: [],
    refusals: ["signInRequired", "notFound", "inviteWrongEmail"],
  },
  // ---- 开店申请 (applications): the applicant persona is a shopper who applies --------------------
  // Anyone but staff may apply (someone not signed in creates their account with it).
  "application.submit": {
    input: async (p) => ({
      ...(await applicationFields()),
      licence: pdf(),
      foodLicence: pdf("sc.pdf"),
      ...(p === "anonymous"
        ? { accountName: "新申请人", accountEmail: `${unique("apply")}@example.test`, accountPassword: "long-enough-pw" }
        : {}),
    }),
    allowed: ["anonymous", "shopper", "managerA", "managerB", "applicant"],
    refusals: ["applicationStaff"],
  },
  // The applicant's own returned application: nobody else may resubmit it.
  "application.resubmit": {
    input: async () => {
      await ensureApplicant();
      const app = await freshApplication("RETURNED", APPLICANT_ID);
      return { applicationId: app.id, ...(await applicationFields(app.creditCode)) };
    },
    allowed: ["applicant"],
  },
  // A Gangu application: the Gangu office (or an admin) recommends or returns it.
  "application.recommend": { input: async () => ({ applicationId: (await freshApplication("APPLIED")).id }), allowed: OFFICE_GANGU },
  "application.return": {
    input: async () => ({ applicationId: (await freshApplication("APPLIED")).id, reason: "授权测试：请补充材料" }),
    allowed: OFFICE_GANGU,
  },
  // A recommended one: only an admin approves (creating the operator) or rejects it.
  "application.approve": { input: async () => ({ applicationId: (await freshApplication("RECOMMENDED")).id }), allowed: ["admin"] },
  "application.reject": {
    input: async () => ({ applicationId: (await freshApplication("RECOMMENDED")).id, reason: "授权测试：不予通过" }),
    allowed: ["admin"],
  },
  // ---- the admin console: admins only, on throwaway objects ---------------------------------------
  "admin.user.create": {
    input: () => ({
      email: `${unique("officer")}@example.test`,
      name: "新干部",
      role: "OFFICER",
      countyId: "620523",
      password: "long-enough-pw",
    }),
    allowed: ["admin"],
  },
  "admin.user.role": { input: async () => ({ userId: (await freshUser()).id, role: "INSTITUTION", countyId: "" }), allowed: ["admin"] },
  "admin.user.disable": { input: async () => ({ userId: (await freshUser()).id }), allowed: ["admin"] },
  "admin.user.sendPasswordReset": { input: async () => ({ userId: (await freshUser()).id }), allowed: ["admin"] },
  "admin.user.enable": { input: async () => ({ userId: (await freshUser({ disabledAt: new Date() })).id }), allowed: ["admin"] },
  "admin.region.create": {
    input: async () => {
      const { township, code } = await freshVillageCode();
      return { code, parentId: township, nameZh: "授权测试村", nameEn: "Authz village" };
    },
    allowed: ["admin"],
  },
  "admin.region.rename": {
    input: async () => ({ regionId: (await freshVillage()).id, nameZh: "改名村", nameEn: "Renamed" }),
    allowed: ["admin"],
  },
  "admin.region.delete": { input: async () => ({ regionId: (await freshVillage()).id }), allowed: ["admin"] },
  "admin.giMark.create": {
    input: () => ({
      nameZh: "授权测试标志",
      nameEn: `Authz GI ${unique("gi")}`,
      kind: "AGRI_GI",
      registrationNo: unique("AGI"),
      year: "2021",
      holderZh: "测试协会",
      holderEn: "",
      countyId: "620523",
    }),
    allowed: ["admin"],
  },
  "admin.giMark.authorise": {
    input: async () => ({
      giMarkId: (await freshGiMark()).id,
      operatorId: fx.operatorId,
      validUntil: inThirtyDays,
      evidence: pdf("evidence.pdf"),
    }),
    allowed: ["admin"],
  },
  "admin.giMark.revoke": {
    input: async () => {
      const mark = await freshGiMark();
      await testDb.operatorGiMark.create({ data: { operatorId: fx.operatorId, giMarkId: mark.id } });
      return { giMarkId: mark.id, operatorId: fx.operatorId };
    },
    allowed: ["admin"],
  },
  "admin.operator.suspend": { input: async () => ({ operatorId: (await freshOperator()).id, reason: "授权测试" }), allowed: ["admin"] },
  "admin.operator.reinstate": {
    input: async () => ({ operatorId: (await freshOperator({ suspendedAt: new Date() })).id }),
    allowed: ["admin"],
  },
  "admin.operator.update": {
    input: async () => {
      const op = await freshOperator();
      return {
        operatorId: op.id,
        nameZh: `${op.nameZh}改`,
        nameEn: op.nameEn,
        kind: "ENTERPRISE",
        creditCode: op.creditCode,
        legalRep: "李",
        mobile: "",
      };
    },
    allowed: ["admin"],
  },
  // Buyer organisations: the member actions on an organisation no persona belongs to, the admin's console.
  "organisation.budget.declare": {
    input: async () => ({ organisationId: (await authzOrganisation()).id, budget: "1,000,000" }),
    allowed: ["admin"],
  },
  "organisation.invite.create": {
    input: async () => ({ organisationId: (await authzOrganisation()).id, email: `${unique("org-colleague")}@example.test` }),
    allowed: ["admin"],
  },
  "organisation.invite.revoke": {
    input: async () => {
      const org = await authzOrganisation();
      const { newInviteToken, inviteExpiry } = await import("@/lib/operators/team");
      const invite = await testDb.invite.create({
        data: {
          organisationId: org.id,
          email: `${unique("org-invitee")}@example.test`,
          tokenHash: newInviteToken().tokenHash,
          invitedById: "seed-user-admin",
          expiresAt: inviteExpiry(),
        },
      });
      return { organisationId: org.id, inviteId: invite.id };
    },
    allowed: ["admin"],
  },
  "organisation.member.remove": { input: () => freshOrgMember(), allowed: ["admin"] },
  "organisation.member.setManager": { input: async () => ({ ...(await freshOrgMember()), isManager: "true" }), allowed: ["admin"] },
  "organisation.create": {
    input: async () => ({
      ...(await organisationFields()),
      kind: "BUDGET_UNIT",
      managerEmail: `${unique("org-new")}@example.test`,
      managerName: "新负责人",
    }),
    allowed: ["admin"],
  },
  "organisation.update": {
    input: async () => ({ ...(await organisationFields()), organisationId: (await authzOrganisation()).id }),
    allowed: ["admin"],
  },
  "organisation.disable": { input: async () => ({ organisationId: (await freshOrganisation()).id }), allowed: ["admin"] },
  "organisation.enable": { input: async () => ({ organisationId: (await freshOrganisation(true)).id }), allowed: ["admin"] },
  "organisation.manager.add": {
    input: async () => ({
      organisationId: (await authzOrganisation()).id,
      managerEmail: `${unique("org-extra")}@example.test`,
      managerName: "另一位负责人",
    }),
    allowed: ["admin"],
  },
  // Lanzhou's own rate at the 10% default: the quota figures of other tests stay as they are.
  "quotaRate.set": {
    input: () => ({ regionId: "6201", percent: "10" }),
    allowed: ["admin"],
    restore: async () => {
      await testDb.quotaRate.deleteMany({ where: { regionId: "6201" } });
    },
  },
  "quotaRate.delete": {
    input: async () => {
      await testDb.quotaRate.upsert({ where: { regionId: "6201" }, create: { regionId: "6201", bps: 1000 }, update: {} });
      return { regionId: "6201" };
    },
    allowed: ["admin"],
    restore: async () => {
      await testDb.quotaRate.deleteMany({ where: { regionId: "6201" } });
    },
  },
  // Operator A's unpaid settlement up to the end of this month (a fresh paid order makes sure there is some).
  "settlement.payout.record": {
    input: async () => {
      await paidOrderOf(fxSeller());
      const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
      const owed = (await payoutRun(testDb, month, 0)).find((r) => r.operatorId === fx.operatorId)!;
      return {
        operatorId: fx.operatorId,
        month,
        paidOn: today,
        bankReference: unique("BANK"),
        expectAmountFen: String(owed.figures.payoutFen),
      };
    },
    allowed: ["admin"],
  },
  // ---- invoices: the order's buyer (its owner, an admin, or the link: the anonymous rows carry no
  // token) requests and cancels; the seller's managers (and admins) issue and reverse.
  "invoice.request": {
    input: async () => ({ number: (await shoppersPaidOrder()).number, token: "", operatorId: fx.operatorId, ...invoiceFields }),
    allowed: ["shopper", "admin"],
    refusals: ["notFound"],
  },
  "invoice.cancel": {
    input: async () => {
      const { order, invoice } = await freshInvoice("REQUESTED");
      return { number: order.number, token: "", invoiceId: invoice.id };
    },
    allowed: ["shopper", "admin"],
    refusals: ["notFound"],
  },
  "invoice.issue": {
    input: async () => ({
      invoiceId: (await freshInvoice("REQUESTED")).invoice.id,
      invoiceNo: "26622000000012345678",
      file: new File([INVOICE_PDF], "invoice.pdf", { type: "application/pdf" }),
    }),
    allowed: MANAGER_A,
  },
  "invoice.reverse": {
    input: async () => ({ invoiceId: (await freshInvoice("NEEDS_REVERSAL")).invoice.id, note: "红冲", reissue: "on" }),
    allowed: MANAGER_A,
  },
  // 对公转账 received: admins only.
  "transfer.markReceived": {
    input: async () => ({ orderId: (await freshTransferOrder()).id, expectAmountFen: "5000" }),
    allowed: ["admin"],
  },
};

/** A listed product of operator A with stock, for campaigns (other rows delist and empty fx's product). */
let liveProductId = "";
async function liveProduct() {
  if (!liveProductId) {
    const p = await freshProduct("CERTIFIED");
    await testDb.product.update({ where: { id: p.id }, data: { listed: true, stock: 10 } });
    liveProductId = p.id;
  }
  return liveProductId;
}

/** A draft campaign of operator A's product, starting tomorrow. */
async function campaignInput() {
  const start = new Date(Date.now() + 24 * 3600_000);
  return {
    titleZh: `授权测试直播 ${RUN}`,
    titleEn: `Authz live ${RUN}`,
    hostZh: "主播",
    startsAt: start.toISOString(),
    endsAt: new Date(start.getTime() + 3600_000).toISOString(),
    perBuyerLimit: 2,
    items: [{ productId: await liveProduct(), priceFen: 100, allotment: 1 }],
  };
}
/** The console form's fields for the same draft (a datetime-local in China's time, yuan). */
async function campaignForm() {
  const c = await campaignInput();
  const productId = c.items[0]!.productId;
  const local = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 16);
  return {
    operatorId: fx.operatorId,
    titleZh: c.titleZh,
    titleEn: c.titleEn,
    hostZh: c.hostZh,
    startsAt: local(c.startsAt),
    endsAt: local(c.endsAt),
    perBuyerLimit: "2",
    productId: [productId],
    [`price.${productId}`]: "1.00",
    [`allotment.${productId}`]: "1",
  };
}
async function draftCampaign() {
  return createCampaign(testDb, (await actorOf("admin"))!, await campaignInput());
}
async function dropAuthzCampaigns() {
  await testDb.campaign.deleteMany({ where: { titleEn: `Authz live ${RUN}`, startedAt: null } });
}

/** Route handlers: who may read what they serve is checked here or by the test named. */
const ROUTES: Record<string, string> = {
  "app/api/notifications/unsubscribe/route.ts":
    "public: one-click unsubscribe; only a token signed with the app's secret names an address, a bad one is a 404 and changes nothing (tests/notifications.test.ts)",
  "app/api/auth/[...nextauth]/route.ts": "next-auth's own endpoints: sign-in is the credentials check (tests/auth.test.ts)",
  "app/api/catalog/operators/route.ts": "public catalogue data: the sellers of a county (names and slugs, as on the storefront)",
  "app/api/search/suggest/route.ts":
    "public catalogue data: names and slugs of listed products, as on the storefront (tests/search.test.ts)",
  "app/api/locale/route.ts": "public: sets the visitor's own language cookie and redirects within the site (lib/i18n/switch.test.ts)",
  "app/api/checkout/route.ts":
    "anyone may place an order (guests too); prices and stock come from the database (tests/checkout.test.ts, e2e/checkout.spec.ts)",
  "app/api/stripe/webhook/route.ts":
    "Stripe only: the signature is verified, a bad one is a 400 and changes nothing (tests/checkout.test.ts)",
  "app/api/files/[...key]/route.ts":
    "checked below: product photos public, payout proofs only for their operator's managers, the county's officers, admins",
  "app/api/office/households/export/route.ts":
    "officers and admins only (else 404); its rows are householdWhere's scope, an officer's own county whatever the URL says (tests/household-import.test.ts)",
  "app/api/admin/audit/export/route.ts":
    "admins (every row) and officers (their own county's objects) only, else 404 (tests/admin.test.ts, audit scope)",
  "app/api/settlement/statements/[payoutId]/route.ts":
    "the payout's operator's managers and admins only, else 404, like a payout that does not exist (tests/admin.test.ts, statements)",
  "app/api/health/route.ts":
    "public liveness, a plain handler (no session, no database, so a probe works during an outage): answers {status: ok} (tests/ops.test.ts)",
  "app/api/ready/route.ts":
    "public readiness, a plain handler (no session): answers ready or a one-word reason, never data or the database's address (tests/ops.test.ts)",
  "app/api/live/reserve/route.ts":
    "anyone may reserve in a live campaign (guests too); the buyer is the session cookie or the e-mail; limits kept by the database (tests/campaigns-live.test.ts, tests/campaigns-crash.test.ts)",
  "app/api/live/permit/route.ts":
    "anyone may ask for an admission permit of a running campaign (guests need one to reserve); about 1.2× its units are given out, signed for the asker's checkout key (tests/live-routes.test.ts, lib/campaigns/permit.test.ts)",
  "app/api/live/stock/route.ts": "public: the remaining units of a published campaign, as its page shows them",
  "app/api/live/pay/route.ts":
    "only with the order's access token (as its page), else 404; puts that order in the payment queue (tests/live-routes.test.ts)",
  "app/api/invoices/[id]/file/route.ts":
    "an issued invoice's PDF: the order's buyer (owner, admin, or the order's link), the seller's managers; else 404 (tests/invoices.test.ts)",
  "app/api/office/reports/export/route.ts":
    "read-only; officers get their own county only, admins any, everyone else 404 (tests/reports.test.ts, office report scope)",
};

/**
 * Routes declared with defineRoute, called as every persona: the allowed ones get their answer
 * (any status but 404), everyone else the same 404 as a path that does not exist. Read-only routes
 * (the checkout's own rows are in tests/checkout.test.ts, as placing an order needs a cart).
 */
interface RouteRow {
  request: () => Request;
  params?: Record<string, string | string[]>;
  allowed: readonly Persona[];
}
const ALL: readonly Persona[] = PERSONAS;
const ROUTE_CALLS: Record<string, RouteRow> = {
  "households.export": {
    request: () => new Request("http://localhost/api/office/households/export?status=MONITORED"),
    allowed: ["officerGangu", "officerSunan", "admin"],
  },
  "reports.export": {
    // An unknown table: the gate is what this row checks (allowed → 400, not 404); tests/reports.test.ts downloads real ones.
    request: () => new Request("http://localhost/api/office/reports/export?table=nope&format=csv"),
    allowed: ["officerGangu", "officerSunan", "admin"],
  },
  "audit.export": {
    request: () => new Request("http://localhost/api/admin/audit/export?entity=Product"),
    allowed: ["officerGangu", "officerSunan", "admin"],
  },
  // A payout of operator A (made in beforeAll): its managers and admins get the statement.
  "settlement.statement": {
    request: () => new Request(`http://localhost/api/settlement/statements/${payoutA}`),
    get params() {
      return { payoutId: payoutA };
    },
    allowed: ["managerA", "admin"],
  },
  "catalog.operators": { request: () => new Request("http://localhost/api/catalog/operators?county=620523"), allowed: ALL },
  // A signed link for an address of its own: anyone holding it may stop that mail.
  "notifications.unsubscribe": {
    request: () =>
      new Request(
        `http://localhost/api/notifications/unsubscribe?token=${unsubscribeToken(`${unique("oneclick")}@example.test`, "orders")}`,
        {
          method: "POST",
        },
      ),
    allowed: ALL,
  },
  "search.suggest": { request: () => new Request(`http://localhost/api/search/suggest?q=${encodeURIComponent("甘谷")}`), allowed: ALL },
  // A key with no access policy is 404 for everyone; product photos are public (their row below).
  "files.get": {
    request: () => new Request("http://localhost/api/files/secrets/x.png"),
    params: { key: ["secrets", "x.png"] },
    allowed: [],
  },
  // An issued invoice of operator A on the shopper persona's order (made in beforeAll): the buyer, A's managers, admins.
  "invoice.download": {
    request: () => new Request(`http://localhost/api/invoices/${invoiceWithFile}/file`),
    get params() {
      return { id: invoiceWithFile };
    },
    allowed: ["shopper", "managerA", "admin"],
  },
  // Anyone may place an order: an empty cart is refused with 400 (the input), never 404.
  "checkout.place": {
    request: () => new Request("http://localhost/api/checkout", { method: "POST", body: JSON.stringify({ locale: "zh-CN", order: {} }) }),
    allowed: ALL,
  },
};

// ---- the test -----------------------------------------------------------------------------------

beforeAll(async () => {
  const operator = await testDb.operator.findUniqueOrThrow({ where: { slug: OPERATOR_A } });
  const demo = await testDb.product.findFirstOrThrow({ where: { operatorId: operator.id }, orderBy: { slug: "asc" } });
  const link = await testDb.benefitLink.findFirstOrThrow({ where: { operatorId: operator.id }, orderBy: { id: "asc" } });
  // A product of operator A of its own, unlisted, so successful calls leave the demo catalogue alone.
  const { id, slug, createdAt, updatedAt, soldCount, ...copy } = demo;
  void [id, createdAt, updatedAt, soldCount];
  const product = await testDb.product.create({
    data: { ...copy, slug: `${slug}-authz-${RUN}`, status: "DRAFT", listed: false, stock: 0, certifiedUntil: null },
  });
  fx = { operatorId: operator.id, productId: product.id, villageId: product.villageId, householdId: link.householdId };
  for (const file of actionFiles) await import(file);
  await ensureApplicant(); // before any fingerprint is taken
  // An issued invoice with its PDF stored, for the download route's rows.
  const invoiceKey = `invoices/${operator.id}/authz${RUN}abcdefghijkl.pdf`;
  await getFileStore().put(invoiceKey, INVOICE_PDF, "application/pdf");
  invoiceWithFile = (await freshInvoice("ISSUED", invoiceKey)).invoice.id;
  // A settlement payout of operator A, for the statement route's rows.
  await paidOrderOf(fxSeller());
  const month = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 7);
  const owed = (await payoutRun(testDb, month, 0)).find((r) => r.operatorId === operator.id)!;
  const admin = (await actorOf("admin"))!;
  payoutA = (
    await recordPayout(
      testDb,
      admin,
      {
        operatorId: operator.id,
        month,
        paidOn: new Date(`${today}T00:00:00Z`),
        bankReference: "AUTHZ",
        expectAmountFen: owed.figures.payoutFen,
      },
      0,
    )
  ).id;
});

describe("authorization", () => {
  it("finds the server actions and routes", () => {
    expect(actionFiles.length).toBeGreaterThan(0);
    expect(routeFiles.length).toBeGreaterThan(0);
  });

  it("every export of every server-action module goes through defineAction", async () => {
    for (const file of actionFiles) {
      const mod = (await import(file)) as Record<string, unknown>;
      for (const [name, value] of Object.entries(mod)) {
        expect(registeredActionOf(value), `${path.relative(ROOT, file)} exports ${name} without defineAction`).toBeDefined();
      }
    }
  });

  it("every server action has a row in this test, and every row an action", () => {
    const names = registeredActions()
      .map((a) => a.name)
      .sort();
    expect(
      names.filter((n) => !(n in ACTIONS)),
      "actions with no row",
    ).toEqual([]);
    expect(
      Object.keys(ACTIONS).filter((n) => !names.includes(n)),
      "rows with no action",
    ).toEqual([]);
  });

  it("every route handler has a row in this test", () => {
    expect(
      routeFiles.filter((f) => !(f in ROUTES)),
      "routes with no row",
    ).toEqual([]);
  });

  it("every route declared with defineRoute has a call row, and every call row a route", async () => {
    for (const file of routeFiles) await import(path.join(ROOT, file));
    const names = registeredRoutes()
      .map((r) => r.name)
      .sort();
    expect(
      names.filter((n) => !(n in ROUTE_CALLS)),
      "routes with no call row",
    ).toEqual([]);
    expect(
      Object.keys(ROUTE_CALLS).filter((n) => !names.includes(n)),
      "call rows with no route",
    ).toEqual([]);
  });

  for (const [name, row] of Object.entries(ROUTE_CALLS)) {
    describe(`route ${name}`, () => {
      for (const persona of PERSONAS) {
        const allowed = row.allowed.includes(persona);
        it(`${persona}: ${allowed ? "is answered" : "gets 404 and changes nothing"}`, async () => {
          for (const file of routeFiles) await import(path.join(ROOT, file));
          const route = registeredRoutes().find((r) => r.name === name)!;
          const before = allowed ? null : await databaseFingerprint();
          const response = await route.runAs(await actorOf(persona), row.request(), row.params);
          if (allowed) {
            expect(response.status, `${persona} ${name}`).not.toBe(404);
          } else {
            expect(response.status, `${persona} ${name}`).toBe(404);
            expect(await databaseFingerprint()).toEqual(before);
          }
        });
      }
    });
  }

  for (const [name, row] of Object.entries(ACTIONS)) {
    describe(name, () => {
      for (const persona of PERSONAS) {
        const allowed = row.allowed.includes(persona);
        it(`${persona}: ${allowed ? "succeeds" : "is refused and changes nothing"}`, async () => {
          const action = registeredActions().find((a) => a.name === name)!;
          const actor = await actorOf(persona);
          const input = await row.input(persona);
          const saved = await row.save?.(persona);
          const before = allowed ? null : await databaseFingerprint();
          const result: ActionResult = await action.runAs(actor, input);
          try {
            if (allowed) {
              expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
            } else {
              expect(result.ok, JSON.stringify(result)).toBe(false);
              const refusals = row.refusals ?? (persona === "anonymous" ? ["signInRequired"] : ["notFound"]);
              expect(refusals).toContain(result.ok ? "" : result.error);
              expect(await databaseFingerprint()).toEqual(before);
            }
          } finally {
            if (result.ok) await row.restore?.(persona, saved);
          }
        });
      }
    });
  }

  describe("GET /api/files: payout proofs", () => {
    it("only operator A's managers, Gangu's officers and admins may read operator A's proof; product photos are public", async () => {
      const { mayReadPayoutProof } = await import("@/lib/benefits/proof-access.server");
      const admin = await actorOf("admin");
      const created = await registeredActions()
        .find((a) => a.name === "payout.create")!
        .runAs(admin, await ACTIONS["payout.create"]!.input("admin"));
      expect(created.ok).toBe(true);
      const payout = await testDb.payout.findFirstOrThrow({
        where: { operatorId: fx.operatorId, proofUrl: { not: null } },
        orderBy: { createdAt: "desc" },
      });
      const key = payout.proofUrl!.replace(/^\/api\/files\//, "");
      const may: Persona[] = ["managerA", "officerGangu", "admin"];
      for (const persona of PERSONAS) {
        expect(await mayReadPayoutProof(await actorOf(persona), key), persona).toBe(may.includes(persona));
      }
      // A key that is not a recorded payout's proof is refused to everyone, admins included.
      expect(await mayReadPayoutProof(admin, key.replace(/\.[a-z]+$/, "x.pdf"))).toBe(false);
    });
  });
});
