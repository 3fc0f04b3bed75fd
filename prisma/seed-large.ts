// Benchmark volume for Xiaokang Market: run after the demo seed (prisma/seed.ts).
//
//   node scripts/db.mjs seed-large [--products 10000] [--households 100000] [--order-lines 1000000]
//
// Tops the database up to at least N products and N households (totals, demo rows included), adding
// bulk operators (one per ~80 products), one image per product and 1–3 benefit links per household;
// then N order lines over the last two years with their ledger rows, refunds and payouts
// (prisma/seed-orders.ts, computed by the payment's own ledger code; --order-lines 0 skips them).
// Everything is deterministic and keyed ("bulk-o-0001", "bulk-p-000123", "BULK-000001", "bulk-l-000001-1"),
// and rows are inserted with ON CONFLICT DO NOTHING, so a second run with the same targets changes nothing.
// Bulk links are always tied to one bulk product (never operator-wide, never to demo products), with
// at most MAX_LINKS_PER_PRODUCT links per product and small per-link amounts, so what the links of a
// product promise stays well under what a sale earns (at most 20% + 12% of the price).
// Needs HOUSEHOLD_ID_KEY (ID numbers are encrypted like the demo ones). All people are fictional.
import { reindexProducts } from "@/lib/search/index-product";
import { explainLoadedStock } from "@/lib/stock/opening";
import { generateOrders } from "./seed-orders";
import { createPrismaClient } from "@/lib/db/client";
import type { BenefitRule, Category, HouseholdStatus, OperatorKind, ProductStatus } from "@/lib/generated/prisma/enums";
import { encryptResidentId, hashResidentId, householdKeys, makeResidentIdCheckDigit, maskResidentId } from "@/lib/households/id-number";
import { MECHANISMS_BY_KIND } from "./lib/mechanisms";
import { int, pick, rowRng, weighted } from "./lib/random";

const PRODUCTS_PER_OPERATOR = 80;
const MAX_LINKS_PER_PRODUCT = 40;
const MAX_BPS_PER_LINK = 50; // 40 links × 50 bps = 2000 bps = 20% of the net amount at most
const FIXED_SHARE_PER_LINK = 0.003; // 40 links × 0.3% = 12% of the unit price at most
const CHUNK = 2500;

function parseArgs(argv: string[]) {
  const out = { products: 10_000, households: 100_000, orderLines: 1_000_000 };
  const flags = { "--products": "products", "--households": "households", "--order-lines": "orderLines" } as const;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.split("=", 2) as [string, string | undefined];
    if (!(flag in flags)) throw new Error(`unknown argument ${arg} (use --products N --households N --order-lines N)`);
    const raw = inline ?? argv[++i];
    const n = Number(raw);
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`${flag} needs a non-negative integer, got ${raw}`);
    out[flags[flag as keyof typeof flags]] = n;
  }
  return out;
}

const pad = (n: number, width: number) => String(n).padStart(width, "0");
const chunks = <T>(rows: T[], size = CHUNK) =>
  Array.from({ length: Math.ceil(rows.length / size) }, (_, i) => rows.slice(i * size, (i + 1) * size));

// ------------------------------------------------------------------------------------------------
// Catalogue vocabulary

interface Variant {
  zh: string;
  en: string;
  unitZh: string;
  unitEn: string;
  specZh: string;
  specEn: string;
  min: number;
  max: number;
  image: string;
}
const V = (
  zh: string,
  en: string,
  unitZh: string,
  unitEn: string,
  specZh: string,
  specEn: string,
  min: number,
  max: number,
  image: string,
): Variant => ({ zh, en, unitZh, unitEn, specZh, specEn, min, max, image });

