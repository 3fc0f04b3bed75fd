// Invoices (发票): the request's rules, the issued PDF's check and the steps an invoice goes through.
// Pure: no database, no clock.
//
//   REQUESTED ──issue──► ISSUED ──refund──► NEEDS_REVERSAL ──reverse──► REVERSED
//       │                                    (红冲 flagged)               (a new REQUESTED one
//       └─cancel (buyer) / nothing left─► CANCELLED                       may follow for what is left)
//
// One open invoice (REQUESTED, ISSUED, NEEDS_REVERSAL) per order and seller (a partial unique index).
import { z } from "zod";
import { creditCodeProblem, normaliseCreditCode } from "@/lib/operators/credit-code";
import type { InvoiceStatus } from "@/lib/generated/prisma/enums";

export const OPEN_STATUSES = ["REQUESTED", "ISSUED", "NEEDS_REVERSAL"] as const satisfies readonly InvoiceStatus[];

/** Each step and the status it starts from. */
export const STEPS = {
  issue: "REQUESTED",
  cancel: "REQUESTED",
  flagReversal: "ISSUED",
  reverse: "NEEDS_REVERSAL",
} as const satisfies Record<string, InvoiceStatus>;
export type Step = keyof typeof STEPS;

export const AFTER: Record<Step, InvoiceStatus> = {
  issue: "ISSUED",
  cancel: "CANCELLED",
  flagReversal: "NEEDS_REVERSAL",
  reverse: "REVERSED",
};

export function canStep(status: InvoiceStatus, step: Step): boolean {
  return STEPS[step] === status;
}

/** Orders whose buyer may ask for an invoice: paid and not wholly refunded. */
export const INVOICEABLE_ORDER_STATUSES = ["PAID", "SHIPPED", "DELIVERED"] as const;

/** The seller's part of an order, net of refunds: its goods lines and its shipping line. */
export function sellerPartFen(
  lines: readonly { operatorId: string; netFen: number; refundedFen: number }[],
  shipping: readonly { operatorId: string; feeFen: number; refundedFen: number }[],
  operatorId: string,
): number {
  const goods = lines.filter((l) => l.operatorId === operatorId).reduce((s, l) => s + l.netFen - l.refundedFen, 0);
  const ship = shipping.filter((s) => s.operatorId === operatorId).reduce((s, l) => s + l.feeFen - l.refundedFen, 0);
  return goods + ship;
}

// ---- the request ---------------------------------------------------------------------------------

const text = (max: number) => z.string().trim().max(max, "invoiceFieldTooLong").default("");

/** 开户银行账号: digits, written with or without spaces; 8 to 32 digits. */
const BANK_ACCOUNT = /^\d{8,32}$/u;
/** 注册电话: a landline or mobile, digits with optional area-code dash or parentheses. */
const PHONE = /^[\d()+\- ]{7,20}$/u;

/** The request's fields, as the form sends them (./rules.ts requestRules checks them together). */
export const invoiceRequestFields = {
  kind: z.enum(["ORDINARY", "SPECIAL"]),
  personal: z
    .union([z.literal("on"), z.literal("true"), z.literal("false"), z.literal(""), z.boolean()])
    .optional()
    .transform((v) => v === true || v === "on" || v === "true"),
  title: z.string().trim().min(1, "invoiceTitleRequired").max(100, "invoiceFieldTooLong"),
  taxNo: z
    .string()
    .max(64, "invoiceFieldTooLong")
    .default("")
    .transform((v) => normaliseCreditCode(v)),
  regAddress: text(200),
  regPhone: text(40),
  bankName: text(100),
  bankAccount: text(64).transform((v) => v.replace(/[\s-]/gu, "")),
  email: z.string().trim().toLowerCase().email("emailInvalid").max(200),
};
const fieldsObject = z.object(invoiceRequestFields);

/** The credit code's problems, said of the 税号 field. */
const TAX_NO_PROBLEM = {
  creditCodeLength: "invoiceTaxNoLength",
  creditCodeCharacters: "invoiceTaxNoCharacters",
  creditCodeCheck: "invoiceTaxNoCheck",
} as const;
type Fields = z.output<typeof fieldsObject>;

/**
 * What the buyer fills in. 抬头 always; 税号 for a company's 普票 and for every 专票 (a valid unified
 * social credit code); for 专票 also the registered address, phone, bank and account; an email.
 * A person's 普票 (personal) has no 税号.
 */
