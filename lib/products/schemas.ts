// The inputs of the listing actions (lib/coop/listing-actions.ts), as zod schemas. Forms send
// strings; every message is a translation key under `errors.` (messages/*/errors.json), shown by
// components/ui/form.tsx next to its field.
import { z } from "zod";
import { parseYuanToFen } from "./price";
import { CATEGORIES } from "@/lib/catalog/filters";
import { MAX_MOVEMENT, MAX_STOCK } from "@/lib/stock/ledger";
import { isFresh } from "@/lib/after-sales/rules";
import type { Category } from "@/lib/generated/prisma/enums";

export const LIMITS = {
  name: 60,
  description: 2000,
  unit: 10,
  spec: 40,
  note: 200,
  initialStock: 1_000_000,
  foodShort: 60,
  ingredients: 300,
} as const;

const id = z.string({ error: "required" }).trim().min(1, "required").max(100, "notFound");

/** Free text, trimmed; `required` when it must not be empty. */
function text(max: number, tooLong: string, required = true) {
  const base = z.string({ error: required ? "required" : "invalidInput" }).trim();
  return (required ? base.min(1, "required") : base).max(max, tooLong);
}

const optionalText = (max: number, tooLong: string) =>
  z.preprocess((v) => (v === undefined || v === null ? "" : v), text(max, tooLong, false));

/** A whole number typed by a person: full-width digits and thousands separators allowed. */
function wholeNumber(min: number, max: number, error: string, { emptyAs }: { emptyAs?: number } = {}) {
  return z.preprocess(
    (v) => {
      if (typeof v === "number") return v;
      if (typeof v !== "string") return v;
      const s = v.normalize("NFKC").trim().replaceAll(",", "");
      if (s === "" && emptyAs !== undefined) return emptyAs;
      return /^\d{1,10}$/u.test(s) ? Number(s) : NaN;
    },
    z.number({ error }).int(error).min(min, error).max(max, error),
  );
}

const price = z.union([z.string(), z.number()], { error: "priceRequired" }).transform((value, ctx) => {
  const r = parseYuanToFen(value);
  if (!r.ok) {
    ctx.addIssue({ code: "custom", message: r.error });
    return z.NEVER;
  }
  return r.fen;
});

const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true" || v === "1", z.boolean());

export const productFields = {
  nameZh: text(LIMITS.name, "productNameTooLong"),
  nameEn: text(LIMITS.name, "productNameTooLong"),
  descriptionZh: optionalText(LIMITS.description, "productDescriptionTooLong"),
  descriptionEn: optionalText(LIMITS.description, "productDescriptionTooLong"),
  category: z.enum(CATEGORIES, { error: "categoryRequired" }),
  unitZh: text(LIMITS.unit, "unitTooLong"),
  unitEn: text(LIMITS.unit, "unitTooLong"),
  specZh: text(LIMITS.spec, "specTooLong"),
  specEn: text(LIMITS.spec, "specTooLong"),
  price,
  // 每单限购 (rule 8): the most units of it one order may take.
  // Left out (a form without the field): the default.
  maxPerOrder: z.preprocess((v) => (v === undefined ? "" : v), wholeNumber(1, 999, "maxPerOrderInvalid", { emptyAs: 20 })),
  villageId: z
    .string({ error: "villageRequired" })
    .trim()
    .regex(/^\d{12}$/u, "villageRequired"),
  giMarkId: z.preprocess((v) => (v === "" || v === undefined ? null : v), z.string().max(100, "giMarkNotAllowed").nullable()),
  // Food information (shown on the product page when present).
  shelfLifeZh: optionalText(LIMITS.foodShort, "foodInfoTooLong"),
  shelfLifeEn: optionalText(LIMITS.foodShort, "foodInfoTooLong"),
  storageZh: optionalText(LIMITS.foodShort, "foodInfoTooLong"),
  storageEn: optionalText(LIMITS.foodShort, "foodInfoTooLong"),
  ingredientsZh: optionalText(LIMITS.ingredients, "foodInfoTooLong"),
  ingredientsEn: optionalText(LIMITS.ingredients, "foodInfoTooLong"),
  netContentZh: optionalText(LIMITS.foodShort, "foodInfoTooLong"),
  netContentEn: optionalText(LIMITS.foodShort, "foodInfoTooLong"),
  /** SC 食品生产许可证号: SC followed by 14 digits (packaged food), or empty. */
  scLicence: z.preprocess(
    (v) => (typeof v === "string" ? v.normalize("NFKC").trim().toUpperCase().replace(/\s+/g, "") : v === undefined || v === null ? "" : v),
    z.string().regex(/^(SC\d{14})?$/u, "scLicenceInvalid"),
  ),
  coldChain: checkbox,
  /**
   * 七天无理由退货 (docs/DESIGN.md#rule-11): "default" (null: by the category, packaged goods yes),
   * "yes" or "no". Fresh produce never offers it; noReasonRule refuses "yes" for it.
   */
  noReasonReturn: z
    .preprocess(
      (v) => (v === undefined || v === null || v === "" ? "default" : v),
      z.enum(["default", "yes", "no"], { error: "invalidInput" }),
    )
    .transform((v) => (v === "default" ? null : v === "yes")),
};