const VARIANTS: Record<Category, Variant[]> = {
  CHILI: [
    V("线椒干", "Dried Thread Chili", "袋", "bag", "500克/袋", "500 g per bag", 2200, 3600, "chili-dried"),
    V("辣椒干家庭装", "Dried Chili Family Box", "箱", "box", "5公斤/箱", "5 kg per box", 16000, 22000, "chili-dried"),
    V("手编辣椒串", "Hand-tied Chili String", "串", "string", "约1公斤/串", "about 1 kg per string", 3800, 5200, "chili-string"),
    V("石磨辣椒面", "Stone-ground Chili Flakes", "袋", "bag", "500克/袋", "500 g per bag", 2600, 3800, "chili-dried"),
    V("油泼辣子", "Chili Oil", "份", "pack", "260克×2瓶/份", "2 jars of 260 g per pack", 3200, 4600, "chili-string"),
  ],
  APPLE: [
    V("花牛苹果", "Huaniu Apples", "箱", "box", "5公斤/箱", "5 kg per box", 5800, 7800, "apple"),
    V("红富士苹果", "Red Fuji Apples", "箱", "box", "10公斤/箱", "10 kg per box", 8800, 11800, "apple"),
    V("苹果礼盒", "Apple Gift Box", "盒", "box", "12枚/盒", "12 apples per box", 7800, 9800, "apple-branch"),
    V("苹果脆片", "Apple Crisps", "份", "pack", "30克×10袋/份", "10 bags of 30 g per pack", 3900, 5600, "apple-branch"),
  ],
  SCALLION: [
    V("大葱", "Scallions", "箱", "box", "5公斤/箱", "5 kg per box", 2800, 4200, "scallion"),
    V("长白大葱", "Long-white Scallions", "箱", "box", "10公斤/箱", "10 kg per box", 4800, 6800, "scallion"),
  ],
  CABBAGE: [
    V("大白菜", "Chinese Cabbage", "箱", "box", "2棵(约6公斤)/箱", "2 heads (about 6 kg) per box", 2400, 3400, "cabbage"),
    V("大白菜整箱", "Chinese Cabbage Case", "箱", "box", "10公斤/箱", "10 kg per box", 3200, 4600, "cabbage"),
    V("腌酸菜", "Pickled Cabbage", "袋", "bag", "1公斤/袋", "1 kg per bag", 1800, 2800, "cabbage"),
  ],
  SICHUAN_PEPPER: [
    V("大红袍花椒", "Dahongpao Sichuan Pepper", "袋", "bag", "250克/袋", "250 g per bag", 3800, 5200, "sichuan-pepper"),
    V("花椒粉", "Ground Sichuan Pepper", "份", "pack", "100克×3袋/份", "3 bags of 100 g per pack", 3000, 4200, "sichuan-pepper"),
  ],
  MUSHROOM: [
    V("鲜蘑菇", "Fresh Mushrooms", "箱", "box", "2公斤/箱", "2 kg per box", 4600, 6600, "mushroom"),
    V("干蘑菇", "Dried Mushrooms", "袋", "bag", "250克/袋", "250 g per bag", 3800, 5800, "mushroom"),
  ],
  MUTTON: [
    V("细毛羊羊后腿", "Fine-wool Lamb Leg", "份", "pack", "约2公斤/份", "about 2 kg per pack", 14800, 18800, "mutton"),
    V("细毛羊羊排", "Fine-wool Lamb Chops", "份", "pack", "1.5公斤/份", "1.5 kg per pack", 12800, 16800, "mutton"),
    V("手抓羊肉", "Hand-pulled Mutton", "份", "pack", "2公斤/份", "2 kg per pack", 15800, 19800, "mutton"),
  ],
  YAK: [
    V("牦牛肉", "Yak Beef", "份", "pack", "1公斤/份", "1 kg per pack", 11800, 15800, "yak"),
    V("牦牛排骨", "Yak Ribs", "份", "pack", "2公斤/份", "2 kg per pack", 17800, 22800, "yak"),
    V("牦牛肉干", "Yak Jerky", "袋", "bag", "500克/袋", "500 g per bag", 8800, 11800, "yak"),
  ],
  CHICKEN: [
    V("草原虫草鸡", "Grassland Chicken", "只", "bird", "约1.5公斤/只", "about 1.5 kg per bird", 11800, 14800, "chicken"),
    V(
      "草原鸡两只装",
      "Grassland Chicken Twin Pack",
      "份",
      "pack",
      "2只(约3公斤)/份",
      "2 birds (about 3 kg) per pack",
      21800,
      25800,
      "chicken",
    ),
  ],
};
const CATEGORY_WORD: Record<Category, [string, string, "grow" | "raise"]> = {
  CHILI: ["辣椒", "Chili", "grow"],
  APPLE: ["苹果", "Apple", "grow"],
  SCALLION: ["大葱", "Scallion", "grow"],
  CABBAGE: ["蔬菜", "Vegetable", "grow"],
  SICHUAN_PEPPER: ["花椒", "Sichuan Pepper", "grow"],
  MUSHROOM: ["食用菌", "Mushroom", "grow"],
  MUTTON: ["细毛羊", "Fine-wool Sheep", "raise"],
  YAK: ["牦牛", "Yak", "raise"],
  CHICKEN: ["草原鸡", "Grassland Chicken", "raise"],
};
// What each county grows, from the seed reports; other counties get every category.
const COUNTY_CATEGORIES: Record<string, Category[]> = {
  "620523": ["CHILI", "APPLE", "SCALLION", "CABBAGE", "SICHUAN_PEPPER"],
  "620721": ["MUTTON", "YAK", "CHICKEN", "MUSHROOM"],
};
const COUNTY_WEIGHT: Record<string, number> = { "620523": 7, "620721": 3 };
const CATEGORY_GI: Partial<Record<Category, string>> = {
  CHILI: "gangu-chili",
  APPLE: "gangu-apple",
  SCALLION: "gangu-scallion",
  CABBAGE: "gangu-cabbage",
  MUTTON: "gansu-fine-wool-sheep",
  YAK: "sunan-yak",
};
const ALL_CATEGORIES = Object.keys(VARIANTS) as Category[];
const SURNAMES = [
  ..."王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤",
];
const FICTIONAL_TAGS = ["示例", "演示", "样例"];