export function requestRules(v: Fields, ctx: z.RefinementCtx): void {
  const need = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  if (v.personal && v.kind === "SPECIAL") need("personal", "invoiceSpecialNotPersonal");
  if (!v.personal) {
    if (!v.taxNo) need("taxNo", "invoiceTaxNoRequired");
    else {
      const problem = creditCodeProblem(v.taxNo);
      if (problem) need("taxNo", TAX_NO_PROBLEM[problem]);
    }
  }
  if (v.kind === "SPECIAL") {
    if (!v.regAddress) need("regAddress", "invoiceRegAddressRequired");
    if (!v.regPhone) need("regPhone", "invoiceRegPhoneRequired");
    else if (!PHONE.test(v.regPhone)) need("regPhone", "invoiceRegPhoneInvalid");
    if (!v.bankName) need("bankName", "invoiceBankNameRequired");
    if (!v.bankAccount) need("bankAccount", "invoiceBankAccountRequired");
    else if (!BANK_ACCOUNT.test(v.bankAccount)) need("bankAccount", "invoiceBankAccountInvalid");
  }
}

/** A person's 普票 keeps no 税号; an ordinary invoice keeps no bank details. */
export function requestClean<T extends Fields>(v: T): Omit<T, "taxNo"> & { taxNo: string | null } {
  return {
    ...v,
    taxNo: v.personal ? null : v.taxNo,
    ...(v.kind === "SPECIAL" ? {} : { regAddress: "", regPhone: "", bankName: "", bankAccount: "" }),
  };
}

export const invoiceRequestSchema = fieldsObject.superRefine(requestRules).transform((v) => requestClean(v));
export type InvoiceRequest = z.output<typeof invoiceRequestSchema>;

// ---- the issued invoice --------------------------------------------------------------------------

/** 5 MB: an e-invoice PDF is 50–300 KB; a scanned paper invoice well under this. */
export const INVOICE_PDF_MAX_BYTES = 5 * 1024 * 1024;

export type PdfProblem = "invoicePdfRequired" | "invoicePdfTooLarge" | "invoicePdfType";

/**
 * Is this a PDF, by its content (never its name or the type the browser claims)? It must start with
 * a `%PDF-1.x` or `%PDF-2.0` header, and end, within its last 1 KB, with `%%EOF` after a `startxref`
 * (the trailer every PDF writer puts there). A renamed image, a text file or a truncated upload fail.
 */
export function pdfProblem(bytes: Uint8Array): PdfProblem | null {
  if (bytes.byteLength === 0) return "invoicePdfRequired";
  if (bytes.byteLength > INVOICE_PDF_MAX_BYTES) return "invoicePdfTooLarge";
  const head = Buffer.from(bytes.subarray(0, 16)).toString("latin1");
  if (!/^%PDF-(1\.[0-7]|2\.0)\s/u.test(head)) return "invoicePdfType";
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.byteLength - 1024))).toString("latin1");
  const eof = tail.lastIndexOf("%%EOF");
  if (eof < 0 || tail.slice(0, eof).lastIndexOf("startxref") < 0) return "invoicePdfType";
  return null;
}

/** A file name as shown to the buyer: no path, no control characters, ending in .pdf. */
export function invoiceFileName(name: string, fallback: string): string {
  const base = (name.split(/[\\/]/u).pop() ?? "").replace(/[\u0000-\u001f"]/gu, "").slice(0, 100);
  const named = base || fallback;
  return /\.pdf$/iu.test(named) ? named : `${named}.pdf`;
}

/** The e-invoice's number (发票号码): 8 to 20 digits (全电发票 have 20). */
export const INVOICE_NO = /^\d{8,20}$/u;

/** An e-invoice link: https only, at most 500 characters, no credentials in it. */
export function isInvoiceLink(raw: string): boolean {
  if (raw.length > 500) return false;
  try {
    const url = new URL(raw);
    return url.protocol === "https:" && !url.username && !url.password && url.hostname.includes(".");
  } catch {
    return false;
  }
}

export const INVOICE_KEY = /^invoices\/[A-Za-z0-9_-]{1,64}\/[A-Za-z0-9_-]{16,64}\.pdf$/u;