/** Rule 11: 生鲜不支持七天无理由. A fresh product may say "no" or leave the default, never "yes". */
function noReasonRule(v: { category: Category; noReasonReturn: boolean | null }, ctx: z.RefinementCtx) {
  if (v.noReasonReturn === true && isFresh(v.category))
    ctx.addIssue({ code: "custom", path: ["noReasonReturn"], message: "noReasonNotForFresh" });
}

export const createProductInput = z
  .object({
    operator: z.string({ error: "notFound" }).min(1, "notFound").max(200, "notFound"),
    ...productFields,
    stock: wholeNumber(0, LIMITS.initialStock, "initialStockInvalid", { emptyAs: 0 }),
    listed: checkbox,
  })
  .superRefine(noReasonRule);

export const updateProductInput = z.object({ productId: id, ...productFields }).superRefine(noReasonRule);

export const productIdInput = z.object({ productId: id });

export const setListedInput = z.object({
  productId: id,
  listed: z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean({ error: "invalidInput" })),
});

const fileLike = z.custom<Blob>((v) => typeof Blob !== "undefined" && v instanceof Blob, "photoMissing");

export const uploadPhotosInput = z.object({
  productId: id,
  files: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z
      .array(z.union([fileLike, z.string()]))
      // An empty file input sends one empty, nameless file (or an empty string): nothing chosen.
      .transform((list) => list.filter((f): f is Blob => typeof f !== "string" && !(f.size === 0 && !(f as File).name)))
      .pipe(z.array(fileLike).min(1, "photoMissing").max(8, "photoTooManyAtOnce")),
  ),
});

export const photoInput = z.object({ imageId: id });

export const movePhotoInput = z.object({ imageId: id, direction: z.enum(["up", "down"], { error: "invalidInput" }) });

const note = optionalText(LIMITS.note, "noteTooLong");

export const adjustStockInput = z.discriminatedUnion(
  "reason",
  [
    z.object({ productId: id, reason: z.literal("RECEIVED"), quantity: wholeNumber(1, MAX_MOVEMENT, "quantityInvalid"), note }),
    z.object({
      productId: id,
      reason: z.literal("DAMAGED"),
      quantity: wholeNumber(1, MAX_MOVEMENT, "quantityInvalid"),
      note: note.pipe(z.string().min(1, "noteRequired")),
    }),
    z.object({
      productId: id,
      reason: z.literal("CORRECTION"),
      counted: wholeNumber(0, MAX_STOCK, "countedInvalid"),
      note: note.pipe(z.string().min(1, "noteRequired")),
    }),
  ],
  { error: "reasonRequired" },
);
export type AdjustStockInput = z.output<typeof adjustStockInput>;