// ------------------------------------------------------------------------------------------------
// Unified social credit codes (GB 32100 check character), unique by construction from the index.

const CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
function creditCode(type: string, area: string, index: number): string {
  let n = index;
  let tail = "";
  for (let i = 0; i < 5; i++) {
    tail = CREDIT_CHARS[n % 31]! + tail;
    n = Math.floor(n / 31);
  }
  const body8 = "MAY" + tail; // "MAY…": a block the demo seed's random codes are unlikely to use
  const value = (c: string) => (/\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55);
  const orgSum = [...body8].reduce((s, c, i) => s + value(c) * ORG_WEIGHTS[i]!, 0);
  const orgCheck = 11 - (orgSum % 11);
  const first17 = type + area + body8 + (orgCheck === 10 ? "X" : orgCheck === 11 ? "0" : String(orgCheck));
  const sum = [...first17].reduce((s, c, i) => s + CREDIT_CHARS.indexOf(c) * CREDIT_WEIGHTS[i]!, 0);
  return first17 + CREDIT_CHARS[(31 - (sum % 31)) % 31]!;
}

// Resident ID numbers: index → (birth date, sequence) through a bijection, so bulk IDs never repeat.
const BIRTH_START = Date.UTC(1940, 0, 1);
const BIRTH_DAYS = Math.round((Date.UTC(2000, 0, 1) - BIRTH_START) / 86_400_000);
const ID_SPACE = BIRTH_DAYS * 1000;
const ID_STRIDE = 7_368_787;
const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : a);
if (gcd(ID_STRIDE, ID_SPACE) !== 1) throw new Error("ID_STRIDE must be coprime with ID_SPACE");
function bulkResidentId(countyCode: string, index: number): string {
  const k = Number((BigInt(index) * BigInt(ID_STRIDE)) % BigInt(ID_SPACE));
  const birth = new Date(BIRTH_START + (k % BIRTH_DAYS) * 86_400_000).toISOString().slice(0, 10).replaceAll("-", "");
  const first17 = countyCode.slice(0, 6) + birth + pad(Math.floor(k / BIRTH_DAYS), 3);
  return first17 + makeResidentIdCheckDigit(first17);
}

// ------------------------------------------------------------------------------------------------

type Db = ReturnType<typeof createPrismaClient>;
interface VillageInfo {
  id: string;
  zh: string;
  en: string;
  townshipId: string;
  townshipZh: string;
  countyId: string;
  countyZh: string;
}

const shortZh = (name: string) => name.replace(/村$/, "");
const shortEn = (name: string) => name.replace(/ Village$/, "");
const shortCountyZh = (name: string) => name.replace(/(裕固族|藏族|回族|蒙古族|哈萨克族|土族|东乡族|保安族|撒拉族)*自治县$/, "县");

async function loadGeography(db: Db) {
  const regions = await db.region.findMany({ select: { id: true, nameZh: true, nameEn: true, level: true, parentId: true } });
  const byId = new Map(regions.map((r) => [r.id, r]));
  const villages: VillageInfo[] = [];
  for (const r of regions) {
    if (r.level !== "VILLAGE" || !r.parentId) continue;
    const township = byId.get(r.parentId);
    const county = township?.parentId ? byId.get(township.parentId) : undefined;
    if (!township || !county || county.level !== "COUNTY") continue;
    villages.push({
      id: r.id,
      zh: r.nameZh,
      en: r.nameEn,
      townshipId: township.id,
      townshipZh: township.nameZh,
      countyId: county.id,
      countyZh: county.nameZh,
    });
  }
  villages.sort((a, b) => a.id.localeCompare(b.id));
  const byCounty = new Map<string, VillageInfo[]>();
  for (const vil of villages) {
    const list = byCounty.get(vil.countyId);
    if (list) list.push(vil);
    else byCounty.set(vil.countyId, [vil]);
  }
  const counties = [...byCounty.keys()].sort();
  const countyWeights = counties.map((c) => [c, COUNTY_WEIGHT[c] ?? 3] as const);
  return { villages, byCounty, counties, countyWeights, villageById: new Map(villages.map((vil) => [vil.id, vil])) };
}
type Geography = Awaited<ReturnType<typeof loadGeography>>;

