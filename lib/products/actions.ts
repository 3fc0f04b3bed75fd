"use server";
// The cooperative console's listing actions: products, their photos and their stock. Every one
// goes through defineAction (who may call, zod input), loads its target within the caller's
// scope (canManageOperator) and answers notFound() otherwise, changes the data in one transaction
// with an AuditLog row, and then calls catalogChanged() so the storefront shows the change at once.
import { randomBytes } from "node:crypto";
import { authorisationCurrent } from "@/lib/admin/gi-authorisation";
import type { z } from "zod";
import { ActionError, notFound } from "@/lib/errors";
import { defineAction } from "@/lib/actions/define.server";
import { lockOperatorLinks } from "@/lib/benefits/lock";
import { priceRefusedByLinks } from "@/lib/benefits/links";
import { canManageOperator, type Actor } from "@/lib/auth/actor";
import {
  duplicateNames,
  duplicateState,
  IDENTITY_FIELDS,
  INITIAL_STATUS,
  makeSlug,
  MAX_PHOTOS,
  statusAfterEdit,
  submitForCertification,
} from "./listing";
import { checkPhoto, productPhotoKey } from "./photos";
import { catalogChanged } from "@/lib/catalog/revalidate.server";
import { reindexProducts } from "@/lib/search/index-product";
import {
  adjustStockInput,
  createProductInput,
  movePhotoInput,
  photoInput,
  productIdInput,
  setListedInput,
  updateProductInput,
  uploadPhotosInput,
} from "./schemas";
import { db } from "@/lib/db/db.server";
import { formatFen } from "@/lib/money";
import { Prisma } from "@/lib/generated/prisma/client";
import { adjustStock, deltaFor, setCountedStock } from "@/lib/stock/ledger";
import { fileUrl, getFileStore, keyOfUrl } from "@/lib/storage";
import { managedOperator } from "@/lib/operators/scope.server";
import { writeAudit, type AuditAction } from "@/lib/audit/audit";

const MANAGERS = ["MANAGER", "ADMIN"] as const;
type Tx = Prisma.TransactionClient;

// ---- scope -----------------------------------------------------------------------------------

/** The product, locked for this transaction, if the actor manages its operator; else notFound(). */
async function lockProduct(tx: Tx, actor: Actor, productId: string) {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Product" WHERE "id" = ${productId} FOR UPDATE`;
  if (locked.length === 0) throw notFound();
  const product = await tx.product.findUniqueOrThrow({
    where: { id: productId },
    include: { operator: { select: { id: true, slug: true, countyId: true } } },
  });
  if (!canManageOperator(actor, product.operatorId)) throw notFound();
  return product;
}

/** Out of a transaction: only the scope check (before any file is written). */
async function productInScope(actor: Actor, productId: string) {
  const product = await db.product.findUnique({
    where: { id: productId },
    select: { id: true, operatorId: true, nameZh: true, nameEn: true },
  });
  if (!product || !canManageOperator(actor, product.operatorId)) throw notFound();
  return product;
}

/** The origin village must be a village of the operator's county. */
/**
 * Refuses a price below what the product's links promise per unit (its own links, or else the
 * operator's links for all its products), under the operator's link lock (docs/DESIGN.md#rule-5: the links of
 * one product may not promise more than the line earns).
 */
async function ensurePriceKeepsLinks(tx: Tx, operatorId: string, productId: string | null, priceFen: number) {
  await lockOperatorLinks(tx, operatorId);
  const terms = { rule: true, bps: true, fenPerUnit: true, validFrom: true, validTo: true } as const;
  const own = productId ? await tx.benefitLink.findMany({ where: { productId }, select: terms }) : [];
  const operatorWide = await tx.benefitLink.findMany({ where: { operatorId, productId: null }, select: terms });
  for (const links of [own, operatorWide]) {
    const refused = priceRefusedByLinks(priceFen, links);
    if (refused) throw new ActionError("priceBelowLinks", { promised: formatFen(refused.promisedFen) });
  }
}

async function villageOf(tx: Tx, countyId: string, villageId: string) {
  const village = await tx.region.findUnique({ where: { id: villageId }, select: { id: true, level: true, parentId: true } });
  if (
    !village ||
    village.level !== "VILLAGE" ||
    !village.parentId ||
    !village.id.startsWith(countyId) ||
    !village.parentId.startsWith(countyId)
  ) {
    throw new ActionError("villageNotInCounty");
  }
  return { villageId: village.id, townshipId: village.parentId, countyId };
}

