// Demo data for Xiaokang Market (小康集市), drawn from the two seed reports (cited in docs/DESIGN.md#demo-data):
// Gangu County (甘谷县, Tianshui) and Sunan Yugur Autonomous County (肃南裕固族自治县, Zhangye).
//
//   node scripts/db.mjs seed                      (needs HOUSEHOLD_ID_KEY: 64 hex characters)
//   tsx prisma/seed.ts [--overwrite]
//
// Idempotent: every row has a stable key (administrative code, slug, registry code, "seed-…" id) and
// all random choices come from a generator with a fixed seed, so running it twice changes nothing.
// Reference rows (regions, GI marks, mark authorisations) are upserted. Business rows (operators,
// products, households, links, payouts, users) are only inserted when missing, so changes made
// through the app (stock sold, a product certified, a password changed) survive a re-run.
// `--overwrite` (or SEED_OVERWRITE=1) resets those rows to the seed's values as well (not passwords,
// and not an ID cipher whose hash still matches under the current key).
// Demo orders (./demo-orders.ts) go through checkout, payment, shipping and refunds like real
// ones, each found again by its checkout key; they are never reset.
//
// Place names: only 大庄镇/大庄村 (Gangu) and 马蹄藏族乡/大都麻村 (Sunan) are named in the seed reports;
// every other township and village is marked isDemo (some township names are real, the villages
// under them are invented). Codes below county level are plausible, not official.
// People: all household heads are fictional (names contain 示例/演示/样例), and their ID numbers are
// generated (valid check digit, region prefix, birth date) and belong to no one.
import { seedStorefront } from "./seed-storefront";
import { reindexProducts } from "@/lib/search/index-product";
import { explainLoadedStock } from "@/lib/stock/opening";
import { createPrismaClient } from "@/lib/db/client";
import type {
  BenefitRule,
  Category,
  GiMarkKind,
  HouseholdStatus,
  Mechanism,
  OperatorKind,
  ProductStatus,
  RegionLevel,
} from "@/lib/generated/prisma/enums";
import {
  encryptResidentId,
  hashResidentId,
  householdKeys,
  makeResidentIdCheckDigit,
  maskResidentId,
  type HouseholdKeys,
} from "@/lib/households/id-number";
import { hashPassword } from "@/lib/auth/password";
import { DEMO_ACCOUNTS } from "./demo-accounts";
import { seedDemoOrders } from "./demo-orders";
import { seedOrganisations } from "./seed-organisations";
import { MECHANISMS_BY_KIND } from "./lib/mechanisms";
import { int, mulberry32, pick, shuffled, weighted, type Rng } from "./lib/random";

const OVERWRITE = process.argv.includes("--overwrite") || process.env.SEED_OVERWRITE === "1";
const SEED_TIME = new Date("2026-01-01T00:00:00.000Z");
const d = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

// ------------------------------------------------------------------------------------------------
// Regions

interface Place {
  code: string;
  zh: string;
  en: string;
  demo: boolean;
}
interface Township extends Place {
  villages: Place[];
}
interface County extends Place {
  cityCode: string;
  prefix: string; // registry code prefix
  townships: Township[];
}

const v = (code: string, zh: string, en: string, demo = true): Place => ({ code, zh, en, demo });

const PROVINCE: Place = v("62", "甘肃省", "Gansu Province", false);
const CITIES: Place[] = [v("6205", "天水市", "Tianshui City", false), v("6207", "张掖市", "Zhangye City", false)];

const COUNTIES: County[] = [
  {
    ...v("620523", "甘谷县", "Gangu County", false),
    cityCode: "6205",
    prefix: "GG",
    townships: [
      {
        ...v("620523100", "大像山镇", "Daxiangshan Town"),
        villages: [
          v("620523100201", "姚庄村", "Yaozhuang Village"),
          v("620523100202", "雷家庄村", "Leijiazhuang Village"),
          v("620523100203", "双店村", "Shuangdian Village"),
        ],
      },
      {
        ...v("620523101", "新兴镇", "Xinxing Town"),
        villages: [
          v("620523101201", "渭水峪村", "Weishuiyu Village"),
          v("620523101202", "七里墩村", "Qilidun Village"),
          v("620523101203", "头甲村", "Toujia Village"),
          v("620523101204", "雒家川村", "Luojiachuan Village"),
        ],
      },
      {
        ...v("620523102", "磐安镇", "Pan'an Town"),
        villages: [
          v("620523102201", "毛家坪村", "Maojiaping Village"),
          v("620523102202", "石川村", "Shichuan Village"),
          v("620523102203", "柳家湾村", "Liujiawan Village"),
          v("620523102204", "刘家墩村", "Liujiadun Village"),
        ],
      },
      {
        ...v("620523103", "六峰镇", "Liufeng Town"),
        villages: [
          v("620523103201", "何家山村", "Hejiashan Village"),
          v("620523103202", "觉皇寺村", "Juehuangsi Village"),
          v("620523103203", "蔡家寺村", "Caijiasi Village"),
        ],
      },
      {
        ...v("620523109", "大庄镇", "Dazhuang Town", false),
        villages: [
          v("620523109201", "大庄村", "Dazhuang Village", false),
          v("620523109202", "红崖湾村", "Hongyawan Village"),
          v("620523109203", "王家庄村", "Wangjiazhuang Village"),
          v("620523109204", "川口村", "Chuankou Village"),
          v("620523109205", "杨家坪村", "Yangjiaping Village"),
        ],
      },
    ],
  },
  {
    ...v("620721", "肃南裕固族自治县", "Sunan Yugur Autonomous County", false),
    cityCode: "6207",
    prefix: "SN",
    townships: [
      {
        ...v("620721100", "红湾寺镇", "Hongwansi Town"),
        villages: [
          v("620721100201", "隆畅村", "Longchang Village"),
          v("620721100202", "西岭村", "Xiling Village"),
          v("620721100203", "白庄子村", "Baizhuangzi Village"),
        ],
      },
      {
        ...v("620721101", "皇城镇", "Huangcheng Town"),
        villages: [
          v("620721101201", "北极村", "Beiji Village"),
          v("620721101202", "东顶村", "Dongding Village"),
          v("620721101203", "马营村", "Maying Village"),
          v("620721101204", "宁昌村", "Ningchang Village"),
        ],
      },
      {
        ...v("620721102", "康乐镇", "Kangle Town"),
        villages: [
          v("620721102201", "赛鼎村", "Saiding Village"),
          v("620721102202", "杨哥村", "Yangge Village"),
          v("620721102203", "巴音村", "Bayin Village"),
        ],
      },
      {
        ...v("620721200", "马蹄藏族乡", "Mati Tibetan Township", false),
        villages: [
          v("620721200201", "大都麻村", "Daduma Village", false),
          v("620721200202", "马蹄村", "Mati Village"),
          v("620721200203", "芭蕉湾村", "Bajiaowan Village"),
          v("620721200204", "楼庄子村", "Louzhuangzi Village"),
        ],
      },
      {
        ...v("620721203", "明花乡", "Minghua Township"),
        villages: [
          v("620721203201", "前滩村", "Qiantan Village"),
          v("620721203202", "黄土坡村", "Huangtupo Village"),
          v("620721203203", "湖边子村", "Hubianzi Village"),
        ],
      },
    ],
  },
];

/** village code → { townshipId, countyId } */
const VILLAGE_INDEX = new Map<string, { townshipId: string; countyId: string }>();
for (const county of COUNTIES)
  for (const t of county.townships)
    for (const village of t.villages) VILLAGE_INDEX.set(village.code, { townshipId: t.code, countyId: county.code });
function placeOf(villageId: string) {
  const found = VILLAGE_INDEX.get(villageId);
  if (!found) throw new Error(`seed data: unknown village ${villageId}`);
  return found;
}

// ------------------------------------------------------------------------------------------------
// GI marks. Names, kinds, years and counties come from the seed reports; registration numbers and
// holders are plausible placeholders, not copied from the official registers.