// Multi-row insert with one array parameter per column (INSERT … SELECT * FROM unnest(…)):
// much faster than createMany for tens of thousands of rows. Skips rows that hit a unique key.
type Column = readonly [name: string, pgType: string];
async function insertMany(db: Db, table: string, columns: readonly Column[], rows: readonly Record<string, unknown>[], size = 5000) {
  const sql =
    `INSERT INTO "${table}" (${columns.map(([name]) => `"${name}"`).join(", ")}) ` +
    `SELECT * FROM unnest(${columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(", ")}) ON CONFLICT DO NOTHING`;
  let inserted = 0;
  for (let start = 0; start < rows.length; start += size) {
    const part = rows.slice(start, start + size);
    const params = columns.map(([name]) =>
      part.map((row) => {
        const value = row[name];
        return value instanceof Date ? value.toISOString() : (value ?? null);
      }),
    );
    inserted += await db.$executeRawUnsafe(sql, ...params);
  }
  return inserted;
}
const TS = "timestamp(3)";
const PRODUCT_COLUMNS: Column[] = [
  ["id", "text"],
  ["slug", "text"],
  ["operatorId", "text"],
  ["nameZh", "text"],
  ["nameEn", "text"],
  ["descriptionZh", "text"],
  ["descriptionEn", "text"],
  ["category", '"Category"'],
  ["unitZh", "text"],
  ["unitEn", "text"],
  ["specZh", "text"],
  ["specEn", "text"],
  ["priceFen", "int"],
  ["stock", "int"],
  ["status", '"ProductStatus"'],
  ["listed", "boolean"],
  ["villageId", "text"],
  ["townshipId", "text"],
  ["countyId", "text"],
  ["giMarkId", "text"],
  ["certifiedUntil", TS],
  ["isDemo", "boolean"],
  ["createdAt", TS],
  ["updatedAt", TS],
];
const IMAGE_COLUMNS: Column[] = [
  ["id", "text"],
  ["productId", "text"],
  ["url", "text"],
  ["altZh", "text"],
  ["altEn", "text"],
  ["position", "int"],
];
const HOUSEHOLD_COLUMNS: Column[] = [
  ["id", "text"],
  ["registryCode", "text"],
  ["headName", "text"],
  ["idNumberCipher", "text"],
  ["idNumberHash", "text"],
  ["idNumberMasked", "text"],
  ["villageId", "text"],
  ["townshipId", "text"],
  ["countyId", "text"],
  ["members", "int"],
  ["status", '"HouseholdStatus"'],
  ["yearIdentified", "int"],
  ["isDemo", "boolean"],
  ["createdAt", TS],
];
const LINK_COLUMNS: Column[] = [
  ["id", "text"],
  ["householdId", "text"],
  ["operatorId", "text"],
  ["productId", "text"],
  ["mechanism", '"Mechanism"'],
  ["rule", '"BenefitRule"'],
  ["bps", "int"],
  ["fenPerUnit", "int"],
  ["validFrom", TS],
  ["validTo", TS],
  ["createdAt", TS],
];

async function maxBulkIndex(db: Db, table: string, prefix: string): Promise<number> {
  const rows = await db.$queryRawUnsafe<{ n: number }[]>(
    `SELECT coalesce(max(substring(id from ${prefix.length + 1})::int), 0)::int AS n FROM "${table}" WHERE id ~ '^${prefix}[0-9]+$'`,
  );
  return rows[0]?.n ?? 0;
}

async function seedOperators(db: Db, geo: Geography, productTarget: number) {
  const target = Math.ceil(productTarget / PRODUCTS_PER_OPERATOR);
  const giMarks = new Map((await db.giMark.findMany({ select: { id: true, slug: true, countyId: true } })).map((g) => [g.slug, g]));
  const rows = [];
  const marks: { operatorId: string; giMarkId: string }[] = [];
  const namesUsed = new Map<string, number>();
  const categoryOf = new Map<string, Category>();
  for (let i = 1; i <= target; i++) {
    const rng = rowRng(0x0b1c, i);
    const countyId = weighted(rng, geo.countyWeights);
    const village = pick(rng, geo.byCounty.get(countyId)!);
    const category = pick(rng, COUNTY_CATEGORIES[countyId] ?? ALL_CATEGORIES);
    const kind = weighted(rng, [
      ["COOPERATIVE", 5],
      ["ENTERPRISE", 2],
      ["WORKSHOP", 2],
      ["FAMILY_FARM", 3],
    ] as const);
    const [catZh, catEn, verb] = CATEGORY_WORD[category];
    const place = `${shortCountyZh(village.countyZh)}${village.townshipZh}${shortZh(village.zh)}`;
    const placeEn = shortEn(village.en);
    const [nameZh0, nameEn0, type]: [string, string, string] = (
      {
        COOPERATIVE: [
          `${place}${catZh}${verb === "grow" ? "种植" : "养殖"}农民专业合作社`,
          `${placeEn} ${catEn} ${verb === "grow" ? "Growers'" : "Breeders'"} Cooperative`,
          "93",
        ],
        ENTERPRISE: [
          `${shortCountyZh(village.countyZh)}${shortZh(village.zh)}${catZh}产业发展有限公司`,
          `${placeEn} ${catEn} Industry Co., Ltd.`,
          "91",
        ],
        WORKSHOP: [`${place}${catZh}帮扶车间`, `${placeEn} ${catEn} Assistance Workshop`, "91"],
        FAMILY_FARM: [`${place}${SURNAMES[i % SURNAMES.length]}家${catZh}家庭农场`, `${placeEn} ${catEn} Family Farm`, "92"],
      } satisfies Record<OperatorKind, [string, string, string]>
    )[kind];
    const seen = (namesUsed.get(nameZh0) ?? 0) + 1;
    namesUsed.set(nameZh0, seen);
    const id = `bulk-o-${pad(i, 4)}`;
    categoryOf.set(id, category);
    rows.push({
      id,
      slug: id,
      nameZh: seen > 1 ? `${nameZh0}(${seen})` : nameZh0,
      nameEn: seen > 1 ? `${nameEn0} (${seen})` : nameEn0,
      kind,
      creditCode: creditCode(type, countyId, i),
      countyId,
      villageId: village.id,
      descriptionZh: `${village.countyZh}${village.townshipZh}${village.zh}的${catZh}经营主体,带动周边建档立卡户增收。(批量演示数据)`,
      descriptionEn: `A ${catEn.toLowerCase()} business in ${village.en}, raising the incomes of registered households nearby. (Bulk demo data)`,
      isDemo: true,
      createdAt: new Date(Date.UTC(2025, 0, 1) + (i % 300) * 86_400_000),
    });
    const gi = CATEGORY_GI[category] ? giMarks.get(CATEGORY_GI[category]!) : undefined;
    if (gi && gi.countyId === countyId && rng() < 0.8) marks.push({ operatorId: id, giMarkId: gi.id });
  }
  let inserted = 0;
  for (const part of chunks(rows)) inserted += (await db.operator.createMany({ data: part, skipDuplicates: true })).count;
  await db.operatorGiMark.createMany({ data: marks, skipDuplicates: true });
  return { inserted, categoryOf };
}