/** A GI mark only if the operator is an authorised user of it (OperatorGiMark), and the authorisation has not run out. */
async function giMarkOf(tx: Tx, operatorId: string, giMarkId: string | null) {
  if (!giMarkId) return null;
  const allowed = await tx.operatorGiMark.findUnique({ where: { operatorId_giMarkId: { operatorId, giMarkId } } });
  if (!allowed || !authorisationCurrent(allowed.validUntil)) throw new ActionError("giMarkNotAllowed");
  return giMarkId;
}

/** A suspended operator's products stay off the storefront until an admin reinstates it (lib/admin/operators.ts). */
async function refuseListingWhenSuspended(tx: Tx, operatorId: string, listed: boolean) {
  if (!listed) return;
  const op = await tx.operator.findUnique({ where: { id: operatorId }, select: { suspendedAt: true } });
  if (op?.suspendedAt) throw new ActionError("operatorSuspended");
}

function audit(tx: Tx, actor: Actor, action: AuditAction, entityId: string, detail: Prisma.InputJsonValue) {
  return writeAudit(tx, { userId: actor.userId, action, entity: "Product", entityId, detail });
}

/** A new product id, like Prisma's cuid(): needed before the row exists when files are copied first. */
function newProductId(): string {
  const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
  return "c" + [...randomBytes(24)].map((b) => alphabet[b % 36]).join("");
}

const isUniqueViolation = (error: unknown) => error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

/** Retries `fn` with a fresh slug when the random suffix clashes with an existing product. */
async function withFreshSlug<T>(nameEn: string, fn: (slug: string) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(makeSlug(nameEn));
    } catch (error) {
      if (attempt < 4 && isUniqueViolation(error)) continue;
      throw error;
    }
  }
}

// ---- products ----------------------------------------------------------------------------------

export const createProduct = defineAction({
  name: "product.create",
  input: createProductInput,
  allow: MANAGERS,
  scope: (actor, input) => managedOperator(actor, { slug: input.operator }),
  async run({ actor, scope: operator }, input) {
    const product = await withFreshSlug(input.nameEn, (slug) =>
      db.$transaction(async (tx) => {
        const place = await villageOf(tx, operator.countyId, input.villageId);
        const giMarkId = await giMarkOf(tx, operator.id, input.giMarkId);
        await refuseListingWhenSuspended(tx, operator.id, input.listed);
        await ensurePriceKeepsLinks(tx, operator.id, null, input.price);
        const created = await tx.product.create({
          data: {
            slug,
            operatorId: operator.id,
            ...editedColumns(input),
            stock: 0,
            status: INITIAL_STATUS,
            listed: input.listed,
            ...place,
            giMarkId,
            isDemo: false,
          },
          select: { id: true, slug: true },
        });
        await reindexProducts(tx, [created.id]);
        // The opening figure is a movement like any other, so stock = SUM(delta) from the start.
        if (input.stock > 0) await adjustStock(tx, { productId: created.id, delta: input.stock, reason: "INITIAL", userId: actor.userId });
        await audit(tx, actor, "product.create", created.id, {
          operator: operator.slug,
          slug,
          nameZh: input.nameZh,
          priceFen: input.price,
          stock: input.stock,
          listed: input.listed,
          villageId: place.villageId,
          giMarkId,
        });
        return created;
      }),
    );
    catalogChanged();
    return { id: product.id, slug: product.slug, operator: operator.slug };
  },
});

const FOOD_FIELDS = [
  "shelfLifeZh",
  "shelfLifeEn",
  "storageZh",
  "storageEn",
  "ingredientsZh",
  "ingredientsEn",
  "netContentZh",
  "netContentEn",
  "scLicence",
  "coldChain",
] as const;
type EditedInput = Pick<
  z.output<typeof updateProductInput>,
  | "nameZh"
  | "nameEn"
  | "descriptionZh"
  | "descriptionEn"
  | "category"
  | "unitZh"
  | "unitEn"
  | "specZh"
  | "specEn"
  | "price"
  | "maxPerOrder"
  | "noReasonReturn"
  | (typeof FOOD_FIELDS)[number]
>;

