import "server-only";
// What the console's product pages read, always within one operator (the caller has already
// passed requireConsoleOperator): a product of another operator is simply not found.
import { db } from "@/lib/db/db.server";
import type { ProductStatus } from "@/lib/generated/prisma/enums";
import { STATUSES } from "./listing";

export function isStatus(value: unknown): value is ProductStatus {
  return typeof value === "string" && (STATUSES as readonly string[]).includes(value);
}

export async function listConsoleProducts(operatorId: string, status?: ProductStatus) {
  const [products, counts] = await Promise.all([
    db.product.findMany({
      where: { operatorId, ...(status ? { status } : {}) },
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      take: 500,
      select: {
        id: true,
        slug: true,
        nameZh: true,
        nameEn: true,
        priceFen: true,
        unitZh: true,
        unitEn: true,
        specZh: true,
        specEn: true,
        stock: true,
        status: true,
        listed: true,
        reviewNote: true,
        certifiedUntil: true,
        images: { select: { url: true }, orderBy: { position: "asc" }, take: 1 },
      },
    }),
    db.product.groupBy({ by: ["status"], where: { operatorId }, _count: true }),
  ]);
  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<ProductStatus, number>;
  for (const c of counts) byStatus[c.status] = c._count;
  return { products, byStatus, total: Object.values(byStatus).reduce((a, b) => a + b, 0) };
}
export type ConsoleProductRow = Awaited<ReturnType<typeof listConsoleProducts>>["products"][number];

const ID = /^[A-Za-z0-9_-]{1,100}$/u;

/** The product with its photos and latest stock movements, or null if it is not this operator's. */
export async function getConsoleProduct(operatorId: string, productId: string, historyLimit = 50) {
  if (!ID.test(productId)) return null;
  const product = await db.product.findFirst({
    where: { id: productId, operatorId },
    include: {
      images: { orderBy: [{ position: "asc" }, { id: "asc" }], select: { id: true, url: true, altZh: true, altEn: true, position: true } },
      giMark: { select: { id: true, nameZh: true, nameEn: true } },
      village: { select: { id: true, nameZh: true, nameEn: true, parent: { select: { nameZh: true, nameEn: true } } } },
    },
  });
  if (!product) return null;
  const [movements, movementCount] = await Promise.all([
    db.stockMovement.findMany({
      where: { productId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: historyLimit,
      select: { id: true, delta: true, stockAfter: true, reason: true, note: true, createdAt: true, user: { select: { name: true } } },
    }),
    db.stockMovement.count({ where: { productId } }),
  ]);
  return { product, movements, movementCount };
}
export type ConsoleProduct = NonNullable<Awaited<ReturnType<typeof getConsoleProduct>>>;

/** The GI marks the operator is authorised to use. */
export async function giMarksOfOperator(operatorId: string) {
  const rows = await db.operatorGiMark.findMany({
    where: { operatorId },
    select: { giMark: { select: { id: true, nameZh: true, nameEn: true } } },
    orderBy: { giMark: { nameZh: "asc" } },
  });
  return rows.map((r) => r.giMark);
}