async function loadOperators(db: Db, bulkCategory: Map<string, Category>) {
  const ops = await db.operator.findMany({
    select: {
      id: true,
      nameZh: true,
      nameEn: true,
      kind: true,
      countyId: true,
      villageId: true,
      giMarks: { select: { giMark: { select: { id: true, slug: true } } } },
    },
    orderBy: { id: "asc" },
  });
  // An operator's categories: those of its own (non-bulk) products, or a bulk operator's one category.
  const cats = await db.$queryRawUnsafe<{ operatorId: string; category: Category }[]>(
    `SELECT DISTINCT "operatorId", category::text AS category FROM "Product" WHERE id NOT LIKE 'bulk-p-%' ORDER BY 1, 2`,
  );
  const catsByOp = new Map<string, Category[]>();
  for (const c of cats) catsByOp.set(c.operatorId, [...(catsByOp.get(c.operatorId) ?? []), c.category]);
  return ops.map((op) => {
    const bulk = bulkCategory.get(op.id);
    const categories = catsByOp.get(op.id) ?? (bulk ? [bulk] : (COUNTY_CATEGORIES[op.countyId] ?? ALL_CATEGORIES));
    return { ...op, categories, giSlugs: new Map(op.giMarks.map((g) => [g.giMark.slug, g.giMark.id])) };
  });
}

