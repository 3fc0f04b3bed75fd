// Invoices (发票, lib/invoices): the steps (request, issue, refund → 红冲, reverse, cancel), one open
// request per order and seller, the buyer's bad input and the seller's bad files, and who may
// download the PDF. Through the registered actions and the download route, as the pages call them.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import "@/lib/invoices/actions";
import "@/app/api/invoices/[id]/file/route";
import { registeredRoutes } from "@/lib/http/route";
import { orderInvoices } from "@/lib/invoices/invoices";
import { INVOICE_PDF_MAX_BYTES, pdfProblem } from "@/lib/invoices/rules";
import { creditCodeCheckChar } from "@/lib/operators/credit-code";
import { orderAccessToken } from "@/lib/orders/access";
import { requestRefund } from "@/lib/orders/refunds";
import { demoProvider } from "@/lib/payments/demo";
import { LocalDiskStore, setFileStoreForTests } from "@/lib/storage";
import { data, run } from "./support/actions";
import { testDb } from "./support/db";
import { databaseFingerprint } from "./support/fingerprint";
import { paidOrder } from "./support/paid-orders";
import { actorOf, OPERATOR_A, PERSONAS, type Persona } from "./support/personas";
import { cartOf, makeProduct } from "./support/shop";
import { loadActor } from "@/lib/auth/load-actor";
import { placeOrder } from "@/lib/orders/checkout";
import { confirmPayment } from "@/lib/orders/fulfilment";

/** A small real-shaped PDF: header, one object, xref, trailer, startxref, %%EOF. */
const PDF = Buffer.from(
  "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\nxref\n0 2\n0000000000 65535 f \n0000000009 00000 n \ntrailer\n<< /Size 2 /Root 1 0 R >>\nstartxref\n60\n%%EOF\n",
);
const pdfFile = (bytes: Uint8Array = PDF, name = "发票.pdf") => new File([Uint8Array.from(bytes)], name, { type: "application/pdf" });

const VALID_TAX_NO = (() => {
  const first17 = "91620523MA7X2K3B0";
  return first17 + creditCodeCheckChar(first17);
})();
/** The same code with a wrong check character. */
const WRONG_CHECK = VALID_TAX_NO.slice(0, 17) + (VALID_TAX_NO[17] === "1" ? "2" : "1");

let uploadDir = "";
beforeAll(async () => {
  uploadDir = await mkdtemp(path.join(os.tmpdir(), "xk-invoices-"));
  setFileStoreForTests(new LocalDiskStore(uploadDir));
});
afterAll(async () => {
  setFileStoreForTests(undefined);
  await rm(uploadDir, { recursive: true, force: true });
});

/** A paid order of the shopper persona with 2 units at ¥50 of operator A's own product (its managers act on it). */
async function shoppersPaidOrder(quantity = 2) {
  const product = await makeProduct(OPERATOR_A, { priceFen: 5000, sameSeller: true });
  const order = await paidOrder([{ ...product, quantity }]);
  await testDb.order.update({ where: { id: order.id }, data: { userId: "seed-user-shopper" } });
  return { order, product, ref: { number: order.number, token: "" } };
}

const ordinary = (over: Record<string, unknown> = {}) => ({
  kind: "ORDINARY",
  title: "兰州市演示事务服务中心工会委员会",
  taxNo: VALID_TAX_NO,
  email: "finance@example.test",
  ...over,
});

async function requested(over: Record<string, unknown> = {}) {
  const fx = await shoppersPaidOrder();
  const shopper = await actorOf("shopper");
  const created = data<{ id: string }>(
    await run("invoice.request", shopper, { ...fx.ref, operatorId: fx.product.operatorId, ...ordinary(over) }),
  );
  return { ...fx, invoiceId: created.id };
}

const invoice = (id: string) => testDb.invoice.findUniqueOrThrow({ where: { id } });