interface GiSeed {
  slug: string;
  nameZh: string;
  nameEn: string;
  kind: GiMarkKind;
  registrationNo: string;
  year: number;
  holderZh: string;
  holderEn: string;
  countyId: string;
}
const VEG_ASSOC_ZH = "甘谷县蔬菜产销协会";
const VEG_ASSOC_EN = "Gangu County Vegetable Production and Marketing Association";
const SUNAN_STATION_ZH = "肃南裕固族自治县畜牧技术推广站";
const SUNAN_STATION_EN = "Sunan Yugur Autonomous County Animal Husbandry Extension Station";

const GI_MARKS: GiSeed[] = [
  {
    slug: "gangu-chili",
    nameZh: "甘谷辣椒",
    nameEn: "Gangu Chili",
    kind: "CERT_TRADEMARK",
    registrationNo: "第8213567号",
    year: 2011,
    holderZh: VEG_ASSOC_ZH,
    holderEn: VEG_ASSOC_EN,
    countyId: "620523",
  },
  {
    slug: "gangu-apple",
    nameZh: "甘谷苹果",
    nameEn: "Gangu Apple",
    kind: "CERT_TRADEMARK",
    registrationNo: "第10478312号",
    year: 2013,
    holderZh: "甘谷县果业协会",
    holderEn: "Gangu County Fruit Industry Association",
    countyId: "620523",
  },
  {
    slug: "gangu-scallion",
    nameZh: "甘谷大葱",
    nameEn: "Gangu Scallion",
    kind: "CERT_TRADEMARK",
    registrationNo: "第13865209号",
    year: 2015,
    holderZh: VEG_ASSOC_ZH,
    holderEn: VEG_ASSOC_EN,
    countyId: "620523",
  },
  {
    slug: "gangu-cabbage",
    nameZh: "甘谷大白菜",
    nameEn: "Gangu Chinese Cabbage",
    kind: "CERT_TRADEMARK",
    registrationNo: "第13865210号",
    year: 2015,
    holderZh: VEG_ASSOC_ZH,
    holderEn: VEG_ASSOC_EN,
    countyId: "620523",
  },
  {
    slug: "gansu-fine-wool-sheep",
    nameZh: "甘肃高山细毛羊",
    nameEn: "Gansu Alpine Fine-wool Sheep",
    kind: "AGRI_GI",
    registrationNo: "AGI01237",
    year: 2013,
    holderZh: SUNAN_STATION_ZH,
    holderEn: SUNAN_STATION_EN,
    countyId: "620721",
  },
  {
    slug: "sunan-yak",
    nameZh: "肃南牦牛",
    nameEn: "Sunan Yak",
    kind: "AGRI_GI",
    registrationNo: "AGI01486",
    year: 2014,
    holderZh: SUNAN_STATION_ZH,
    holderEn: SUNAN_STATION_EN,
    countyId: "620721",
  },
];
const giId = (slug: string) => `seed-gi-${slug}`;

// ------------------------------------------------------------------------------------------------
// Operators (invented: isDemo), with GB 32100 unified social credit codes (valid check characters).

const CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
function orgCodeCheck(first8: string): string {
  // GB 11714: digits are their value, letters A=10 … Z=35.
  const value = (c: string) => (/\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55);
  const sum = [...first8].reduce((s, c, i) => s + value(c) * ORG_WEIGHTS[i]!, 0);
  const check = 11 - (sum % 11);
  return check === 10 ? "X" : check === 11 ? "0" : String(check);
}
function creditCode(type: "91" | "92" | "93", area: string, rng: Rng): string {
  const body8 = "MA" + Array.from({ length: 6 }, () => pick(rng, [..."0123456789ABCDEFGHJKLMNPQRTUWXY"])).join("");
  const first17 = type + area + body8 + orgCodeCheck(body8);
  const sum = [...first17].reduce((s, c, i) => s + CREDIT_CHARS.indexOf(c) * CREDIT_WEIGHTS[i]!, 0);
  const check = (31 - (sum % 31)) % 31;
  return first17 + CREDIT_CHARS[check]!;
}

interface OperatorSeed {
  slug: string;
  nameZh: string;
  nameEn: string;
  kind: OperatorKind;
  creditType: "91" | "92" | "93";
  villageId: string;
  marks: string[];
  descriptionZh: string;
  descriptionEn: string;
}

const OPERATORS: OperatorSeed[] = [
  {
    slug: "dazhuang-chili-coop",
    nameZh: "甘谷县大庄镇椒乡红辣椒种植农民专业合作社",
    nameEn: "Gangu Dazhuang Jiaoxiang Chili Growers' Cooperative",
    kind: "COOPERATIVE",
    creditType: "93",
    villageId: "620523109201",
    marks: ["gangu-chili"],
    descriptionZh:
      "合作社设在大庄镇大庄村,组织社员按统一标准种植、晾晒、分拣甘谷辣椒和花椒,以订单收购和入股分红带动建档立卡户增收。每年参加甘谷辣椒、花椒采摘节,产品曾参与“陇上双椒、果然不凡”直播带货。(演示数据)",
    descriptionEn:
      "Based in Dazhuang Village, Dazhuang Town, the cooperative grows, sun-dries and grades Gangu chili and Sichuan pepper to one standard, and raises registered households' incomes through contract purchasing and share dividends. It takes part in Gangu's chili and pepper picking festivals, and its produce featured in the “Longshang Double Peppers” livestream. (Demo data)",
  },
  {
    slug: "dazhuang-workshop",
    nameZh: "甘谷县大庄村椒乡帮扶车间",
    nameEn: "Dazhuang Village Jiaoxiang Assistance Workshop",
    kind: "WORKSHOP",
    creditType: "91",
    villageId: "620523109201",
    marks: ["gangu-chili"],
    descriptionZh:
      "2018年5月14日,全省首个“扶贫车间”在大庄镇大庄村揭牌。本车间沿用家门口就业的做法,在村里焙制辣椒面、熬制油泼辣子、分装花椒粉,让群众“照顾家庭、作务农活、挣钱养家”三不误。(演示数据)",
    descriptionEn:
      "On 14 May 2018 the province's first poverty-alleviation workshop opened in Dazhuang Village, Dazhuang Town. This workshop follows the same idea of jobs on the doorstep: villagers toast chili flakes, make chili oil and pack ground Sichuan pepper while still looking after their families and fields. (Demo data)",
  },
  {
    slug: "weichuan-fruit",
    nameZh: "甘谷县渭川果业有限责任公司",
    nameEn: "Gangu Weichuan Fruit Co., Ltd.",
    kind: "ENTERPRISE",
    creditType: "91",
    villageId: "620523102201",
    marks: ["gangu-apple"],
    descriptionZh:
      "按照“山区人均一亩园”的思路,公司与磐安镇、六峰镇果农签订收购订单,分级包装甘谷苹果,并随县里赴天津、郑州、长沙、深圳参加苹果推介会。(演示数据)",
    descriptionEn:
      "Following the county's “one mu of orchard per person in the hills” plan, the company buys apples from growers in Pan'an and Liufeng towns under contract, grades and packs them, and joins the county's apple promotions in Tianjin, Zhengzhou, Changsha and Shenzhen. (Demo data)",
  },
  {
    slug: "hejiashan-family-farm",
    nameZh: "甘谷县六峰镇何家山家庭农场",
    nameEn: "Hejiashan Family Farm, Liufeng Town",
    kind: "FAMILY_FARM",
    creditType: "92",
    villageId: "620523103201",
    marks: ["gangu-scallion", "gangu-cabbage"],
    descriptionZh:
      "响应“川区户均两亩菜”,农场流转周边农户土地种植甘谷大葱和甘谷大白菜,雇用村里的脱贫户务工,并按销量支付土地流转收益。(演示数据)",
    descriptionEn:
      "In line with the county's “two mu of vegetables per household on the plain”, the farm rents land from neighbouring households to grow Gangu scallions and Chinese cabbage, hires lifted-out-of-poverty villagers, and pays land rent in step with sales. (Demo data)",
  },
  {
    slug: "qilian-pastoral",
    nameZh: "肃南县祁连牧歌畜产品开发有限公司",
    nameEn: "Sunan Qilian Pastoral Livestock Products Co., Ltd.",
    kind: "ENTERPRISE",
    creditType: "91",
    villageId: "620721101201",
    marks: ["gansu-fine-wool-sheep", "sunan-yak"],
    descriptionZh:
      "立足草畜资源优势,公司收购皇城镇牧户饲养的甘肃高山细毛羊和肃南牦牛,统一屠宰检疫、冷链分割销售,参与细毛羊标准化生产连片推进示范点建设。(演示数据)",
    descriptionEn:
      "Building on the county's grassland and livestock, the company buys Gansu Alpine Fine-wool Sheep and Sunan yaks raised by herders in Huangcheng Town, has them slaughtered and inspected, and sells chilled cuts; it takes part in the county's fine-wool sheep standard-production demonstration sites. (Demo data)",
  },
  {
    slug: "daduma-coop",
    nameZh: "肃南县马蹄藏族乡大都麻村草原生态养殖农民专业合作社",
    nameEn: "Daduma Village Grassland Ecological Husbandry Cooperative, Mati Tibetan Township",
    kind: "COOPERATIVE",
    creditType: "93",
    villageId: "620721200201",
    marks: ["gansu-fine-wool-sheep"],
    descriptionZh:
      "大都麻村养殖小区牛羊肥壮,电商服务点特色产品琳琅满目。合作社组织牧户养殖细毛羊、人工培育蘑菇,通过“政府+电商企业+农牧户”模式让山货进城。(演示数据)",
    descriptionEn:
      "In Daduma Village the livestock yards are full of well-fed cattle and sheep, and the e-commerce service point is stocked with local goods. The cooperative organises herders to raise fine-wool sheep and cultivate mushrooms, and sends mountain produce to the cities through a “government + e-commerce company + herders” model. (Demo data)",
  },
  {
    slug: "kangle-chicken-farm",
    nameZh: "肃南县康乐镇草原虫草鸡家庭农场",
    nameEn: "Kangle Grassland Chicken Family Farm",
    kind: "FAMILY_FARM",
    creditType: "92",
    villageId: "620721102201",
    marks: [],
    descriptionZh: "农场在康乐草原散养草原虫草鸡,鸡只以草籽、昆虫为食,生长周期一年以上;农场收购周边农牧户代养的鸡只,按只结算。(演示数据)",
    descriptionEn:
      "The farm free-ranges grassland chickens on the Kangle grassland, where they feed on seeds and insects for over a year; it also buys birds that neighbouring farmers and herders raise for it, paying per bird. (Demo data)",
  },
  {
    slug: "hongwansi-workshop",
    nameZh: "肃南县红湾寺镇裕固牧家帮扶车间",
    nameEn: "Hongwansi Yugur Herders' Assistance Workshop",
    kind: "WORKSHOP",
    creditType: "91",
    villageId: "620721100201",
    marks: ["sunan-yak"],
    descriptionZh: "车间设在红湾寺镇,吸纳牧民在家门口务工,手工制作牦牛肉干、分装干蘑菇,借助县里的电商服务店把“山货”送出大山。(演示数据)",
    descriptionEn:
      "Set up in Hongwansi Town, the workshop gives herders jobs close to home making yak jerky by hand and packing dried mushrooms, and sells them far beyond the mountains through the county's e-commerce service points. (Demo data)",
  },
];
const opId = (slug: string) => `seed-op-${slug}`;