async function seedProducts(db: Db, geo: Geography, target: number, bulkCategory: Map<string, Category>) {
  const total = await db.product.count();
  if (total >= target) return 0;
  const ops = await loadOperators(db, bulkCategory);
  const opsByCounty = new Map<string, typeof ops>();
  for (const op of ops) if (geo.byCounty.has(op.countyId)) opsByCounty.set(op.countyId, [...(opsByCounty.get(op.countyId) ?? []), op]);
  const counties = geo.countyWeights.filter(([c]) => opsByCounty.has(c));
  if (!counties.length) throw new Error("no operators found: run the demo seed first (node scripts/db.mjs seed)");

  let next = (await maxBulkIndex(db, "Product", "bulk-p-")) + 1;
  let inserted = 0;
  for (let round = 0; round < 3 && total + inserted < target; round++) {
    const need = target - total - inserted;
    const products = [];
    const images = [];
    for (let i = next; i < next + need; i++) {
      const rng = rowRng(0x9a0d, i);
      const countyId = weighted(rng, counties);
      const op = pick(rng, opsByCounty.get(countyId)!);
      const village =
        op.villageId && rng() < 0.4
          ? (geo.villageById.get(op.villageId) ?? pick(rng, geo.byCounty.get(countyId)!))
          : pick(rng, geo.byCounty.get(countyId)!);
      const category = pick(rng, op.categories);
      const variant = pick(rng, VARIANTS[category]);
      const priceFen = Math.round(int(rng, variant.min, variant.max) / 10) * 10;
      const status: ProductStatus = weighted(rng, [
        ["CERTIFIED", 85],
        ["PENDING_CERTIFICATION", 8],
        ["DRAFT", 5],
        ["REJECTED", 2],
      ] as const);
      const giSlug = CATEGORY_GI[category];
      const giMarkId = giSlug ? (op.giSlugs.get(giSlug) ?? null) : null;
      const createdAt = new Date(Date.UTC(2025, 0, 1) + int(rng, 0, 668) * 86_400_000 + int(rng, 0, 86_399) * 1000);
      const id = `bulk-p-${pad(i, 6)}`;
      const specShortZh = variant.specZh.split("/")[0]!;
      const specShortEn = variant.specEn.split(" per ")[0]!;
      const nameZh = `${shortZh(village.zh)}${variant.zh} ${specShortZh}`;
      const nameEn = `${shortEn(village.en)} ${variant.en}, ${specShortEn}`;
      products.push({
        id,
        slug: id,
        operatorId: op.id,
        nameZh,
        nameEn,
        descriptionZh: `产自${village.countyZh}${village.townshipZh}${village.zh}的${variant.zh},由${op.nameZh}收购、分拣和包装。每一笔销售都按利益联结机制带动当地建档立卡户增收。(批量演示数据)`,
        descriptionEn: `${variant.en} from ${village.en}, bought, sorted and packed by ${op.nameEn}. Every sale passes part of its value to registered households in the area through benefit links. (Bulk demo data)`,
        category,
        unitZh: variant.unitZh,
        unitEn: variant.unitEn,
        specZh: variant.specZh,
        specEn: variant.specEn,
        priceFen,
        stock: int(rng, 1, 500),
        status,
        listed: status !== "REJECTED",
        villageId: village.id,
        townshipId: village.townshipId,
        countyId: village.countyId,
        giMarkId,
        certifiedUntil: status === "CERTIFIED" ? new Date("2027-12-31T00:00:00.000Z") : null,
        isDemo: true,
        createdAt,
        updatedAt: createdAt,
      });
      images.push({
        id: `bulk-img-${pad(i, 6)}`,
        productId: id,
        url: `/images/products/${variant.image}.svg`,
        altZh: nameZh,
        altEn: nameEn,
        position: 0,
      });
    }
    inserted += await insertMany(db, "Product", PRODUCT_COLUMNS, products);
    await insertMany(db, "ProductImage", IMAGE_COLUMNS, images);
    next += need;
  }
  return inserted;
}

async function seedHouseholds(db: Db, geo: Geography, target: number) {
  const keys = householdKeys();
  const total = await db.household.count();
  if (total >= target) return { inserted: 0, cryptoMs: 0 };
  let next = (await maxBulkIndex(db, "Household", "bulk-h-")) + 1;
  let inserted = 0;
  let cryptoMs = 0;
  for (let round = 0; round < 3 && total + inserted < target; round++) {
    const need = target - total - inserted;
    const rows = [];
    const t = performance.now();
    for (let i = next; i < next + need; i++) {
      const rng = rowRng(0x4b1d, i);
      const countyId = weighted(rng, geo.countyWeights);
      const village = pick(rng, geo.byCounty.get(countyId)!);
      const residentId = bulkResidentId(countyId, i);
      const year = weighted(rng, [
        [2013, 2],
        [2014, 5],
        [2015, 3],
        [2016, 2],
      ] as const);
      rows.push({
        id: `bulk-h-${pad(i, 6)}`,
        registryCode: `BULK-${pad(i, 6)}`,
        headName: `${pick(rng, SURNAMES)}${pick(rng, FICTIONAL_TAGS)}`,
        idNumberCipher: encryptResidentId(residentId, keys.encKey),
        idNumberHash: hashResidentId(residentId, keys.macKey),
        idNumberMasked: maskResidentId(residentId),
        villageId: village.id,
        townshipId: village.townshipId,
        countyId: village.countyId,
        members: weighted(rng, [
          [1, 6],
          [2, 12],
          [3, 18],
          [4, 24],
          [5, 20],
          [6, 13],
          [7, 7],
        ] as const),
        status: weighted(rng, [
          ["LIFTED", 80],
          ["MONITORED", 15],
          ["NOT_LIFTED", 5],
        ] as const) as HouseholdStatus,
        yearIdentified: year,
        isDemo: true,
        createdAt: new Date(Date.UTC(2025, 11, 20)),
      });
    }
    cryptoMs += performance.now() - t;
    inserted += await insertMany(db, "Household", HOUSEHOLD_COLUMNS, rows);
    next += need;
  }
  return { inserted, cryptoMs };
}

