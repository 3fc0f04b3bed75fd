// The after-sales forms, as people fill them in: amounts in yuan ("12.5", "１２．５", "¥12.50"; read by
// lib/benefits/amounts.ts parseYuanAmount), photos as files. Messages are keys under `errors.`, at the
// field's path.
import { z } from "zod";
import { parseYuanAmount } from "@/lib/benefits/amounts";
import { ORDER_NUMBER } from "@/lib/orders/number";
import { MAX_AFTER_SALE_PHOTOS, REASONS } from "./rules";

const id = z.string().trim().min(1, "required").max(64, "invalidInput");
const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true" || v === "1", z.boolean());
const text = (max: number, tooLong: string) => z.preprocess((v) => (v == null ? "" : v), z.string().trim().max(max, tooLong));
const requiredText = (max: number, tooLong: string) => text(max, tooLong).pipe(z.string().min(1, "required"));

/** A yuan amount typed by a person → fen, with the amount messages of the refund form. */
const yuan = z
  .preprocess((v) => (v == null ? "" : v), z.string().max(20, "amountInvalid"))
  .transform((value, ctx) => {
    const parsed = parseYuanAmount(value);
    if (!parsed.ok) {
      ctx.addIssue({ code: "custom", message: parsed.error });
      return z.NEVER;
    }
    return parsed.fen;
  });

const fileLike = z.custom<Blob>((v) => typeof Blob !== "undefined" && v instanceof Blob, "photoMissing");

/** Who is asking about which order: the order's number and, for a guest, the order link's token. */
const orderAccess = { number: z.string().regex(ORDER_NUMBER, "notFound"), token: z.string().max(64).default("") };

export const openAfterSaleInput = z.object({
  ...orderAccess,
  /** "line:<orderLineId>" or "part:<operatorId>" (every line of that seller). */
  target: z.string().regex(/^(line|part):[A-Za-z0-9_-]{1,64}$/, "invalidInput"),
  reason: z.enum(REASONS, { error: "afterSaleReasonRequired" }),
  amount: yuan,
  detail: text(500, "afterSaleDetailTooLong"),
  returnGoods: checkbox.default(false),
  photos: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z
      .array(z.union([fileLike, z.string()]))
      // An empty file input sends one empty, nameless file (or an empty string): nothing chosen.
      .transform((list) => list.filter((f): f is Blob => typeof f !== "string" && !(f.size === 0 && !(f as File).name)))
      .pipe(z.array(fileLike).max(MAX_AFTER_SALE_PHOTOS, "afterSalePhotosTooMany")),
  ),
});
export type OpenAfterSaleForm = z.output<typeof openAfterSaleInput>;

export const requestInput = z.object({ requestId: id });
export const buyerRequestInput = z.object({ ...orderAccess, requestId: id });
export const proposeInput = z.object({ requestId: id, amount: yuan, note: text(200, "afterSaleNoteTooLong") });
export const refuseInput = z.object({ requestId: id, note: requiredText(200, "afterSaleNoteTooLong") });
export const decideInput = z
  .object({
    requestId: id,
    decision: z.enum(["refund", "refuse"], { error: "required" }),
    amount: z.preprocess((v) => (v == null ? "" : v), z.string().max(20, "amountInvalid")),
    note: text(200, "afterSaleNoteTooLong"),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "refund") {
      const parsed = parseYuanAmount(v.amount);
      if (!parsed.ok) ctx.addIssue({ code: "custom", path: ["amount"], message: parsed.error });
    } else if (!v.note) ctx.addIssue({ code: "custom", path: ["note"], message: "required" });
  })
  .transform((v) => ({
    requestId: v.requestId,
    decision: v.decision,
    note: v.note,
    amountFen: v.decision === "refund" ? (parseYuanAmount(v.amount) as { ok: true; fen: number }).fen : 0,
  }));
