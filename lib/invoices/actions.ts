"use server";
// Invoices (发票) from the order page (the buyer: its owner, an admin, or whoever holds the order's
// link) and from the seller's 发票 tab (the operator's managers and admins). Thin: parse, scope,
// call ./invoices.ts, revalidate.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/actions/define.server";
import { canManageOperator, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/db.server";
import { notFound } from "@/lib/errors";
import { mayOpenOrder } from "@/lib/orders/access";
import { ORDER_NUMBER } from "@/lib/orders/number";
import { discardInvoicePdf, storeInvoicePdf } from "./files.server";
import { cancelInvoice, issueInvoice, markInvoiceReversed, requestInvoice } from "./invoices";
import { INVOICE_NO, invoiceRequestFields, isInvoiceLink, requestClean, requestRules } from "./rules";

const orderRef = { number: z.string().regex(ORDER_NUMBER), token: z.string().max(64).default("") };
const id = z.string().min(1).max(64);

/** The order, if the caller may act on it as its buyer; otherwise notFound(). */
async function buyersOrder(actor: Actor | null, ref: { number: string; token: string }) {
  const order = await db.order.findUnique({ where: { number: ref.number }, select: { id: true, userId: true, number: true } });
  if (!order || !mayOpenOrder(actor, order, ref.token)) throw notFound();
  return order;
}

/** The invoice, if the caller manages its seller; otherwise notFound(). */
async function sellersInvoice(actor: Actor, invoiceId: string) {
  const invoice = await db.invoice.findUnique({
    where: { id: invoiceId },
    select: { id: true, operatorId: true, operator: { select: { slug: true } } },
  });
  if (!invoice || !canManageOperator(actor, invoice.operatorId)) throw notFound();
  return invoice;
}

const revalidateOrder = (number: string) => {
  revalidatePath(`/orders/${number}`);
  revalidatePath(`/en/orders/${number}`);
};
const revalidateConsole = (slug: string) => {
  revalidatePath(`/coop/${slug}/invoices`);
  revalidatePath(`/en/coop/${slug}/invoices`);
};

export const requestInvoiceAction = defineAction({
  name: "invoice.request",
  input: z
    .object({ ...orderRef, operatorId: id, ...invoiceRequestFields })
    .superRefine(requestRules)
    .transform((v) => requestClean(v)),
  allow: "anyone",
  run: async ({ actor }, input) => {
    const order = await buyersOrder(actor, input);
    const { number, token, operatorId, ...request } = input;
    void token;
    const created = await requestInvoice(db, { orderId: order.id, operatorId, request, requestedById: actor?.userId ?? null });
    revalidateOrder(number);
    return created;
  },
});

export const cancelInvoiceAction = defineAction({
  name: "invoice.cancel",
  input: z.object({ ...orderRef, invoiceId: id }),
  allow: "anyone",
  run: async ({ actor }, input) => {
    const order = await buyersOrder(actor, input);
    await cancelInvoice(db, { invoiceId: input.invoiceId, orderId: order.id, actorUserId: actor?.userId ?? null });
    revalidateOrder(order.number);
    return { ok: true };
  },
});

const optionalText = (max: number) => z.string().trim().max(max, "invoiceFieldTooLong").default("");

export const issueInvoiceAction = defineAction({
  name: "invoice.issue",
  input: z
    .object({
      invoiceId: id,
      invoiceNo: optionalText(20),
      downloadUrl: optionalText(500),
      file: z.instanceof(File).optional(),
    })
    .superRefine((v, ctx) => {
      const hasFile = v.file !== undefined && v.file.size > 0;
      if (v.invoiceNo && !INVOICE_NO.test(v.invoiceNo)) ctx.addIssue({ code: "custom", path: ["invoiceNo"], message: "invoiceNoInvalid" });
      if (v.downloadUrl && !isInvoiceLink(v.downloadUrl))
        ctx.addIssue({ code: "custom", path: ["downloadUrl"], message: "invoiceLinkInvalid" });
      if (v.downloadUrl && !v.invoiceNo) ctx.addIssue({ code: "custom", path: ["invoiceNo"], message: "invoiceNoRequired" });
      if (!hasFile && !v.downloadUrl) ctx.addIssue({ code: "custom", path: ["file"], message: "invoiceDocumentRequired" });
    }),
  allow: ["MANAGER", "ADMIN"],
  scope: (actor, input) => sellersInvoice(actor, input.invoiceId),
  run: async ({ actor, scope: invoice }, input) => {
    const file = input.file && input.file.size > 0 ? await storeInvoicePdf(invoice.operatorId, input.file) : null;
    try {
      const issued = await issueInvoice(db, actor, invoice.id, {
        invoiceNo: input.invoiceNo || null,
        file,
        downloadUrl: input.downloadUrl || null,
      });
      revalidateConsole(invoice.operator.slug);
      return issued;
    } catch (error) {
      // Files cannot roll back with the transaction: remove what was stored for a refused issue.
      if (file) await discardInvoicePdf(file.key);
      throw error;
    }
  },
});

export const reverseInvoiceAction = defineAction({
  name: "invoice.reverse",
  input: z.object({
    invoiceId: id,
    note: optionalText(100),
    reissue: z
      .union([z.literal("on"), z.literal("true"), z.literal("false"), z.literal(""), z.boolean()])
      .optional()
      .transform((v) => v === true || v === "on" || v === "true"),
  }),
  allow: ["MANAGER", "ADMIN"],
  scope: (actor, input) => sellersInvoice(actor, input.invoiceId),
  run: async ({ actor, scope: invoice }, input) => {
    const result = await markInvoiceReversed(db, actor, input);
    revalidateConsole(invoice.operator.slug);
    return result;
  },
});
