// The console's campaign form (a manager's draft, or an admin's for one operator's products), as a
// browser posts it: texts, the window typed in China's time (datetime-local), the limit per buyer,
// and for each product ticked (`productId`, repeated) its campaign price in yuan (`price.<id>`) and
// its allotment (`allotment.<id>`). Errors are keys under `errors.`; a product's are reported at
// `items.<productId>.price` / `.allotment`, so the form marks the row it belongs to.
import { z } from "zod";
import { parseYuanToFen } from "@/lib/products/price";
import { parseShanghaiDateTime } from "@/lib/time/shanghai";
import { campaignFields } from "./campaigns";

const id = z.string({ error: "notFound" }).min(1, "notFound").max(64, "notFound");
const when = z
  .string({ error: "dateInvalid" })
  .transform((text, ctx) => parseShanghaiDateTime(text) ?? (ctx.addIssue({ code: "custom", message: "dateInvalid" }), z.NEVER));

const asList = (v: unknown) => (Array.isArray(v) ? v : v === undefined || v === "" ? [] : [v]);

/** FormData's flat fields → { ..., items: { <productId>: { price, allotment } } } in the order ticked. */
function gather(raw: unknown) {
  if (!raw || typeof raw !== "object") return raw;
  const r = raw as Record<string, unknown>;
  const ids = asList(r.productId).filter((v): v is string => typeof v === "string" && v !== "");
  return {
    ...r,
    items: Object.fromEntries(
      ids.map((productId) => [productId, { price: r[`price.${productId}`] ?? "", allotment: r[`allotment.${productId}`] ?? "" }]),
    ),
  };
}

const yuan = z.unknown().transform((value, ctx) => {
  const price = parseYuanToFen(value);
  if (price.ok) return price.fen;
  ctx.addIssue({ code: "custom", message: price.error });
  return z.NEVER;
});

const units = z.unknown().transform((value, ctx) => {
  const text = String(value ?? "")
    .normalize("NFKC")
    .trim();
  if (/^\d{1,7}$/.test(text) && Number(text) >= 1) return Number(text);
  ctx.addIssue({ code: "custom", message: text === "" ? "allotmentRequired" : "allotmentTooLow" });
  return z.NEVER;
});

const DAY = 24 * 3600_000;
// The window's checks run whenever both ends parsed, so they show with the other fields' errors.
const bothDates = (payload: { value: unknown }) => {
  const v = payload.value as { startsAt?: unknown; endsAt?: unknown };
  return v?.startsAt instanceof Date && v?.endsAt instanceof Date;
};

export const campaignFormSchema = z.preprocess(
  gather,
  z
    .object({
      operatorId: id,
      campaignId: id.optional().or(z.literal("").transform(() => undefined)),
      ...campaignFields,
      startsAt: when,
      endsAt: when,
      items: z
        .record(id, z.object({ price: yuan, allotment: units }))
        .refine((items) => Object.keys(items).length >= 1, "itemsRequired")
        .refine((items) => Object.keys(items).length <= 20, "tooManyItems"),
    })
    .refine((c) => c.endsAt.getTime() > c.startsAt.getTime(), { path: ["endsAt"], message: "endBeforeStart", when: bothDates })
    .refine((c) => c.endsAt.getTime() - c.startsAt.getTime() <= 7 * DAY, { path: ["endsAt"], message: "windowTooLong", when: bothDates })
    .transform((form) => ({
      ...form,
      items: Object.entries(form.items).map(([productId, item]) => ({ productId, priceFen: item.price, allotment: item.allotment })),
    })),
);
export type CampaignForm = z.output<typeof campaignFormSchema>;