describe("the invoice's steps", () => {
  it("request → issue (PDF) → refund → NEEDS_REVERSAL → reversed, with a new request for what is left", async () => {
    const { order, product, invoiceId } = await requested();
    expect(await invoice(invoiceId)).toMatchObject({ status: "REQUESTED", kind: "ORDINARY", taxNo: VALID_TAX_NO, amountFen: null });
    const manager = await actorOf("managerA");

    const issued = await run("invoice.issue", manager, { invoiceId, invoiceNo: "26622000000012345678", file: pdfFile() });
    expect(data<{ amountFen: number }>(issued).amountFen).toBe(10_000);
    const after = await invoice(invoiceId);
    expect(after).toMatchObject({ status: "ISSUED", amountFen: 10_000, invoiceNo: "26622000000012345678", fileName: "发票.pdf" });
    expect(after.fileKey).toMatch(/^invoices\/.+\.pdf$/);
    // The buyer is told, at the invoice's email, once; an audit row says who issued it.
    const mails = await testDb.outbox.findMany({
      where: { kind: "invoice.issued", dedupeKey: { startsWith: `invoice.issued:${invoiceId}` } },
    });
    expect(mails).toHaveLength(1);
    expect(mails[0]!.recipient).toBe("finance@example.test");
    expect(mails[0]!.subject).toContain(order.number);
    expect(await testDb.auditLog.count({ where: { entity: "Invoice", entityId: invoiceId, action: "invoice.issue" } })).toBe(1);

    // Issuing twice is refused.
    expect(await run("invoice.issue", manager, { invoiceId, file: pdfFile() })).toMatchObject({ ok: false, error: "invoiceAlreadyIssued" });
    // A reversal is only for a flagged invoice.
    expect(await run("invoice.reverse", manager, { invoiceId, note: "" })).toMatchObject({ ok: false, error: "invoiceNotFlagged" });

    // A refund of ¥30 after issue: the invoice overstates the sale now.
    await requestRefund(
      testDb,
      demoProvider,
      { orderId: order.id, lines: [{ orderLineId: order.lines[0]!.id, amountFen: 3000 }] },
      manager!,
    );
    expect(await invoice(invoiceId)).toMatchObject({ status: "NEEDS_REVERSAL" });
    expect((await invoice(invoiceId)).reversalDueAt).not.toBeNull();

    const reversed = data<{ reissuedId: string | null }>(
      await run("invoice.reverse", manager, { invoiceId, note: "红字发票 26622000000099999999", reissue: "on" }),
    );
    expect(await invoice(invoiceId)).toMatchObject({ status: "REVERSED", reversalNote: "红字发票 26622000000099999999" });
    expect(reversed.reissuedId).not.toBeNull();
    const again = await invoice(reversed.reissuedId!);
    expect(again).toMatchObject({
      status: "REQUESTED",
      replacesId: invoiceId,
      title: "兰州市演示事务服务中心工会委员会",
      taxNo: VALID_TAX_NO,
    });
    // The new invoice is for what is left: ¥100 − ¥30.
    const issuedAgain = data<{ amountFen: number }>(
      await run("invoice.issue", manager, {
        invoiceId: again.id,
        invoiceNo: "26622000000012345679",
        downloadUrl: "https://inv.example.gov.cn/a?id=1",
      }),
    );
    expect(issuedAgain.amountFen).toBe(7_000);
    void product;
  });

  it("the buyer may cancel before issue, not after; a cancelled request makes room for a new one", async () => {
    const { invoiceId, ref, product } = await requested();
    const shopper = await actorOf("shopper");
    expect(data(await run("invoice.cancel", shopper, { ...ref, invoiceId }))).toBeTruthy();
    expect(await invoice(invoiceId)).toMatchObject({ status: "CANCELLED", cancelReason: "buyer" });
    expect(await run("invoice.cancel", shopper, { ...ref, invoiceId })).toMatchObject({ ok: false, error: "invoiceAlreadyCancelled" });
    // Cancelled: the seller cannot issue it.
    const manager = await actorOf("managerA");
    expect(await run("invoice.issue", manager, { invoiceId, file: pdfFile() })).toMatchObject({ ok: false, error: "invoiceCancelled" });

    const second = data<{ id: string }>(await run("invoice.request", shopper, { ...ref, operatorId: product.operatorId, ...ordinary() }));
    data(await run("invoice.issue", manager, { invoiceId: second.id, file: pdfFile() }));
    expect(await run("invoice.cancel", shopper, { ...ref, invoiceId: second.id })).toMatchObject({
      ok: false,
      error: "invoiceAlreadyIssued",
    });
  });

  it("allows one open request per order and seller, even when two arrive at once", async () => {
    const fx = await shoppersPaidOrder();
    const shopper = await actorOf("shopper");
    const input = { ...fx.ref, operatorId: fx.product.operatorId, ...ordinary() };
    const answers = await Promise.all([1, 2, 3, 4].map(() => run("invoice.request", shopper, input)));
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    for (const refused of answers.filter((a) => !a.ok)) expect(refused).toMatchObject({ error: "invoiceAlreadyRequested" });
    expect(await testDb.invoice.count({ where: { orderId: fx.order.id } })).toBe(1);
    expect(await run("invoice.request", shopper, input)).toMatchObject({ ok: false, error: "invoiceAlreadyRequested" });
  });

  it("a request not yet issued is cancelled when the seller's whole part is refunded; an unpaid order gets none", async () => {
    const { order, invoiceId } = await requested();
    const manager = await actorOf("managerA");
    await requestRefund(testDb, demoProvider, { orderId: order.id, lines: [{ orderLineId: order.lines[0]!.id }] }, manager!);
    expect(await invoice(invoiceId)).toMatchObject({ status: "CANCELLED", cancelReason: "refunded" });

    const product = await makeProduct(OPERATOR_A, { sameSeller: true });
    const unpaid = await testDb.order.create({
      data: {
        number: `T${Date.now().toString(36).toUpperCase()}`,
        email: "unpaid@example.test",
        totalFen: product.priceFen,
        checkoutKey: `unpaid-${Date.now()}`,
        recipient: "王",
        mobile: "13800138000",
        province: "甘肃省",
        city: "天水市",
        district: "甘谷县",
        address: "x",
        paymentProvider: "demo",
        reservedUntil: new Date(Date.now() + 60_000),
        userId: "seed-user-shopper",
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
    });
    // The order page's number pattern: paid-order helpers write test-only numbers, so go to the command.
    const { requestInvoice } = await import("@/lib/invoices/invoices");
    const { invoiceRequestSchema } = await import("@/lib/invoices/rules");
    await expect(
      requestInvoice(testDb, {
        orderId: unpaid.id,
        operatorId: product.operatorId,
        request: invoiceRequestSchema.parse(ordinary()),
        requestedById: null,
      }),
    ).rejects.toMatchObject({ code: "invoiceOrderNotPaid" });
  });

  it("prefills 抬头 and 税号 from the order's organisation", async () => {
    // Bought for the union by its demo manager through checkout, as the buyer would (the order's
    // organisation is set before payment, so the report rollups keep it like the ledger).
    const product = await makeProduct(OPERATOR_A, { priceFen: 5000, sameSeller: true });
    const buyer = await loadActor(testDb, "seed-user-buyer");
    const placed = await placeOrder(testDb, cartOf([{ ...product, quantity: 2 }], { organisationId: "seed-org-union" }), {
      provider: demoProvider,
      origin: "http://localhost:3000",
      locale: "zh-CN",
      actor: buyer,
    });
    await confirmPayment(testDb, { orderId: placed.orderId });
    const fx = { order: await testDb.order.findUniqueOrThrow({ where: { id: placed.orderId } }), product };
    expect(fx.order).toMatchObject({ organisationId: "seed-org-union", channel: "INSTITUTION", status: "PAID" });
    const org = await testDb.organisation.findUniqueOrThrow({ where: { id: "seed-org-union" } });
    const view = await orderInvoices(testDb, fx.order.id);
    expect(view.prefill).toMatchObject({ title: org.nameZh, taxNo: org.creditCode, personal: false });
    expect(view.parts).toEqual([{ operatorId: fx.product.operatorId, partFen: 10_000, invoices: [] }]);
    expect(view.invoiceable).toBe(true);
  });
});

describe("bad input changes nothing and says why", () => {
  it("a 税号 with a wrong check character, a 专票 without bank details, a personal 专票", async () => {
    const fx = await shoppersPaidOrder();
    const shopper = await actorOf("shopper");
    const base = { ...fx.ref, operatorId: fx.product.operatorId };
    const before = await databaseFingerprint();

    const wrongCheck = await run("invoice.request", shopper, { ...base, ...ordinary({ taxNo: WRONG_CHECK.toLowerCase() }) });
    expect(wrongCheck).toMatchObject({ ok: false, error: "invalidInput", fieldErrors: { taxNo: ["invoiceTaxNoCheck"] } });
    const noTaxNo = await run("invoice.request", shopper, { ...base, ...ordinary({ taxNo: "" }) });
    expect(noTaxNo).toMatchObject({ ok: false, fieldErrors: { taxNo: ["invoiceTaxNoRequired"] } });

    const special = await run("invoice.request", shopper, { ...base, ...ordinary({ kind: "SPECIAL", regAddress: "兰州市城关区" }) });
    expect(special).toMatchObject({
      ok: false,
      fieldErrors: {
        regPhone: ["invoiceRegPhoneRequired"],
        bankName: ["invoiceBankNameRequired"],
        bankAccount: ["invoiceBankAccountRequired"],
      },
    });
    const badAccount = await run("invoice.request", shopper, {
      ...base,
      ...ordinary({ kind: "SPECIAL", regAddress: "兰州市城关区", regPhone: "0931-1234567", bankName: "农行", bankAccount: "12AB" }),
    });
    expect(badAccount).toMatchObject({ ok: false, fieldErrors: { bankAccount: ["invoiceBankAccountInvalid"] } });
    const personalSpecial = await run("invoice.request", shopper, { ...base, ...ordinary({ kind: "SPECIAL", personal: "on", taxNo: "" }) });
    expect(personalSpecial).toMatchObject({ ok: false, fieldErrors: { personal: ["invoiceSpecialNotPersonal"] } });
    expect(await databaseFingerprint()).toEqual(before);

    // A person's 普票 needs no 税号 (and keeps none); a full 专票 is accepted, the account's spaces removed.
    const personal = data<{ id: string }>(
      await run("invoice.request", shopper, { ...base, ...ordinary({ personal: "on", title: "王小明", taxNo: "" }) }),
    );
    expect(await invoice(personal.id)).toMatchObject({ personal: true, taxNo: null, bankAccount: "" });
  });

  it("a file that is not a PDF, an oversized one, a link that is not https: refused, nothing stored", async () => {
    const { invoiceId } = await requested();
    const manager = await actorOf("managerA");
    const before = await databaseFingerprint();
    const png = new Uint8Array(Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"));
    expect(await run("invoice.issue", manager, { invoiceId, file: pdfFile(png, "invoice.pdf") })).toMatchObject({
      ok: false,
      error: "invoicePdfType",
    });
    // %PDF- at the start but cut off: no trailer.
    expect(await run("invoice.issue", manager, { invoiceId, file: pdfFile(PDF.subarray(0, 40)) })).toMatchObject({
      ok: false,
      error: "invoicePdfType",
    });
    const big = new Uint8Array(INVOICE_PDF_MAX_BYTES + 1);
    big.set(PDF);
    expect(await run("invoice.issue", manager, { invoiceId, file: pdfFile(big) })).toMatchObject({
      ok: false,
      error: "invoicePdfTooLarge",
    });
    expect(
      await run("invoice.issue", manager, { invoiceId, invoiceNo: "26622000000012345678", downloadUrl: "http://x.example/a" }),
    ).toMatchObject({
      ok: false,
      fieldErrors: { downloadUrl: ["invoiceLinkInvalid"] },
    });
    expect(await run("invoice.issue", manager, { invoiceId })).toMatchObject({
      ok: false,
      fieldErrors: { file: ["invoiceDocumentRequired"] },
    });
    expect(await databaseFingerprint()).toEqual(before);
    expect(await invoice(invoiceId)).toMatchObject({ status: "REQUESTED" });
  });

  it("pdfProblem reads the content, not the name", () => {
    expect(pdfProblem(new Uint8Array(PDF))).toBeNull();
    expect(pdfProblem(new Uint8Array(Buffer.from("hello %PDF-1.4")))).toBe("invoicePdfType");
    expect(pdfProblem(new Uint8Array(Buffer.from("%PDF-1.4\n%%EOF\n")))).toBe("invoicePdfType"); // no startxref
    expect(pdfProblem(new Uint8Array(0))).toBe("invoicePdfRequired");
  });
});

describe("who may act and download", () => {
  it("another seller's manager cannot issue, another shopper cannot request or cancel", async () => {
    const { invoiceId, product } = await requested();
    const order = await testDb.invoice.findUniqueOrThrow({ where: { id: invoiceId }, include: { order: true } });
    const applicant = await actorOf("applicant"); // made on first use: before the fingerprint
    const before = await databaseFingerprint();
    expect(await run("invoice.issue", await actorOf("managerB"), { invoiceId, file: pdfFile() })).toMatchObject({
      ok: false,
      error: "notFound",
    });
    expect(await run("invoice.reverse", await actorOf("managerB"), { invoiceId })).toMatchObject({ ok: false, error: "notFound" });
    const ref = { number: order.order.number, token: "" };
    expect(await run("invoice.cancel", applicant, { ...ref, invoiceId })).toMatchObject({ ok: false, error: "notFound" });
    expect(await run("invoice.cancel", null, { ...ref, invoiceId })).toMatchObject({ ok: false, error: "notFound" });
    expect(await run("invoice.request", applicant, { ...ref, operatorId: product.operatorId, ...ordinary() })).toMatchObject({
      ok: false,
      error: "notFound",
    });
    expect(await databaseFingerprint()).toEqual(before);
  });

  it("the PDF: the order's buyer (account or link), the seller's managers and admins; everyone else 404", async () => {
    const { invoiceId, order } = await requested();
    data(await run("invoice.issue", await actorOf("managerA"), { invoiceId, file: pdfFile() }));
    const route = registeredRoutes().find((r) => r.name === "invoice.download")!;
    const get = (persona: Persona, token = "") =>
      actorOf(persona).then((actor) =>
        route.runAs(actor, new Request(`http://localhost/api/invoices/${invoiceId}/file${token ? `?t=${token}` : ""}`), { id: invoiceId }),
      );
    const may: Persona[] = ["shopper", "managerA", "admin"];
    for (const persona of PERSONAS) {
      const response = await get(persona);
      expect(response.status, persona).toBe(may.includes(persona) ? 200 : 404);
      if (response.status === 200) {
        expect(response.headers.get("content-type")).toBe("application/pdf");
        expect(Buffer.from(await response.arrayBuffer()).equals(PDF)).toBe(true);
        expect(response.headers.get("content-disposition")).toContain("attachment");
      }
    }
    // A guest with the order's link; a made-up token is not enough.
    expect((await get("anonymous", orderAccessToken(order.id))).status).toBe(200);
    expect((await get("anonymous", "x".repeat(32))).status).toBe(404);
    expect((await get("managerB", orderAccessToken("another-order"))).status).toBe(404);
    // An invoice id that does not exist, and a requested one with no file yet: 404.
    expect((await route.runAs(await actorOf("admin"), new Request("http://localhost/api/invoices/nope/file"), { id: "nope" })).status).toBe(
      404,
    );
    // The file is not served by /api/files (no policy for invoices/).
    const key = (await invoice(invoiceId)).fileKey!;
    const files = registeredRoutes().find((r) => r.name === "files.get");
    if (files) {
      const response = await files.runAs(await actorOf("admin"), new Request(`http://localhost/api/files/${key}`), { key: key.split("/") });
      expect(response.status).toBe(404);
    }
  });
});
