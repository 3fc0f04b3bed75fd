import "server-only";
// 立即购买: checkout with one product alone, at today's price, without touching the cart.
import { db } from "@/lib/db/db.server";
import { MAX_QUANTITY } from "@/lib/orders/checkout";
import { isOnSale } from "@/lib/orders/sale";

export interface BuyNowItem {
  productId: string;
  nameZh: string;
  nameEn: string;
  specZh: string;
  specEn: string;
  priceFen: number;
  quantity: number;
}

/** The product as one checkout line (quantity kept within 1..stock), or null when it cannot be bought now. */
export async function buyNowItem(productId: string, rawQty: string | undefined): Promise<BuyNowItem | null> {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(productId)) return null;
  const product = await db.product.findUnique({
    where: { id: productId },
    select: { id: true, nameZh: true, nameEn: true, specZh: true, specEn: true, priceFen: true, stock: true, listed: true },
  });
  if (!product || !isOnSale(product) || product.stock <= 0) return null;
  const asked = /^\d{1,3}$/.test(rawQty ?? "") ? Number(rawQty) : 1;
  const quantity = Math.max(1, Math.min(asked, product.stock, MAX_QUANTITY));
  return {
    productId: product.id,
    nameZh: product.nameZh,
    nameEn: product.nameEn,
    specZh: product.specZh,
    specEn: product.specEn,
    priceFen: product.priceFen,
    quantity,
  };
}