async function seedLinks(db: Db) {
  const unlinked = await db.$queryRawUnsafe<{ id: string; countyId: string }[]>(
    `SELECT h.id, h."countyId" FROM "Household" h
      WHERE h.id LIKE 'bulk-h-%' AND NOT EXISTS (SELECT 1 FROM "BenefitLink" l WHERE l."householdId" = h.id)
      ORDER BY h.id`,
  );
  if (!unlinked.length) return 0;
  const products = await db.$queryRawUnsafe<{ id: string; operatorId: string; countyId: string; priceFen: number; kind: OperatorKind }[]>(
    `SELECT p.id, p."operatorId", p."countyId", p."priceFen", o.kind::text AS kind
       FROM "Product" p JOIN "Operator" o ON o.id = p."operatorId"
      WHERE p.id LIKE 'bulk-p-%' AND p.status <> 'REJECTED' ORDER BY p.id`,
  );
  const counts = new Map(
    (
      await db.$queryRawUnsafe<{ productId: string; n: number }[]>(
        `SELECT "productId", count(*)::int AS n FROM "BenefitLink" WHERE "productId" LIKE 'bulk-p-%' GROUP BY 1`,
      )
    ).map((r) => [r.productId, r.n]),
  );
  const byCounty = new Map<string, typeof products>();
  for (const p of products) {
    const list = byCounty.get(p.countyId);
    if (list) list.push(p);
    else byCounty.set(p.countyId, [p]);
  }

  const links = [];
  const validFrom = new Date("2025-01-01T00:00:00.000Z");
  const validTo = new Date("2027-12-31T00:00:00.000Z");
  for (const h of unlinked) {
    const index = Number(h.id.slice("bulk-h-".length));
    const rng = rowRng(0x11c5, index);
    const pool = byCounty.get(h.countyId);
    if (!pool?.length) continue;
    const wanted = weighted(rng, [
      [1, 45],
      [2, 35],
      [3, 20],
    ] as const);
    const chosen = new Set<string>();
    for (let attempt = 0; attempt < 12 && chosen.size < wanted; attempt++) {
      const p = pick(rng, pool);
      if (chosen.has(p.id) || (counts.get(p.id) ?? 0) >= MAX_LINKS_PER_PRODUCT) continue;
      chosen.add(p.id);
      counts.set(p.id, (counts.get(p.id) ?? 0) + 1);
      const mechanism = weighted(rng, MECHANISMS_BY_KIND[p.kind]);
      const percent = mechanism === "DIVIDEND" || mechanism === "LAND_RENT";
      const rule: BenefitRule = percent ? "PERCENT_OF_SALES" : "FIXED_PER_UNIT";
      links.push({
        id: `bulk-l-${pad(index, 6)}-${chosen.size}`,
        householdId: h.id,
        operatorId: p.operatorId,
        productId: p.id,
        mechanism,
        rule,
        bps: percent ? int(rng, Math.ceil(MAX_BPS_PER_LINK / 2), MAX_BPS_PER_LINK) : null,
        fenPerUnit: percent ? null : Math.max(1, Math.floor(p.priceFen * FIXED_SHARE_PER_LINK * (0.5 + rng() * 0.5))),
        validFrom,
        validTo: rng() < 0.4 ? validTo : null,
        createdAt: validFrom,
      });
    }
  }
  return insertMany(db, "BenefitLink", LINK_COLUMNS, links);
}

// ------------------------------------------------------------------------------------------------
// Buyer organisations: budget units (most with a canteen and a declared budget), their trade unions,
// enterprises and pairing partners (paired with the busiest counties), across the provinces that buy
// consumption assistance most. The volume's INSTITUTION and PAIRING orders are bought for them
// (prisma/seed-orders.ts). Names carry 示例: they are fictional.

const BUYER_PROVINCES = [
  ["11", "北京市", "Beijing Municipality", 9],
  ["12", "天津市", "Tianjin Municipality", 12],
  ["31", "上海市", "Shanghai Municipality", 8],
  ["32", "江苏省", "Jiangsu Province", 6],
  ["33", "浙江省", "Zhejiang Province", 6],
  ["35", "福建省", "Fujian Province", 3],
  ["37", "山东省", "Shandong Province", 5],
  ["44", "广东省", "Guangdong Province", 7],
  ["62", "甘肃省", "Gansu Province", 10],
] as const;
const ORGS_PER_KIND = 200;
const ORG_KINDS = [
  ["BUDGET_UNIT", "bu", "11", "示例机关事务服务中心", "Sample Government Services Centre"],
  ["TRADE_UNION", "tu", "81", "示例机关工会委员会", "Sample Staff Trade Union"],
  ["ENTERPRISE", "en", "91", "示例食品有限公司", "Sample Food Company"],
  ["PARTNER", "pa", "11", "示例东西部协作消费帮扶专班", "Sample East–West Cooperation Buying Office"],
] as const;

