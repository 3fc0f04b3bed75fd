// The console's refund form, as a clerk fills it in: per line an amount in yuan ("¥12.50", "12.5",
// "１２．５" from a Chinese keyboard; read by lib/catalog/price.ts through parseYuanAmount) or
// nothing for all that is left of the line, and, when "back in stock" is ticked, how many units.
// Lines come as parallel lists (orderLineId[], amount[], restockQty[]), so one form can refund one
// line or every line of the operator. Messages are keys under `errors.`, at the field's path
// ("amount.0", "restockQty.1"). `shipping`: yuan of the seller's shipping fee to give back too
// (empty or absent: none).
import { z } from "zod";
import { parseYuanAmount } from "@/lib/benefits/amounts";
import { MAX_QUANTITY } from "@/lib/orders/checkout";

const MAX_LINES = 50;
const list = z.preprocess(
  (v) => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string().max(64, "invalidInput")).max(MAX_LINES, "invalidInput"),
);
const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true" || v === "1", z.boolean());
const QTY = /^\d{1,4}$/;

export const refundFormInput = z
  .object({
    orderId: z.string().trim().min(1, "required").max(64, "required"),
    orderLineId: list.pipe(z.array(z.string().trim().min(1, "required")).min(1, "required")),
    amount: list,
    restock: checkbox.default(false),
    restockQty: list,
    reason: z.preprocess((v) => (v == null ? "" : v), z.string().trim().max(200, "refundReasonTooLong")),
    shipping: z.preprocess((v) => (v == null ? "" : v), z.string().max(20, "amountInvalid")),
  })
  .superRefine((v, ctx) => {
    if (v.shipping.trim() !== "") {
      const parsed = parseYuanAmount(v.shipping.trim());
      if (!parsed.ok) ctx.addIssue({ code: "custom", path: ["shipping"], message: parsed.error });
    }
    v.orderLineId.forEach((_, i) => {
      const amount = (v.amount[i] ?? "").trim();
      if (amount !== "") {
        const parsed = parseYuanAmount(amount);
        if (!parsed.ok) ctx.addIssue({ code: "custom", path: ["amount", i], message: parsed.error });
      }
      if (v.restock) {
        const qty = (v.restockQty[i] ?? "").normalize("NFKC").trim();
        if (!QTY.test(qty) || Number(qty) > MAX_QUANTITY)
          ctx.addIssue({ code: "custom", path: ["restockQty", i], message: "restockQtyInvalid" });
      }
    });
  })
  .transform(
    (
      v,
    ): {
      orderId: string;
      reason: string;
      shippingFen: number;
      lines: { orderLineId: string; amountFen?: number; restockQty: number }[];
    } => {
      const shipping = v.shipping.trim() === "" ? null : parseYuanAmount(v.shipping.trim());
      return {
        orderId: v.orderId,
        reason: v.reason,
        shippingFen: shipping?.ok ? shipping.fen : 0,
        lines: v.orderLineId.map((orderLineId, i) => {
          const amount = (v.amount[i] ?? "").trim();
          const parsed = amount === "" ? null : parseYuanAmount(amount);
          return {
            orderLineId,
            ...(parsed?.ok ? { amountFen: parsed.fen } : {}),
            restockQty: v.restock ? Number((v.restockQty[i] ?? "0").normalize("NFKC").trim()) : 0,
          };
        }),
      };
    },
  );