/** The product's columns a clerk edits, from the product form: creating and updating write the same ones. */
function editedColumns(input: EditedInput) {
  const food = Object.fromEntries(FOOD_FIELDS.map((f) => [f, input[f]])) as Pick<EditedInput, (typeof FOOD_FIELDS)[number]>;
  return {
    nameZh: input.nameZh,
    nameEn: input.nameEn,
    descriptionZh: input.descriptionZh,
    descriptionEn: input.descriptionEn,
    category: input.category,
    unitZh: input.unitZh,
    unitEn: input.unitEn,
    specZh: input.specZh,
    specEn: input.specEn,
    priceFen: input.price,
    maxPerOrder: input.maxPerOrder,
    noReasonReturn: input.noReasonReturn,
    ...food,
  };
}

const EDITABLE = [
  "nameZh",
  "nameEn",
  "descriptionZh",
  "descriptionEn",
  "category",
  "unitZh",
  "unitEn",
  "specZh",
  "specEn",
  "priceFen",
  "maxPerOrder",
  "noReasonReturn",
  "villageId",
  "giMarkId",
  ...FOOD_FIELDS,
] as const;

export const updateProduct = defineAction({
  name: "product.update",
  input: updateProductInput,
  allow: MANAGERS,
  async run({ actor }, input) {
    const result = await db.$transaction(async (tx) => {
      const before = await lockProduct(tx, actor, input.productId);
      const place = await villageOf(tx, before.operator.countyId, input.villageId);
      const giMarkId = await giMarkOf(tx, before.operatorId, input.giMarkId);
      if (input.price < before.priceFen) await ensurePriceKeepsLinks(tx, before.operatorId, before.id, input.price);
      const next = {
        ...editedColumns(input),
        villageId: place.villageId,
        giMarkId,
      };
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const field of EDITABLE) if (before[field] !== next[field]) changes[field] = { from: before[field], to: next[field] };
      if (Object.keys(changes).length === 0) return { changed: [] as string[], status: before.status };
      const status = statusAfterEdit(before.status, {
        priceChanged: "priceFen" in changes,
        villageChanged: "villageId" in changes,
        identityChanged: IDENTITY_FIELDS.some((field) => field in changes),
      });
      const recertify = status !== before.status;
      await tx.product.update({
        where: { id: before.id },
        data: { ...next, townshipId: place.townshipId, countyId: place.countyId, status, ...(recertify ? { certifiedUntil: null } : {}) },
      });
      await reindexProducts(tx, [before.id]);
      await audit(tx, actor, "product.update", before.id, {
        changes: changes as Prisma.InputJsonValue,
        ...(recertify ? { status: { from: before.status, to: status } } : {}),
      });
      return { changed: Object.keys(changes), status };
    });
    if (result.changed.length) catalogChanged();
    return result;
  },
});

export const duplicateProduct = defineAction({
  name: "product.duplicate",
  input: productIdInput,
  allow: MANAGERS,
  async run({ actor }, input) {
    const source = await db.product.findUnique({ where: { id: input.productId }, include: { images: { orderBy: { position: "asc" } } } });
    if (!source || !canManageOperator(actor, source.operatorId)) throw notFound();
    const id = newProductId();
    const store = getFileStore();
    // Uploaded photos are copied to keys of the new product (so removing one from either product
    // never removes it from the other); static pictures (seed drawings) are shared by URL.
    const written: string[] = [];
    const images: { url: string; altZh: string; altEn: string; position: number }[] = [];
    try {
      for (const [position, image] of source.images.entries()) {
        const key = keyOfUrl(image.url);
        const file = key ? await store.get(key) : null;
        let url = image.url;
        if (key && file) {
          const ext = key.slice(key.lastIndexOf(".") + 1) as "jpg" | "png" | "webp";
          const copy = productPhotoKey(id, ext);
          await store.put(copy, file.bytes, file.contentType);
          written.push(copy);
          url = fileUrl(copy);
        } else if (key) continue; // a file that is gone: nothing to copy
        images.push({ url, altZh: image.altZh, altEn: image.altEn, position });
      }
      const names = duplicateNames(source);
      const created = await withFreshSlug(source.nameEn, (slug) =>
        db.$transaction(async (tx) => {
          const product = await tx.product.create({
            data: {
              id,
              slug,
              operatorId: source.operatorId,
              ...names,
              descriptionZh: source.descriptionZh,
              descriptionEn: source.descriptionEn,
              category: source.category,
              unitZh: source.unitZh,
              unitEn: source.unitEn,
              specZh: source.specZh,
              specEn: source.specEn,
              priceFen: source.priceFen,
              villageId: source.villageId,
              townshipId: source.townshipId,
              countyId: source.countyId,
              // The copy keeps the GI mark only while the operator may still use it.
              giMarkId:
                source.giMarkId &&
                (await tx.operatorGiMark.findUnique({
                  where: { operatorId_giMarkId: { operatorId: source.operatorId, giMarkId: source.giMarkId } },
                }))
                  ? source.giMarkId
                  : null,
              ...duplicateState(),
              isDemo: false,
              images: { create: images.map((img, i) => ({ ...img, position: i })) },
            },
            select: { id: true, slug: true },
          });
          await reindexProducts(tx, [product.id]);
          await audit(tx, actor, "product.duplicate", product.id, { from: source.id, fromSlug: source.slug, slug, images: images.length });
          return product;
        }),
      );
      catalogChanged();
      return created;
    } catch (error) {
      await Promise.all(written.map((key) => store.delete(key).catch(() => undefined)));
      throw error;
    }
  },
});