// ------------------------------------------------------------------------------------------------
// Products

interface ProductSeed {
  slug: string;
  op: string;
  villageId: string;
  category: Category;
  nameZh: string;
  nameEn: string;
  descriptionZh: string;
  descriptionEn: string;
  unitZh: string;
  unitEn: string;
  specZh: string;
  specEn: string;
  priceFen: number;
  stock: number;
  status: ProductStatus;
  listed?: boolean;
  gi?: string;
  images: string[];
  created: string;
}

const PRODUCTS: ProductSeed[] = [
  {
    slug: "gangu-chili-dried-500g",
    op: "dazhuang-chili-coop",
    villageId: "620523109201",
    category: "CHILI",
    nameZh: "甘谷线椒干 500克",
    nameEn: "Gangu Dried Thread Chili 500 g",
    descriptionZh: "甘谷线椒皮薄肉厚、色泽红亮,辣味醇香。产自大庄镇大庄村合作社基地,自然晾晒、人工分拣。适合炖菜、炒菜或自制油泼辣子。",
    descriptionEn:
      "Gangu thread chili has thin skin, thick flesh, a glossy red colour and a rounded heat. Grown by the cooperative in Dazhuang Village, sun-dried and sorted by hand. Use it in stews, stir-fries or homemade chili oil.",
    unitZh: "袋",
    unitEn: "bag",
    specZh: "500克/袋",
    specEn: "500 g per bag",
    priceFen: 2880,
    stock: 320,
    status: "CERTIFIED",
    gi: "gangu-chili",
    images: ["chili-dried"],
    created: "2026-01-12",
  },
  {
    slug: "gangu-chili-dried-5kg",
    op: "dazhuang-chili-coop",
    villageId: "620523109202",
    category: "CHILI",
    nameZh: "甘谷辣椒干 5公斤家庭装",
    nameEn: "Gangu Dried Chili Family Box 5 kg",
    descriptionZh: "整箱装甘谷辣椒干,适合餐馆、食堂和爱吃辣的大家庭。辣椒秋季采摘后挂晒,保留浓郁椒香。",
    descriptionEn:
      "A whole box of Gangu dried chili for restaurants, canteens and chili-loving families. Picked in autumn and hung to dry, it keeps its full aroma.",
    unitZh: "箱",
    unitEn: "box",
    specZh: "5公斤/箱",
    specEn: "5 kg per box",
    priceFen: 19800,
    stock: 60,
    status: "CERTIFIED",
    gi: "gangu-chili",
    images: ["chili-dried", "chili-string"],
    created: "2026-02-03",
  },
  {
    slug: "gangu-chili-string-1kg",
    op: "dazhuang-chili-coop",
    villageId: "620523109203",
    category: "CHILI",
    nameZh: "手编甘谷辣椒串 1公斤",
    nameEn: "Hand-tied Gangu Chili String 1 kg",
    descriptionZh: "农户手工编成的辣椒串,挂在厨房随取随用,也是喜庆的装饰。每串约1公斤。",
    descriptionEn:
      "A chili string tied by hand in farm households: hang it in the kitchen and pick as you cook, or keep it as a festive decoration. About 1 kg per string.",
    unitZh: "串",
    unitEn: "string",
    specZh: "约1公斤/串",
    specEn: "about 1 kg per string",
    priceFen: 4500,
    stock: 0,
    status: "CERTIFIED",
    gi: "gangu-chili",
    images: ["chili-string"],
    created: "2026-03-15",
  },
  {
    slug: "gangu-sichuan-pepper-250g",
    op: "dazhuang-chili-coop",
    villageId: "620523109204",
    category: "SICHUAN_PEPPER",
    nameZh: "甘谷大红袍花椒 250克",
    nameEn: "Gangu Dahongpao Sichuan Pepper 250 g",
    descriptionZh: "大红袍花椒颗粒饱满、麻味纯正、开口率高。甘谷每年举办花椒采摘节,椒农在立秋前后手工采收。",
    descriptionEn:
      "Dahongpao Sichuan pepper: plump husks, a clean numbing taste and most husks split open. Gangu holds a pepper picking festival every year, and growers pick by hand around the start of autumn.",
    unitZh: "袋",
    unitEn: "bag",
    specZh: "250克/袋",
    specEn: "250 g per bag",
    priceFen: 4500,
    stock: 180,
    status: "CERTIFIED",
    images: ["sichuan-pepper"],
    created: "2026-04-02",
  },
  {
    slug: "gangu-chili-flakes-500g",
    op: "dazhuang-workshop",
    villageId: "620523109201",
    category: "CHILI",
    nameZh: "石磨甘谷辣椒面 500克",
    nameEn: "Stone-ground Gangu Chili Flakes 500 g",
    descriptionZh: "选用甘谷辣椒,在大庄村帮扶车间焙香后石磨成面,粗细适中。泼上热油即成香辣油泼辣子。",
    descriptionEn:
      "Gangu chili toasted and stone-ground in the Dazhuang Village assistance workshop to a medium grind. Pour hot oil over it for fragrant chili oil.",
    unitZh: "袋",
    unitEn: "bag",
    specZh: "500克/袋",
    specEn: "500 g per bag",
    priceFen: 3200,
    stock: 240,
    status: "CERTIFIED",
    gi: "gangu-chili",
    images: ["chili-dried"],
    created: "2026-01-25",
  },
  {
    slug: "gangu-chili-oil-2x260g",
    op: "dazhuang-workshop",
    villageId: "620523109201",
    category: "CHILI",
    nameZh: "甘谷油泼辣子 260克×2瓶",
    nameEn: "Gangu Chili Oil 2 × 260 g",
    descriptionZh: "以甘谷辣椒面、菜籽油和芝麻现泼制成,香而不燥,拌面、蘸饺子都合适。新品,正在申请消费帮扶产品认定。",
    descriptionEn:
      "Made from Gangu chili flakes, rapeseed oil and sesame: fragrant rather than fiery, good on noodles and with dumplings. A new product awaiting certification as an assistance product.",
    unitZh: "份",
    unitEn: "pack",
    specZh: "260克×2瓶/份",
    specEn: "2 jars of 260 g per pack",
    priceFen: 3990,
    stock: 90,
    status: "PENDING_CERTIFICATION",
    images: ["chili-dried"],
    created: "2026-09-10",
  },
  {
    slug: "gangu-sichuan-pepper-ground-3x100g",
    op: "dazhuang-workshop",
    villageId: "620523109205",
    category: "SICHUAN_PEPPER",
    nameZh: "甘谷花椒粉 100克×3袋",
    nameEn: "Gangu Ground Sichuan Pepper 3 × 100 g",
    descriptionZh: "当季花椒去籽去梗后低温研磨,麻香浓郁。小袋分装,开袋即用。",
    descriptionEn:
      "This season's pepper, seeds and stems removed, ground at low temperature for a strong numbing aroma. Packed in small bags, ready to use.",
    unitZh: "份",
    unitEn: "pack",
    specZh: "100克×3袋/份",
    specEn: "3 bags of 100 g per pack",
    priceFen: 3600,
    stock: 150,
    status: "CERTIFIED",
    images: ["sichuan-pepper"],
    created: "2026-05-08",
  },
  {
    slug: "gangu-apple-huaniu-5kg",
    op: "weichuan-fruit",
    villageId: "620523102201",
    category: "APPLE",
    nameZh: "甘谷花牛苹果 5公斤",
    nameEn: "Gangu Huaniu Apples 5 kg",
    descriptionZh: "花牛苹果果形高桩、色泽浓红,果肉细脆多汁。果园位于渭河川区的磐安镇,昼夜温差大,糖分积累充足。",
    descriptionEn:
      "Huaniu apples are tall, deep red and crisp, with fine, juicy flesh. The orchards lie in Pan'an Town on the Wei River plain, where wide day-night temperature swings build sweetness.",
    unitZh: "箱",
    unitEn: "box",
    specZh: "5公斤/箱",
    specEn: "5 kg per box",
    priceFen: 6800,
    stock: 260,
    status: "CERTIFIED",
    gi: "gangu-apple",
    images: ["apple", "apple-branch"],
    created: "2026-01-08",
  },
  {
    slug: "gangu-apple-fuji-10kg",
    op: "weichuan-fruit",
    villageId: "620523102202",
    category: "APPLE",
    nameZh: "甘谷红富士苹果 10公斤",
    nameEn: "Gangu Red Fuji Apples 10 kg",
    descriptionZh: "晚熟红富士,果面光洁、甜酸适口、耐储存。按果径分级装箱,每箱约32至36个。",
    descriptionEn:
      "Late-ripening Red Fuji: smooth skin, a balanced sweet-tart taste, and they keep well. Graded by size, about 32 to 36 apples per box.",
    unitZh: "箱",
    unitEn: "box",
    specZh: "10公斤/箱",
    specEn: "10 kg per box",
    priceFen: 9800,
    stock: 0,
    status: "CERTIFIED",
    gi: "gangu-apple",
    images: ["apple"],
    created: "2026-02-20",
  },
  {
    slug: "gangu-apple-gift-12",
    op: "weichuan-fruit",
    villageId: "620523103202",
    category: "APPLE",
    nameZh: "甘谷苹果礼盒 12枚装",
    nameEn: "Gangu Apple Gift Box, 12 Apples",
    descriptionZh: "精选果径85毫米以上的甘谷苹果,单果套网、礼盒包装。适合节日送礼和单位采购。",
    descriptionEn:
      "Gangu apples over 85 mm across, each in a foam net, packed in a gift box. Suits holiday gifts and workplace purchasing.",
    unitZh: "盒",
    unitEn: "box",
    specZh: "12枚/盒",
    specEn: "12 apples per box",
    priceFen: 8800,
    stock: 120,
    status: "CERTIFIED",
    gi: "gangu-apple",
    images: ["apple-branch", "apple"],
    created: "2026-09-01",
  },
  {
    slug: "gangu-apple-crisps-10x30g",
    op: "weichuan-fruit",
    villageId: "620523102203",
    category: "APPLE",
    nameZh: "甘谷苹果脆片 30克×10袋",
    nameEn: "Gangu Apple Crisps 10 × 30 g",
    descriptionZh: "以甘谷苹果为原料低温真空冻干,不加糖,酥脆香甜。小袋独立包装,便于携带。尚在试销阶段。",
    descriptionEn:
      "Gangu apples freeze-dried at low temperature with no added sugar: crisp and sweet. Individually bagged for snacking on the go. Still in trial sale.",
    unitZh: "份",
    unitEn: "pack",
    specZh: "30克×10袋/份",
    specEn: "10 bags of 30 g per pack",
    priceFen: 4900,
    stock: 75,
    status: "DRAFT",
    images: ["apple-branch"],
    created: "2026-10-12",
  },
  {
    slug: "gangu-scallion-5kg",
    op: "hejiashan-family-farm",
    villageId: "620523103201",
    category: "SCALLION",
    nameZh: "甘谷大葱 5公斤",
    nameEn: "Gangu Scallions 5 kg",
    descriptionZh: "甘谷大葱葱白长、质地紧实,辣中带甜,生吃、炒菜都好。农场现挖现发,带泥保鲜。",
    descriptionEn:
      "Gangu scallions have long, firm white stalks and a sweet bite, good raw or cooked. Dug to order at the farm and shipped with the soil on to stay fresh.",
    unitZh: "箱",
    unitEn: "box",
    specZh: "5公斤/箱",
    specEn: "5 kg per box",
    priceFen: 3500,
    stock: 200,
    status: "CERTIFIED",
    gi: "gangu-scallion",
    images: ["scallion"],
    created: "2026-03-02",
  },
  {
    slug: "gangu-scallion-long-white-10kg",
    op: "hejiashan-family-farm",
    villageId: "620523103203",
    category: "SCALLION",
    nameZh: "甘谷长白大葱 10公斤",
    nameEn: "Gangu Long-white Scallions 10 kg",
    descriptionZh: "葱白长度40厘米以上的精选大葱,适合饭店后厨和单位食堂。整箱从农场直发。",
    descriptionEn:
      "Select scallions with white stalks over 40 cm, for restaurant kitchens and canteens. Shipped by the box straight from the farm.",
    unitZh: "箱",
    unitEn: "box",
    specZh: "10公斤/箱",
    specEn: "10 kg per box",
    priceFen: 5800,
    stock: 110,
    status: "CERTIFIED",
    gi: "gangu-scallion",
    images: ["scallion"],
    created: "2026-06-18",
  },
  {
    slug: "gangu-cabbage-2-heads",
    op: "hejiashan-family-farm",
    villageId: "620523103201",
    category: "CABBAGE",
    nameZh: "甘谷大白菜 2棵装",
    nameEn: "Gangu Chinese Cabbage, 2 Heads",
    descriptionZh: "甘谷大白菜叶球紧实、帮薄叶嫩,炖、炒、腌酸菜皆宜。每箱两棵,约6公斤。",
    descriptionEn:
      "Gangu Chinese cabbage grows tight heads with thin ribs and tender leaves, good braised, stir-fried or pickled. Two heads per box, about 6 kg.",
    unitZh: "箱",
    unitEn: "box",
    specZh: "2棵(约6公斤)/箱",
    specEn: "2 heads (about 6 kg) per box",
    priceFen: 2990,
    stock: 140,
    status: "CERTIFIED",
    gi: "gangu-cabbage",
    images: ["cabbage"],
    created: "2026-07-22",
  },
  {
    slug: "gangu-cabbage-10kg",
    op: "hejiashan-family-farm",
    villageId: "620523101201",
    category: "CABBAGE",
    nameZh: "甘谷大白菜 10公斤",
    nameEn: "Gangu Chinese Cabbage 10 kg",
    descriptionZh: "秋冬季节的整箱大白菜,适合腌制酸菜或储存过冬。农场在新兴镇渭水峪村流转土地种植。认定审核中。",
    descriptionEn:
      "A whole box of autumn cabbage, for pickling or keeping through the winter. Grown on land the farm rents in Weishuiyu Village, Xinxing Town. Certification under review.",
    unitZh: "箱",
    unitEn: "box",
    specZh: "10公斤/箱",
    specEn: "10 kg per box",
    priceFen: 3900,
    stock: 0,
    status: "PENDING_CERTIFICATION",
    gi: "gangu-cabbage",
    images: ["cabbage"],
    created: "2026-10-20",
  },
  {
    slug: "sunan-yak-beef-1kg",
    op: "qilian-pastoral",
    villageId: "620721101201",
    category: "YAK",
    nameZh: "肃南牦牛肉 冷鲜分割 1公斤",
    nameEn: "Sunan Yak Beef, Chilled Cuts 1 kg",
    descriptionZh: "肃南牦牛在海拔3000米以上的祁连山草场放牧,肉色深红、脂肪少。冷链分割包装,适合炖煮和涮锅。",
    descriptionEn:
      "Sunan yaks graze Qilian Mountain pastures above 3,000 m, giving deep red, lean meat. Cut and packed in the cold chain, for stews and hot pot.",
    unitZh: "份",
    unitEn: "pack",
    specZh: "1公斤/份",
    specEn: "1 kg per pack",
    priceFen: 13800,
    stock: 80,
    status: "CERTIFIED",
    gi: "sunan-yak",
    images: ["yak"],
    created: "2026-01-15",
  },
  {
    slug: "sunan-yak-ribs-2kg",
    op: "qilian-pastoral",
    villageId: "620721101202",
    category: "YAK",
    nameZh: "肃南牦牛排骨 2公斤",
    nameEn: "Sunan Yak Ribs 2 kg",
    descriptionZh: "带骨牦牛肋排,适合清炖和红烧。由皇城镇牧户饲养,企业统一屠宰检疫。",
    descriptionEn:
      "Bone-in yak ribs for clear broth or red braising. Raised by herding households in Huangcheng Town, slaughtered and inspected by the company.",
    unitZh: "份",
    unitEn: "pack",
    specZh: "2公斤/份",
    specEn: "2 kg per pack",
    priceFen: 19800,
    stock: 45,
    status: "CERTIFIED",
    gi: "sunan-yak",
    images: ["yak"],
    created: "2026-04-28",
  },
  {
    slug: "sunan-fine-wool-lamb-leg-2kg",
    op: "qilian-pastoral",
    villageId: "620721101203",
    category: "MUTTON",
    nameZh: "甘肃高山细毛羊 羊后腿 2公斤",
    nameEn: "Gansu Alpine Fine-wool Lamb Leg 2 kg",
    descriptionZh: "甘肃高山细毛羊是农产品地理标志产品,在肃南高山草场放牧,肉质细嫩、膻味轻。整只羊后腿,适合烤制。",
    descriptionEn:
      "Gansu Alpine Fine-wool Sheep is a registered agricultural GI product, grazed on Sunan's high pastures for tender, mild meat. A whole hind leg, ideal for roasting.",
    unitZh: "份",
    unitEn: "pack",
    specZh: "约2公斤/份",
    specEn: "about 2 kg per pack",
    priceFen: 16800,
    stock: 70,
    status: "CERTIFIED",
    gi: "gansu-fine-wool-sheep",
    images: ["mutton"],
    created: "2026-02-11",
  },
  {
    slug: "sunan-fine-wool-lamb-chops-1500g",
    op: "qilian-pastoral",
    villageId: "620721101204",
    category: "MUTTON",
    nameZh: "高山细毛羊 羊排 1.5公斤",
    nameEn: "Alpine Fine-wool Lamb Chops 1.5 kg",
    descriptionZh: "精修羊排,肥瘦相间。解冻后直接煎烤或清水煮成手抓羊肉,原汁原味。",
    descriptionEn: "Trimmed lamb chops with a good balance of fat and lean. Thaw, then pan-fry, grill or boil them for hand-pulled lamb.",
    unitZh: "份",
    unitEn: "pack",
    specZh: "1.5公斤/份",
    specEn: "1.5 kg per pack",
    priceFen: 14900,
    stock: 95,
    status: "CERTIFIED",
    gi: "gansu-fine-wool-sheep",
    images: ["mutton"],
    created: "2026-05-19",
  },
  {
    slug: "sunan-hand-pulled-mutton-2kg",
    op: "daduma-coop",
    villageId: "620721200201",
    category: "MUTTON",
    nameZh: "大都麻村手抓羊肉 2公斤",
    nameEn: "Daduma Village Hand-pulled Mutton 2 kg",
    descriptionZh: "大都麻村牧户养殖的细毛羊,按传统清水煮制后真空包装。加热即食,配蒜和椒盐。",
    descriptionEn:
      "Fine-wool sheep raised by herders of Daduma Village, boiled in plain water the traditional way and vacuum-packed. Heat and eat with garlic and pepper salt.",
    unitZh: "份",
    unitEn: "pack",
    specZh: "2公斤/份",
    specEn: "2 kg per pack",
    priceFen: 17800,
    stock: 60,
    status: "CERTIFIED",
    gi: "gansu-fine-wool-sheep",
    images: ["mutton"],
    created: "2026-03-28",
  },
  {
    slug: "sunan-fresh-mushrooms-2kg",
    op: "daduma-coop",
    villageId: "620721200202",
    category: "MUSHROOM",
    nameZh: "肃南草原鲜蘑菇 2公斤",
    nameEn: "Sunan Fresh Grassland Mushrooms 2 kg",
    descriptionZh: "马蹄藏族乡农牧民人工培育的鲜蘑菇,菌盖厚实、口感爽滑。当天采摘、冷链发货。",
    descriptionEn:
      "Fresh mushrooms cultivated by farmers and herders of Mati Tibetan Township: thick caps and a silky texture. Picked and shipped in the cold chain the same day.",
    unitZh: "箱",
    unitEn: "box",
    specZh: "2公斤/箱",
    specEn: "2 kg per box",
    priceFen: 5600,
    stock: 130,
    status: "CERTIFIED",
    images: ["mushroom"],
    created: "2026-06-05",
  },
  {
    slug: "sunan-dried-mushrooms-250g",
    op: "daduma-coop",
    villageId: "620721200203",
    category: "MUSHROOM",
    nameZh: "肃南干蘑菇 250克",
    nameEn: "Sunan Dried Mushrooms 250 g",
    descriptionZh: "鲜蘑菇切片晾干,泡发后香味更浓,适合炖汤、炒肉。正在申请消费帮扶产品认定。",
    descriptionEn:
      "Sliced and air-dried mushrooms with a richer aroma after soaking, for soups and stir-fries. Awaiting certification as an assistance product.",
    unitZh: "袋",
    unitEn: "bag",
    specZh: "250克/袋",
    specEn: "250 g per bag",
    priceFen: 4800,
    stock: 200,
    status: "PENDING_CERTIFICATION",
    images: ["mushroom"],
    created: "2026-08-14",
  },
  {
    slug: "sunan-grassland-chicken-whole",
    op: "kangle-chicken-farm",
    villageId: "620721102201",
    category: "CHICKEN",
    nameZh: "肃南草原虫草鸡 整只",
    nameEn: "Sunan Grassland Chicken, Whole Bird",
    descriptionZh: "在康乐草原散养一年以上的草原鸡,以草籽和昆虫为食,肉质紧实、汤色金黄。整只冷鲜,约1.5公斤。",
    descriptionEn:
      "Chickens free-ranged for over a year on the Kangle grassland, feeding on seeds and insects: firm meat and a golden broth. One whole chilled bird, about 1.5 kg.",
    unitZh: "只",
    unitEn: "bird",
    specZh: "约1.5公斤/只",
    specEn: "about 1.5 kg per bird",
    priceFen: 12800,
    stock: 110,
    status: "CERTIFIED",
    images: ["chicken"],
    created: "2026-02-26",
  },
  {
    slug: "sunan-grassland-chicken-2-birds",
    op: "kangle-chicken-farm",
    villageId: "620721102202",
    category: "CHICKEN",
    nameZh: "草原虫草鸡 2只装",
    nameEn: "Grassland Chicken, 2 Birds",
    descriptionZh: "两只装,适合家庭炖汤或节日宴席。农场收购周边牧户代养的鸡只,按只结算。新上架,暂未申请认定。",
    descriptionEn:
      "Two birds per pack, for family soups or holiday meals. The farm buys birds that neighbouring herders raise for it, paying per bird. Newly listed, not yet submitted for certification.",
    unitZh: "份",
    unitEn: "pack",
    specZh: "2只(约3公斤)/份",
    specEn: "2 birds (about 3 kg) per pack",
    priceFen: 23800,
    stock: 0,
    status: "DRAFT",
    images: ["chicken"],
    created: "2026-10-28",
  },
  {
    slug: "sunan-yak-jerky-500g",
    op: "hongwansi-workshop",
    villageId: "620721100201",
    category: "YAK",
    nameZh: "手撕牦牛肉干 500克",
    nameEn: "Hand-torn Yak Jerky 500 g",
    descriptionZh: "以肃南牦牛后腿肉为原料,在帮扶车间手工风干制作,越嚼越香。独立小包装。",
    descriptionEn:
      "Made from Sunan yak hind leg and air-dried by hand in the assistance workshop; the more you chew, the better it tastes. Individually wrapped.",
    unitZh: "袋",
    unitEn: "bag",
    specZh: "500克/袋",
    specEn: "500 g per bag",
    priceFen: 9800,
    stock: 220,
    status: "CERTIFIED",
    gi: "sunan-yak",
    images: ["yak"],
    created: "2026-03-08",
  },
  {
    slug: "sunan-dried-mushroom-mix-300g",
    op: "hongwansi-workshop",
    villageId: "620721100202",
    category: "MUSHROOM",
    nameZh: "草原杂菌干货 300克",
    nameEn: "Dried Grassland Mushroom Mix 300 g",
    descriptionZh: "多种干蘑菇混装。因原料来源证明不全,认定申请未通过,暂不上架。",
    descriptionEn:
      "A mix of dried mushrooms. Certification was refused because the sourcing records were incomplete, so it is not listed for now.",
    unitZh: "袋",
    unitEn: "bag",
    specZh: "300克/袋",
    specEn: "300 g per bag",
    priceFen: 5200,
    stock: 40,
    status: "REJECTED",
    listed: false,
    images: ["mushroom"],
    created: "2026-07-02",
  },
];
const productId = (slug: string) => `seed-p-${slug}`;

