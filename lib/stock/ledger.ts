// The stock ledger: every change of a product's stock figure is one guarded UPDATE plus one
// StockMovement row saying why, in the caller's transaction. Invariant (see ./opening.ts): a
// product's stock = SUM(delta) of its movements, and it never goes below zero (docs/DESIGN.md#rule-3),
// whatever runs at the same time: the UPDATE's WHERE is re-checked on the locked row.
import { ActionError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { StockReason } from "@/lib/generated/prisma/enums";

type Tx = Prisma.TransactionClient;

/** The largest figure a product's stock may reach (well inside a 32-bit column). */
export const MAX_STOCK = 100_000_000;
/** The largest single movement a clerk may record. */
export const MAX_MOVEMENT = 1_000_000;

/** Reasons a clerk chooses in the console; the others are written by orders and loaders. */
export const CLERK_REASONS = ["RECEIVED", "DAMAGED", "CORRECTION"] as const satisfies readonly StockReason[];
export type ClerkReason = (typeof CLERK_REASONS)[number];

export interface Adjustment {
  productId: string;
  delta: number;
  reason: StockReason;
  note?: string;
  userId?: string | null;
}

export interface Movement {
  id: string;
  delta: number;
  stockAfter: number;
}

/**
 * Changes the stock by `delta` and records why. Refuses (ActionError "stockWouldGoNegative",
 * with the current figure) when the stock would go below zero, and "stockTooHigh" above MAX_STOCK.
 * Must run inside a transaction (db.$transaction) so the figure and its movement commit together.
 */
export async function adjustStock(tx: Tx, a: Adjustment): Promise<Movement> {
  if (!Number.isSafeInteger(a.delta) || a.delta === 0) throw new ActionError("stockUnchanged");
  const rows = await tx.$queryRaw<{ stock: number }[]>`
    UPDATE "Product" SET "stock" = "stock" + ${a.delta}::int, "updatedAt" = now()
    WHERE "id" = ${a.productId} AND "stock" + ${a.delta}::int >= 0 AND "stock" + ${a.delta}::int <= ${MAX_STOCK}::int
    RETURNING "stock"`;
  const after = rows[0]?.stock;
  if (after === undefined) {
    const current = await tx.product.findUnique({ where: { id: a.productId }, select: { stock: true } });
    if (!current) throw new ActionError("notFound");
    if (current.stock + a.delta < 0) throw new ActionError("stockWouldGoNegative", { stock: current.stock, quantity: -a.delta });
    throw new ActionError("stockTooHigh", { max: MAX_STOCK });
  }
  const movement = await tx.stockMovement.create({
    data: {
      productId: a.productId,
      delta: a.delta,
      stockAfter: after,
      reason: a.reason,
      note: (a.note ?? "").slice(0, 500),
      userId: a.userId ?? null,
    },
    select: { id: true, delta: true, stockAfter: true },
  });
  return movement;
}

/**
 * A count: sets the stock to the figure the clerk counted, recording the difference as a
 * CORRECTION. The row is locked first, so the difference is taken from the figure it replaces.
 */
export async function setCountedStock(
  tx: Tx,
  a: { productId: string; counted: number; note: string; userId?: string | null },
): Promise<Movement & { before: number }> {
  const locked = await tx.$queryRaw<{ stock: number }[]>`SELECT "stock" FROM "Product" WHERE "id" = ${a.productId} FOR UPDATE`;
  const before = locked[0]?.stock;
  if (before === undefined) throw new ActionError("notFound");
  const movement = await adjustStock(tx, {
    productId: a.productId,
    delta: a.counted - before,
    reason: "CORRECTION",
    note: a.note,
    userId: a.userId,
  });
  return { ...movement, before };
}

/** The signed change a clerk's entry means: goods in add, damage takes away. */
export function deltaFor(reason: "RECEIVED" | "DAMAGED", quantity: number): number {
  return reason === "RECEIVED" ? quantity : -quantity;
}

/**
 * Checkout's hold on stock, in one statement so the hot row is locked for as short a time as
 * possible (the lock lasts until the caller's commit): takes `quantity` off a listed product
 * still at `priceFen`, and records the SALE movement in the same statement. Returns the stock
 * left, or null when the product is short, re-priced or unlisted (nothing changed then).
 */
export async function holdStockForSale(
  tx: Tx,
  a: { productId: string; quantity: number; priceFen: number; note: string; userId: string | null },
): Promise<number | null> {
  const rows = await tx.$queryRaw<{ stockAfter: number }[]>`
    WITH held AS (
      UPDATE "Product" SET "stock" = "stock" - ${a.quantity}::int, "updatedAt" = now()
      WHERE "id" = ${a.productId} AND "listed" AND "priceFen" = ${a.priceFen}::int AND "stock" >= ${a.quantity}::int
      RETURNING "id", "stock")
    INSERT INTO "StockMovement" ("id", "productId", "delta", "stockAfter", "reason", "note", "userId", "createdAt")
    SELECT gen_random_uuid()::text, "id", ${-a.quantity}::int, "stock", 'SALE'::"StockReason", ${a.note.slice(0, 500)}, ${a.userId}::text, now()
    FROM held
    RETURNING "stockAfter"`;
  return rows[0]?.stockAfter ?? null;
}
