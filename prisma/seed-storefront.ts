// Demo data for the storefront's shipping and food information: two sellers' shipping rules, food
// information on packaged products, cold chain on fresh meat. Run after the demo orders (so their
// totals stay as they were) and idempotent: it sets the same values every time.
import type { Db } from "@/lib/db/client";

const FOOD: Record<
  string,
  { shelfLife: [string, string]; storage: [string, string]; ingredients: [string, string]; net: [string, string]; sc: string }
> = {
  "gangu-chili-dried-500g": {
    shelfLife: ["12个月", "12 months"],
    storage: ["阴凉干燥处，避光保存", "Keep in a cool, dry place away from light"],
    ingredients: ["甘谷线椒", "Gangu thread chili"],
    net: ["500克", "500 g"],
    sc: "SC11162052300014",
  },
  "gangu-chili-oil-2x260g": {
    shelfLife: ["9个月", "9 months"],
    storage: ["开盖后冷藏，30天内食用", "Refrigerate after opening; use within 30 days"],
    ingredients: ["菜籽油、甘谷辣椒、芝麻、花椒、食用盐", "Rapeseed oil, Gangu chili, sesame, Sichuan pepper, salt"],
    net: ["260克×2", "2 × 260 g"],
    sc: "SC10362052300027",
  },
  "sunan-yak-jerky-500g": {
    shelfLife: ["8个月", "8 months"],
    storage: ["常温避光保存，开袋后尽快食用", "Store at room temperature away from light; eat soon after opening"],
    ingredients: ["牦牛肉、食用盐、白砂糖、香辛料", "Yak meat, salt, sugar, spices"],
    net: ["500克", "500 g"],
    sc: "SC10462072100031",
  },
  "gangu-apple-crisps-10x30g": {
    shelfLife: ["12个月", "12 months"],
    storage: ["阴凉干燥处保存", "Keep in a cool, dry place"],
    ingredients: ["花牛苹果", "Huaniu apple"],
    net: ["30克×10", "10 × 30 g"],
    sc: "SC11662052300045",
  },
};

const COLD_CHAIN = ["sunan-yak-beef-1kg", "sunan-yak-ribs-2kg", "sunan-fine-wool-lamb-leg-2kg", "sunan-fine-wool-lamb-chops-1500g"];

export async function seedStorefront(db: Db) {
  for (const [slug, f] of Object.entries(FOOD)) {
    await db.product.updateMany({
      where: { slug },
      data: {
        shelfLifeZh: f.shelfLife[0],
        shelfLifeEn: f.shelfLife[1],
        storageZh: f.storage[0],
        storageEn: f.storage[1],
        ingredientsZh: f.ingredients[0],
        ingredientsEn: f.ingredients[1],
        netContentZh: f.net[0],
        netContentEn: f.net[1],
        scLicence: f.sc,
      },
    });
  }
  await db.product.updateMany({ where: { slug: { in: COLD_CHAIN } }, data: { coldChain: true } });
  const rules = [
    {
      slug: "qilian-pastoral",
      flatFen: 1200,
      freeAboveFen: 19900,
      coldChainFen: 1500,
      provinces: [
        { province: "新疆维吾尔自治区", surchargeFen: 1000 },
        { province: "海南省", notDelivered: true },
      ],
      dispatchDays: 3,
      shipFromZh: "甘肃省张掖市肃南县",
      shipFromEn: "Sunan County, Zhangye, Gansu",
      afterSalesZh: "生鲜冷链发货。签收时如有化冻变质，请在 24 小时内拍照联系我们，核实后补发或退款。",
      afterSalesEn:
        "Fresh meat ships in the cold chain. If it arrives thawed or spoiled, send us a photo within 24 hours for a replacement or refund.",
    },
    {
      slug: "weichuan-fruit",
      flatFen: 800,
      freeAboveFen: 9900,
      coldChainFen: 0,
      provinces: [
        { province: "新疆维吾尔自治区", surchargeFen: 1500 },
        { province: "西藏自治区", notDelivered: true },
      ],
      dispatchDays: 2,
      shipFromZh: "甘肃省天水市甘谷县",
      shipFromEn: "Gangu County, Tianshui, Gansu",
      afterSalesZh: "坏果包赔：签收 48 小时内拍照联系，按坏果数量退款。",
      afterSalesEn: "Bruised or rotten fruit refunded: send a photo within 48 hours of delivery.",
    },
  ];
  for (const { slug, ...rule } of rules) {
    const operator = await db.operator.findUnique({ where: { slug }, select: { id: true } });
    if (!operator) continue;
    await db.shippingRule.upsert({ where: { operatorId: operator.id }, create: { operatorId: operator.id, ...rule }, update: rule });
  }
}