const IMAGE_ALT: Record<string, [string, string]> = {
  "chili-dried": ["竹匾里晾晒的红辣椒", "Red dried chilies on a bamboo tray"],
  "chili-string": ["挂在墙上的手编辣椒串", "A hand-tied string of red chilies hanging on a wall"],
  apple: ["木桌上的红苹果", "Red apples on a wooden table"],
  "apple-branch": ["枝头的苹果和一箱刚摘的苹果", "Apples on the branch and a crate of freshly picked apples"],
  scallion: ["一捆系着红绳的大葱", "A bundle of scallions tied with red string"],
  cabbage: ["三棵大白菜", "Three heads of Chinese cabbage"],
  "sichuan-pepper": ["花椒枝和一碗红花椒", "A Sichuan pepper branch and a bowl of red peppercorns"],
  mushroom: ["草地上的蘑菇", "Mushrooms growing on grass"],
  mutton: ["祁连山下草场上的细毛羊", "Fine-wool sheep on pasture below the Qilian Mountains"],
  yak: ["雪山草场上的牦牛", "Yaks on pasture below snowy mountains"],
  chicken: ["草原上散养的鸡", "Free-range chickens on the grassland"],
};

// ------------------------------------------------------------------------------------------------
// Households: ~300 fictional registered households