export const setProductListed = defineAction({
  name: "product.setListed",
  input: setListedInput,
  allow: MANAGERS,
  async run({ actor }, input) {
    const changed = await db.$transaction(async (tx) => {
      const product = await lockProduct(tx, actor, input.productId);
      if (product.listed === input.listed) return false;
      await refuseListingWhenSuspended(tx, product.operatorId, input.listed);
      await tx.product.update({ where: { id: product.id }, data: { listed: input.listed } });
      await audit(tx, actor, input.listed ? "product.list" : "product.delist", product.id, { listed: input.listed });
      return true;
    });
    if (changed) catalogChanged();
    return { listed: input.listed };
  },
});

export const submitProduct = defineAction({
  name: "product.submit",
  input: productIdInput,
  allow: MANAGERS,
  async run({ actor }, input) {
    const result = await db.$transaction(async (tx) => {
      const product = await lockProduct(tx, actor, input.productId);
      const next = submitForCertification(product.status);
      if (!next.ok) throw new ActionError(next.error);
      await tx.product.update({ where: { id: product.id }, data: { status: next.status, reviewNote: null } });
      await audit(tx, actor, "product.submit", product.id, { from: product.status, to: next.status });
      return { status: next.status };
    });
    catalogChanged();
    return result;
  },
});

// ---- photos --------------------------------------------------------------------------------------

export const uploadProductPhotos = defineAction({
  name: "product.photo.upload",
  input: uploadPhotosInput,
  allow: MANAGERS,
  async run({ actor }, input) {
    const product = await productInScope(actor, input.productId);
    // Every file is checked before any is stored: one bad file and none is kept.
    const checked: { bytes: Buffer; ext: "jpg" | "png" | "webp"; contentType: string }[] = [];
    for (const file of input.files) {
      const name = ((file as File).name || "").slice(0, 60);
      const bytes = Buffer.from(await file.arrayBuffer());
      const check = checkPhoto(bytes);
      if (!check.ok) throw new ActionError(check.error, { name, maxMb: 5 });
      checked.push({ bytes, ext: check.type.ext, contentType: check.type.contentType });
    }
    const existing = await db.productImage.count({ where: { productId: product.id } });
    if (existing + checked.length > MAX_PHOTOS)
      throw new ActionError("photoTooMany", { max: MAX_PHOTOS, room: Math.max(0, MAX_PHOTOS - existing) });

    const store = getFileStore();
    const keys: string[] = [];
    try {
      for (const photo of checked) {
        const key = productPhotoKey(product.id, photo.ext);
        await store.put(key, photo.bytes, photo.contentType);
        keys.push(key);
      }
      const images = await db.$transaction(async (tx) => {
        const locked = await lockProduct(tx, actor, product.id);
        const count = await tx.productImage.count({ where: { productId: locked.id } });
        if (count + keys.length > MAX_PHOTOS)
          throw new ActionError("photoTooMany", { max: MAX_PHOTOS, room: Math.max(0, MAX_PHOTOS - count) });
        const last = await tx.productImage.aggregate({ where: { productId: locked.id }, _max: { position: true } });
        const start = (last._max.position ?? -1) + 1;
        const rows = [];
        for (const [i, key] of keys.entries()) {
          rows.push(
            await tx.productImage.create({
              // No alt text of its own: pages describe the photo by the product's current name.
              data: { productId: locked.id, url: fileUrl(key), altZh: "", altEn: "", position: start + i },
              select: { id: true, url: true, position: true },
            }),
          );
        }
        await audit(tx, actor, "product.photo.upload", locked.id, {
          urls: rows.map((r) => r.url),
          bytes: checked.map((c) => c.bytes.length),
        });
        return rows;
      });
      catalogChanged();
      return { images };
    } catch (error) {
      await Promise.all(keys.map((key) => store.delete(key).catch(() => undefined)));
      throw error;
    }
  },
});

