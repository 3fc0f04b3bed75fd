// What the public campaign page shows: a published campaign by slug, its products at the campaign
// price beside the usual one. Never a draft or a cancelled one.
import type { Db } from "@/lib/db/client";

export async function publicCampaign(db: Db, slug: string) {
  const c = await db.campaign.findFirst({
    where: { slug, status: "PUBLISHED" },
    select: {
      id: true,
      slug: true,
      titleZh: true,
      titleEn: true,
      hostZh: true,
      hostEn: true,
      startsAt: true,
      endsAt: true,
      perBuyerLimit: true,
      products: {
        orderBy: [{ position: "asc" }, { id: "asc" }],
        select: {
          id: true,
          priceFen: true,
          allotment: true,
          product: {
            select: {
              slug: true,
              nameZh: true,
              nameEn: true,
              specZh: true,
              specEn: true,
              priceFen: true,
              status: true,
              images: { select: { url: true }, orderBy: { position: "asc" }, take: 1 },
            },
          },
        },
      },
    },
  });
  if (!c) return null;
  return {
    id: c.id,
    slug: c.slug,
    titleZh: c.titleZh,
    titleEn: c.titleEn,
    hostZh: c.hostZh,
    hostEn: c.hostEn || c.hostZh,
    startsAt: c.startsAt.toISOString(),
    endsAt: c.endsAt.toISOString(),
    perBuyerLimit: c.perBuyerLimit,
    items: c.products.map((p) => ({
      campaignProductId: p.id,
      priceFen: p.priceFen,
      allotment: p.allotment,
      regularPriceFen: p.product.priceFen,
      slug: p.product.slug,
      nameZh: p.product.nameZh,
      nameEn: p.product.nameEn,
      specZh: p.product.specZh,
      specEn: p.product.specEn,
      certified: p.product.status === "CERTIFIED",
      image: p.product.images[0]?.url ?? null,
    })),
  };
}
export type PublicCampaign = NonNullable<Awaited<ReturnType<typeof publicCampaign>>>;