const SURNAMES = [
  ..."王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤",
];
const FICTIONAL_TAGS = ["示例", "演示", "样例"];
const HOUSEHOLD_COUNTS: Record<string, number> = { "620523": 210, "620721": 90 };

interface HouseholdSeed {
  id: string;
  registryCode: string;
  headName: string;
  residentId: string;
  villageId: string;
  townshipId: string;
  countyId: string;
  members: number;
  status: HouseholdStatus;
  yearIdentified: number;
}

function buildHouseholds(): HouseholdSeed[] {
  const rng = mulberry32(20140101);
  const used = new Set<string>();
  const out: HouseholdSeed[] = [];
  for (const county of COUNTIES) {
    const villages = county.townships.flatMap((t) => t.villages.map((vil) => ({ vil, t })));
    const count = HOUSEHOLD_COUNTS[county.code]!;
    for (let i = 1; i <= count; i++) {
      // Every village gets some households; the rest land anywhere.
      const { vil, t } = i <= villages.length ? villages[i - 1]! : pick(rng, villages);
      const year = weighted(rng, [
        [2013, 2],
        [2014, 5],
        [2015, 3],
        [2016, 2],
      ] as const);
      const status = weighted(rng, [
        ["LIFTED", 80],
        ["MONITORED", 15],
        ["NOT_LIFTED", 5],
      ] as const);
      const members = weighted(rng, [
        [1, 6],
        [2, 12],
        [3, 18],
        [4, 24],
        [5, 20],
        [6, 13],
        [7, 7],
      ] as const);
      let residentId: string;
      do {
        const birth = new Date(Date.UTC(int(rng, 1942, 1992), 0, 1) + int(rng, 0, 364) * 86_400_000);
        const ymd = birth.toISOString().slice(0, 10).replaceAll("-", "");
        const first17 = county.code + ymd + String(int(rng, 0, 999)).padStart(3, "0");
        residentId = first17 + makeResidentIdCheckDigit(first17);
      } while (used.has(residentId));
      used.add(residentId);
      const registryCode = `${county.prefix}-${year}-${String(i).padStart(4, "0")}`;
      out.push({
        id: `seed-hh-${registryCode.toLowerCase()}`,
        registryCode,
        headName: `${pick(rng, SURNAMES)}${pick(rng, FICTIONAL_TAGS)}`,
        residentId,
        villageId: vil.code,
        townshipId: t.code,
        countyId: county.code,
        members,
        status,
        yearIdentified: year,
      });
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------------
// Benefit links and payouts

interface LinkSeed {
  id: string;
  householdId: string;
  operatorId: string;
  productId: string | null;
  mechanism: Mechanism;
  rule: BenefitRule;
  bps: number | null;
  fenPerUnit: number | null;
  validFrom: Date;
  validTo: Date | null;
  createdAt: Date;
}

// Budgets per group of links that apply to one product (docs/DESIGN.md#rule-5: links may not promise more than
// the line earns): at most 20% of the net amount in basis points and 12% of the cheapest unit price
// in fixed amounts, so every product keeps well over half of each sale.
const GROUP_BPS_CAP = 2000;
const GROUP_FIXED_SHARE = 0.12;

function buildLinks(households: HouseholdSeed[]): LinkSeed[] {
  const rng = mulberry32(20250101);
  const links: LinkSeed[] = [];
  let n = 0;
  for (const op of OPERATORS) {
    const county = placeOf(op.villageId).countyId;
    const products = PRODUCTS.filter((p) => p.op === op.slug && p.status !== "REJECTED");
    const pool = shuffled(
      rng,
      households.filter((h) => h.countyId === county),
    );
    const chosen = pool.slice(0, int(rng, 15, 50));
    // About half of an operator's products get links of their own; the others use the operator-wide links.
    const specific = products.slice(0, Math.floor(products.length / 2));
    const scopes: (ProductSeed | null)[] = [null, ...specific];
    const groups: HouseholdSeed[][] = scopes.map(() => []);
    chosen.forEach((h, i) => groups[i % scopes.length]!.push(h));
    const minPrice = Math.min(...PRODUCTS.filter((p) => p.op === op.slug).map((p) => p.priceFen));

    scopes.forEach((scope, g) => {
      const members = groups[g]!;
      const scopePrice = scope ? scope.priceFen : minPrice;
      const mechanisms = members.map(() => weighted(rng, MECHANISMS_BY_KIND[op.kind]));
      // DIVIDEND and LAND_RENT share in sales; PURCHASE and WAGE are paid per unit.
      const percent = mechanisms.map((m) => m === "DIVIDEND" || m === "LAND_RENT");
      const nPercent = percent.filter(Boolean).length;
      const nFixed = members.length - nPercent;
      const bpsCap = nPercent ? Math.min(800, Math.floor(GROUP_BPS_CAP / nPercent)) : 0;
      const fenCap = nFixed ? Math.floor((scopePrice * GROUP_FIXED_SHARE) / nFixed) : 0;
      members.forEach((h, i) => {
        const isPercent = percent[i]! || fenCap < 2;
        const bps = isPercent ? Math.max(1, Math.floor(bpsCap * (0.5 + rng() * 0.5))) : null;
        const fen = isPercent ? null : Math.max(1, Math.floor(fenCap * (0.5 + rng() * 0.5)));
        n++;
        links.push({
          id: `seed-link-${String(n).padStart(4, "0")}`,
          householdId: h.id,
          operatorId: opId(op.slug),
          productId: scope ? productId(scope.slug) : null,
          mechanism: mechanisms[i]!,
          rule: isPercent ? "PERCENT_OF_SALES" : "FIXED_PER_UNIT",
          bps,
          fenPerUnit: fen,
          validFrom: d("2025-01-01"),
          validTo: rng() < 0.4 ? d("2027-12-31") : null,
          createdAt: d("2025-01-01"),
        });
      });
    });
  }
  checkLinkBudgets(links);
  return links;
}

/** Fails the seed if the links applicable to any product could promise more than a sale earns. */
function checkLinkBudgets(links: LinkSeed[]) {
  for (const p of PRODUCTS) {
    const own = links.filter((l) => l.productId === productId(p.slug));
    const applicable = own.length ? own : links.filter((l) => l.operatorId === opId(p.op) && l.productId === null);
    const bps = applicable.reduce((s, l) => s + (l.bps ?? 0), 0);
    const fen = applicable.reduce((s, l) => s + (l.fenPerUnit ?? 0), 0);
    const perUnit = (p.priceFen * bps) / 10000 + fen;
    if (bps > 3000 || fen >= p.priceFen || perUnit > p.priceFen * 0.5) {
      throw new Error(`seed data: links of ${p.slug} promise too much (${bps} bps + ${fen} fen per unit)`);
    }
  }
}

interface PayoutSeed {
  id: string;
  operatorId: string;
  householdId: string;
  mechanism: Mechanism;
  amountFen: number;
  paidOn: Date;
  note: string;
  createdAt: Date;
}

function buildPayouts(links: LinkSeed[]): PayoutSeed[] {
  const rng = mulberry32(20260120);
  const payouts: PayoutSeed[] = [];
  for (const op of OPERATORS) {
    const mine = links.filter((l) => l.operatorId === opId(op.slug));
    const dividends = [...new Set(mine.filter((l) => l.mechanism === "DIVIDEND").map((l) => l.householdId))].slice(0, 2);
    for (const householdId of dividends) {
      payouts.push({
        id: `seed-payout-${String(payouts.length + 1).padStart(3, "0")}`,
        operatorId: opId(op.slug),
        householdId,
        mechanism: "DIVIDEND",
        amountFen: int(rng, 30, 120) * 1000,
        paidOn: d("2026-01-20"),
        note: "2025年度入股分红(演示数据) / 2025 share dividend (demo data)",
        createdAt: d("2026-01-20"),
      });
    }
    const wage = mine.find((l) => l.mechanism === "WAGE");
    if (wage) {
      payouts.push({
        id: `seed-payout-${String(payouts.length + 1).padStart(3, "0")}`,
        operatorId: opId(op.slug),
        householdId: wage.householdId,
        mechanism: "WAGE",
        amountFen: int(rng, 80, 240) * 1000,
        paidOn: d("2026-07-05"),
        note: "上半年务工工资(演示数据) / wages for the first half-year (demo data)",
        createdAt: d("2026-07-05"),
      });
    }
  }
  return payouts;
}

// ------------------------------------------------------------------------------------------------
// Writing

type Db = ReturnType<typeof createPrismaClient>;

async function seedRegions(db: Db) {
  const rows: { id: string; nameZh: string; nameEn: string; level: RegionLevel; parentId: string | null; isDemo: boolean }[] = [];
  const add = (p: Place, level: RegionLevel, parentId: string | null) =>
    rows.push({ id: p.code, nameZh: p.zh, nameEn: p.en, level, parentId, isDemo: p.demo });
  add(PROVINCE, "PROVINCE", null);
  for (const c of CITIES) add(c, "CITY", PROVINCE.code);
  for (const county of COUNTIES) {
    add(county, "COUNTY", county.cityCode);
    for (const t of county.townships) {
      add(t, "TOWNSHIP", county.code);
      for (const vil of t.villages) add(vil, "VILLAGE", t.code);
    }
  }
  for (const row of rows) {
    if (row.parentId && !row.id.startsWith(row.parentId)) throw new Error(`seed data: ${row.id} is not under ${row.parentId}`);
    const { id, ...data } = row;
    await db.region.upsert({ where: { id }, create: row, update: data });
  }
  return rows.length;
}

async function seedGiMarks(db: Db) {
  for (const gi of GI_MARKS) {
    await db.giMark.upsert({ where: { slug: gi.slug }, create: { id: giId(gi.slug), ...gi }, update: gi });
  }
}

async function seedOperators(db: Db) {
  const rng = mulberry32(62052362);
  const rows = OPERATORS.map((op, i) => {
    const { countyId } = placeOf(op.villageId);
    return {
      id: opId(op.slug),
      slug: op.slug,
      nameZh: op.nameZh,
      nameEn: op.nameEn,
      kind: op.kind,
      creditCode: creditCode(op.creditType, countyId, rng),
      countyId,
      villageId: op.villageId,
      descriptionZh: op.descriptionZh,
      descriptionEn: op.descriptionEn,
      isDemo: true,
      createdAt: new Date(Date.UTC(2025, 11, 1 + i)),
    };
  });
  if (new Set(rows.map((r) => r.creditCode)).size !== rows.length) throw new Error("seed data: duplicate credit code");
  if (OVERWRITE) {
    for (const row of rows) {
      const { id: _id, slug, ...data } = row;
      await db.operator.upsert({ where: { slug }, create: row, update: data });
    }
  } else {
    await db.operator.createMany({ data: rows, skipDuplicates: true });
  }
  const authorisations = OPERATORS.flatMap((op) => op.marks.map((m) => ({ operatorId: opId(op.slug), giMarkId: giId(m) })));
  await db.operatorGiMark.createMany({ data: authorisations, skipDuplicates: true });
}

async function seedProducts(db: Db) {
  for (const p of PRODUCTS) {
    const op = OPERATORS.find((o) => o.slug === p.op);
    if (!op) throw new Error(`seed data: ${p.slug} has unknown operator ${p.op}`);
    if (p.gi && !op.marks.includes(p.gi)) throw new Error(`seed data: ${p.op} may not use ${p.gi}`);
    if (placeOf(p.villageId).countyId !== placeOf(op.villageId).countyId)
      throw new Error(`seed data: ${p.slug} outside its operator's county`);
  }
  const rows = PRODUCTS.map((p) => {
    const { townshipId, countyId } = placeOf(p.villageId);
    const createdAt = d(p.created);
    return {
      id: productId(p.slug),
      slug: p.slug,
      operatorId: opId(p.op),
      nameZh: p.nameZh,
      nameEn: p.nameEn,
      descriptionZh: p.descriptionZh,
      descriptionEn: p.descriptionEn,
      category: p.category,
      unitZh: p.unitZh,
      unitEn: p.unitEn,
      specZh: p.specZh,
      specEn: p.specEn,
      priceFen: p.priceFen,
      stock: p.stock,
      status: p.status,
      listed: p.listed ?? true,
      villageId: p.villageId,
      townshipId,
      countyId,
      giMarkId: p.gi ? giId(p.gi) : null,
      certifiedUntil: p.status === "CERTIFIED" ? d("2027-12-31") : null,
      isDemo: true,
      createdAt,
      updatedAt: createdAt,
    };
  });
  if (OVERWRITE) {
    for (const row of rows) {
      const { id: _id, slug, ...data } = row;
      await db.product.upsert({ where: { slug }, create: row, update: data });
    }
  } else {
    await db.product.createMany({ data: rows, skipDuplicates: true });
  }
  const images = PRODUCTS.flatMap((p) =>
    p.images.map((file, position) => {
      const alt = IMAGE_ALT[file];
      if (!alt) throw new Error(`seed data: no alt text for ${file}`);
      return {
        id: `seed-img-${p.slug}-${position}`,
        productId: productId(p.slug),
        url: `/images/products/${file}.svg`,
        altZh: `${p.nameZh}:${alt[0]}`,
        altEn: `${p.nameEn}: ${alt[1]}`,
        position,
      };
    }),
  );
  if (OVERWRITE) {
    for (const img of images) {
      const { id, ...data } = img;
      await db.productImage.upsert({ where: { id }, create: img, update: data });
    }
  } else {
    await db.productImage.createMany({ data: images, skipDuplicates: true });
  }
}

async function seedHouseholds(db: Db, households: HouseholdSeed[], keys: HouseholdKeys) {
  const existing = new Map(
    (
      await db.household.findMany({
        where: { registryCode: { in: households.map((h) => h.registryCode) } },
        select: { registryCode: true, idNumberHash: true },
      })
    ).map((h) => [h.registryCode, h.idNumberHash]),
  );
  const rows = households.map((h) => ({
    id: h.id,
    registryCode: h.registryCode,
    headName: h.headName,
    idNumberHash: hashResidentId(h.residentId, keys.macKey),
    idNumberMasked: maskResidentId(h.residentId),
    villageId: h.villageId,
    townshipId: h.townshipId,
    countyId: h.countyId,
    members: h.members,
    status: h.status,
    yearIdentified: h.yearIdentified,
    isDemo: true,
    createdAt: d("2025-12-15"),
  }));
  const missing = rows.filter((r) => !existing.has(r.registryCode));
  const residentIdOf = new Map(households.map((h) => [h.registryCode, h.residentId]));
  const withCipher = (r: (typeof rows)[number]) => ({
    ...r,
    idNumberCipher: encryptResidentId(residentIdOf.get(r.registryCode)!, keys.encKey),
  });
  if (missing.length) await db.household.createMany({ data: missing.map(withCipher), skipDuplicates: true });
  let rekeyed = 0;
  if (OVERWRITE) {
    for (const r of rows.filter((row) => existing.has(row.registryCode))) {
      // A cipher is random (fresh IV): keep it unless the key changed (the hash no longer matches).
      const sameKey = existing.get(r.registryCode) === r.idNumberHash;
      if (!sameKey) rekeyed++;
      const { id: _id, registryCode, ...data } = sameKey ? r : withCipher(r);
      await db.household.update({ where: { registryCode }, data });
    }
  } else {
    rekeyed = rows.filter((r) => existing.has(r.registryCode) && existing.get(r.registryCode) !== r.idNumberHash).length;
  }
  return { inserted: missing.length, rekeyed };
}

async function seedLinksAndPayouts(db: Db, links: LinkSeed[], payouts: PayoutSeed[]) {
  if (OVERWRITE) {
    for (const link of links) {
      const { id, ...data } = link;
      await db.benefitLink.upsert({ where: { id }, create: link, update: data });
    }
    for (const payout of payouts) {
      const { id, ...data } = payout;
      await db.payout.upsert({ where: { id }, create: payout, update: data });
    }
  } else {
    await db.benefitLink.createMany({ data: links, skipDuplicates: true });
    await db.payout.createMany({ data: payouts, skipDuplicates: true });
  }
}

async function seedUsers(db: Db) {
  const existing = new Set(
    (await db.user.findMany({ where: { email: { in: DEMO_ACCOUNTS.map((a) => a.email) } }, select: { email: true } })).map((u) => u.email),
  );
  // Hashing is deliberately slow: only accounts that do not exist yet are hashed (in parallel).
  const fresh = DEMO_ACCOUNTS.filter((a) => !existing.has(a.email));
  const hashes = await Promise.all(fresh.map((a) => hashPassword(a.password)));
  for (const [i, a] of fresh.entries()) {
    await db.user.create({
      data: {
        id: `seed-user-${a.key}`,
        email: a.email,
        name: a.nameZh,
        passwordHash: hashes[i]!,
        role: a.role,
        countyId: a.countyId ?? null,
        locale: "zh-CN",
        emailVerifiedAt: new Date(), // demo addresses count as verified
        createdAt: SEED_TIME,
      },
    });
  }
  if (OVERWRITE) {
    for (const a of DEMO_ACCOUNTS.filter((acc) => existing.has(acc.email))) {
      await db.user.update({ where: { email: a.email }, data: { name: a.nameZh, role: a.role, countyId: a.countyId ?? null } });
    }
  }
  const users = new Map(
    (await db.user.findMany({ where: { email: { in: DEMO_ACCOUNTS.map((a) => a.email) } }, select: { id: true, email: true } })).map(
      (u) => [u.email, u.id],
    ),
  );
  const memberships = DEMO_ACCOUNTS.filter((a) => a.operatorSlug).map((a) => ({
    userId: users.get(a.email)!,
    operatorId: opId(a.operatorSlug!),
    createdAt: SEED_TIME,
  }));
  await db.membership.createMany({ data: memberships, skipDuplicates: true });
  return fresh.length;
}

async function main() {
  const started = Date.now();
  const keys = householdKeys(); // fails first, with a clear message, when HOUSEHOLD_ID_KEY is missing
  const households = buildHouseholds();
  const links = buildLinks(households);
  const payouts = buildPayouts(links);

  const db = createPrismaClient();
  try {
    await seedRegions(db);
    await seedGiMarks(db);
    await seedOperators(db);
    await seedProducts(db);
    await reindexProducts(db); // search columns (lib/search): only products whose texts changed
    // A starting synonym table (admins edit it at /admin/search-synonyms).
    for (const [id, words] of [
      ["seed-syn-chili", ["辣椒", "线椒", "辣子", "chili", "chilli"]],
      ["seed-syn-yak", ["牦牛", "牦牛肉", "yak"]],
    ] as const) {
      await db.searchSynonym.upsert({ where: { id }, create: { id, words: [...words] }, update: {} });
    }
    await explainLoadedStock(db, "demo seed");
    const hh = await seedHouseholds(db, households, keys);
    await seedLinksAndPayouts(db, links, payouts);
    const newUsers = await seedUsers(db);
    const organisations = await seedOrganisations(db);
    const newOrders = await seedDemoOrders(db);
    await seedStorefront(db); // shipping rules and food information (after the demo orders: their totals stay)

    const [regions, giMarks, operators, products, images, householdCount, linkCount, payoutCount, users, memberships, orders] =
      await Promise.all([
        db.region.count(),
        db.giMark.count(),
        db.operator.count(),
        db.product.count(),
        db.productImage.count(),
        db.household.count(),
        db.benefitLink.count(),
        db.payout.count(),
        db.user.count(),
        db.membership.count(),
        db.order.count({ where: { checkoutKey: { startsWith: "demo-seed-order-" } } }),
      ]);
    console.log(
      `seed ${OVERWRITE ? "(overwrite) " : ""}done in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
        `${regions} regions, ${giMarks} GI marks, ${operators} operators, ${products} products (${images} images), ` +
        `${householdCount} households (${hh.inserted} new), ${linkCount} benefit links, ${payoutCount} payouts, ` +
        `${users} users (${newUsers} new), ${memberships} memberships, ${organisations} buyer organisations, ${orders} demo orders (${newOrders} new)`,
    );
    if (hh.rekeyed && !OVERWRITE) {
      console.warn(
        `warning: ${hh.rekeyed} seeded households were encrypted under another HOUSEHOLD_ID_KEY; ` +
          "run `tsx prisma/seed.ts --overwrite` to re-encrypt them with the current key.",
      );
    }
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(`seed failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