/** The image and its product, locked, if the actor manages the product's operator. */
async function lockImage(tx: Tx, actor: Actor, imageId: string) {
  const image = await tx.productImage.findUnique({
    where: { id: imageId },
    select: { id: true, productId: true, url: true, position: true },
  });
  if (!image) throw notFound();
  const product = await lockProduct(tx, actor, image.productId);
  return { image, product };
}

async function renumber(tx: Tx, productId: string, orderedIds: string[]) {
  for (const [position, id] of orderedIds.entries()) await tx.productImage.update({ where: { id }, data: { position } });
  return productId;
}

export const removeProductPhoto = defineAction({
  name: "product.photo.remove",
  input: photoInput,
  allow: MANAGERS,
  async run({ actor }, input) {
    const removed = await db.$transaction(async (tx) => {
      const { image, product } = await lockImage(tx, actor, input.imageId);
      await tx.productImage.delete({ where: { id: image.id } });
      const rest = await tx.productImage.findMany({
        where: { productId: product.id },
        orderBy: [{ position: "asc" }, { id: "asc" }],
        select: { id: true },
      });
      await renumber(
        tx,
        product.id,
        rest.map((r) => r.id),
      );
      await audit(tx, actor, "product.photo.remove", product.id, { url: image.url });
      const stillUsed = await tx.productImage.count({ where: { url: image.url } });
      return { url: image.url, stillUsed: stillUsed > 0 };
    });
    // The file goes after the row is gone for good; a failure here leaves an unused file, never a broken picture.
    const key = keyOfUrl(removed.url);
    if (key && !removed.stillUsed)
      await getFileStore()
        .delete(key)
        .catch(() => undefined);
    catalogChanged();
    return { removed: input.imageId };
  },
});

export const moveProductPhoto = defineAction({
  name: "product.photo.move",
  input: movePhotoInput,
  allow: MANAGERS,
  async run({ actor }, input) {
    const moved = await db.$transaction(async (tx) => {
      const { image, product } = await lockImage(tx, actor, input.imageId);
      const all = await tx.productImage.findMany({
        where: { productId: product.id },
        orderBy: [{ position: "asc" }, { id: "asc" }],
        select: { id: true },
      });
      const ids = all.map((r) => r.id);
      const from = ids.indexOf(image.id);
      const to = input.direction === "up" ? from - 1 : from + 1;
      if (to < 0 || to >= ids.length) return false;
      [ids[from], ids[to]] = [ids[to]!, ids[from]!];
      await renumber(tx, product.id, ids);
      await audit(tx, actor, "product.photo.move", product.id, { url: image.url, from, to });
      return true;
    });
    if (moved) catalogChanged();
    return { moved };
  },
});

// ---- stock ---------------------------------------------------------------------------------------

export const adjustProductStock = defineAction({
  name: "stock.adjust",
  input: adjustStockInput,
  allow: MANAGERS,
  async run({ actor }, input) {
    const movement = await db.$transaction(async (tx) => {
      const product = await lockProduct(tx, actor, input.productId);
      const m =
        input.reason === "CORRECTION"
          ? await setCountedStock(tx, { productId: product.id, counted: input.counted, note: input.note, userId: actor.userId })
          : await adjustStock(tx, {
              productId: product.id,
              delta: deltaFor(input.reason, input.quantity),
              reason: input.reason,
              note: input.note,
              userId: actor.userId,
            });
      await writeAudit(tx, {
        userId: actor.userId,
        action: "stock.adjust",
        entity: "Product",
        entityId: product.id,
        detail: { reason: input.reason, delta: m.delta, stockAfter: m.stockAfter, note: input.note, movementId: m.id },
      });
      return m;
    });
    catalogChanged();
    return { delta: movement.delta, stock: movement.stockAfter };
  },
});