async function seedOrganisations(db: Db, geo: Geography): Promise<number> {
  await insertMany(
    db,
    "Region",
    [
      ["id", "text"],
      ["nameZh", "text"],
      ["nameEn", "text"],
      ["level", '"RegionLevel"'],
    ],
    BUYER_PROVINCES.map(([id, nameZh, nameEn]) => ({ id, nameZh, nameEn, level: "PROVINCE" })),
  );
  const admin = await db.user.findFirst({ where: { role: "ADMIN" }, orderBy: { id: "asc" }, select: { id: true } });
  const provinceWeights = BUYER_PROVINCES.map(([id, , , w]) => [id, w] as const);
  const names = new Map<string, string>(BUYER_PROVINCES.map(([id, zh]) => [id, zh]));
  const orgs: Record<string, unknown>[] = [];
  const pairings: Record<string, unknown>[] = [];
  const budgets: Record<string, unknown>[] = [];
  const year = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));
  ORG_KINDS.forEach(([kind, short, type, zh, en], k) => {
    for (let n = 1; n <= ORGS_PER_KIND; n++) {
      const rng = rowRng(0x0b0e + k, n);
      const id = `bulk-org-${short}-${pad(n, 4)}`;
      // A union belongs to the budget unit of the same number, in its region.
      const regionId = kind === "TRADE_UNION" ? (orgs[n - 1]!.regionId as string) : weighted(rng, provinceWeights);
      const hasCanteen = kind === "BUDGET_UNIT" && rng() < 0.8;
      orgs.push({
        id,
        nameZh: `${names.get(regionId)}第${n}${zh}`,
        nameEn: `${en} No. ${n}`,
        kind,
        creditCode: creditCode(type, `${regionId}0000`, 500_000 + k * 10_000 + n),
        regionId,
        hasCanteen,
        parentUnitId: kind === "TRADE_UNION" ? `bulk-org-bu-${pad(n, 4)}` : null,
        isDemo: true,
      });
      if (kind === "PARTNER") {
        const counties = new Set([weighted(rng, geo.countyWeights), weighted(rng, geo.countyWeights)]);
        for (const countyId of counties) pairings.push({ organisationId: id, countyId });
      }
      if (hasCanteen && admin) {
        for (const y of [year - 1, year]) {
          budgets.push({ organisationId: id, year: y, budgetFen: int(rng, 50, 500) * 1_000_000, declaredById: admin.id });
        }
      }
    }
  });
  const inserted = await insertMany(
    db,
    "Organisation",
    [
      ["id", "text"],
      ["nameZh", "text"],
      ["nameEn", "text"],
      ["kind", '"OrganisationKind"'],
      ["creditCode", "text"],
      ["regionId", "text"],
      ["hasCanteen", "boolean"],
      ["parentUnitId", "text"],
      ["isDemo", "boolean"],
    ],
    orgs,
  );
  await insertMany(
    db,
    "OrganisationPairing",
    [
      ["organisationId", "text"],
      ["countyId", "text"],
    ],
    pairings,
  );
  await insertMany(
    db,
    "CanteenBudget",
    [
      ["organisationId", "text"],
      ["year", "int"],
      ["budgetFen", "bigint"],
      ["declaredById", "text"],
    ],
    budgets,
  );
  return inserted;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  householdKeys(); // fail early, with a clear message, when HOUSEHOLD_ID_KEY is missing
  const db = createPrismaClient(undefined, 4);
  const timings: string[] = [];
  const started = performance.now();
  let lap = started;
  const mark = (label: string) => {
    const now = performance.now();
    timings.push(`${label} ${((now - lap) / 1000).toFixed(1)} s`);
    lap = now;
  };
  try {
    const geo = await loadGeography(db);
    if (!geo.villages.length) throw new Error("no villages found: run the demo seed first (node scripts/db.mjs seed)");
    const { inserted: operators, categoryOf } = await seedOperators(db, geo, args.products);
    mark(`operators +${operators}`);
    const products = await seedProducts(db, geo, args.products, categoryOf);
    await reindexProducts(db); // search columns (lib/search) of the new products
    await explainLoadedStock(db, "volume generator");
    mark(`products +${products}`);
    const hh = await seedHouseholds(db, geo, args.households);
    mark(`households +${hh.inserted} (crypto ${(hh.cryptoMs / 1000).toFixed(1)} s)`);
    const links = await seedLinks(db);
    mark(`benefit links +${links}`);
    const organisations = await seedOrganisations(db, geo);
    mark(`buyer organisations +${organisations}`);
    if (operators || products || hh.inserted || links) {
      await db.$executeRawUnsafe(`ANALYZE "Operator", "Product", "ProductImage", "Household", "BenefitLink", "OperatorGiMark"`);
      mark("analyze");
    }
    if (args.orderLines > 0) {
      const volume = await generateOrders(db, { lines: args.orderLines, log: (m) => process.stderr.write(`\rseed-large: ${m}   `) });
      if (volume.orders) process.stderr.write("\n");
      timings.push(...volume.timings);
      lap = performance.now();
    }
    const [p, h, l, o, lines] = await Promise.all([
      db.product.count(),
      db.household.count(),
      db.benefitLink.count(),
      db.operator.count(),
      db.orderLine.count(),
    ]);
    console.log(`seed-large: ${timings.join(", ")}; total ${((performance.now() - started) / 1000).toFixed(1)} s`);
    console.log(`seed-large: now ${o} operators, ${p} products, ${h} households, ${l} benefit links, ${lines} order lines`);
    if (p < args.products || h < args.households) console.warn("seed-large: warning: targets not reached (unique conflicts?)");
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(`seed-large failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
