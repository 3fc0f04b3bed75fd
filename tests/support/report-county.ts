// A county of its own for the report tests, so that their figures depend on nothing else in the
// test database: 2 townships, 3 villages, 2 operators, 3 products, 5 households, 4 benefit links,
// and an officer of the county.
//   T1 ─ V1 (P1 chili, certified, ¥100; households H1 monitored ×3, H5 monitored ×1)
//      └ V2 (P2 apple, NOT certified, ¥50; household H2 lifted ×4)
//   T2 ─ V3 (P3 yak, certified, ¥200; households H3 monitored ×2, H4 monitored ×5)
// Links (PERCENT_OF_SALES): P1 → H1 10%, H2 5%; P2 → H2 10%; P3 → H3 2.5%.
// O1 sells P1 and P2, O2 sells P3.
import { randomBytes } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { loadActor } from "@/lib/auth/load-actor";
import type { HouseholdStatus } from "@/lib/generated/prisma/enums";
import { testDb } from "./db";

export interface ReportCounty {
  county: string;
  t1: string;
  t2: string;
  v1: string;
  v2: string;
  v3: string;
  o1: string;
  o2: string;
  p1: { id: string; priceFen: number };
  p2: { id: string; priceFen: number };
  p3: { id: string; priceFen: number };
  h: Record<"h1" | "h2" | "h3" | "h4" | "h5", string>;
  officer: Actor;
  names: Record<string, string>;
  /** Takes the county's products off the shelf once the test has sold them, so catalogue tests elsewhere see only the demo counties. */
  unlist: () => Promise<void>;
}

export async function makeReportCounty(code: string): Promise<ReportCounty> {
  const tag = randomBytes(3).toString("hex");
  const county = code;
  const [t1, t2] = [`${code}001`, `${code}002`];
  const [v1, v2, v3] = [`${t1}001`, `${t1}002`, `${t2}001`];
  const names: Record<string, string> = {
    [county]: `报表县${code}`,
    [t1]: "报表一镇",
    [t2]: "报表二乡",
    [v1]: "一村",
    [v2]: "二村",
    [v3]: "三村",
  };
  await testDb.region.create({
    data: { id: county, nameZh: names[county]!, nameEn: `Report County ${code}`, level: "COUNTY", parentId: "62", isDemo: true },
  });
  await testDb.region.createMany({
    data: [
      { id: t1, nameZh: names[t1]!, nameEn: "Report Town One", level: "TOWNSHIP", parentId: county, isDemo: true },
      { id: t2, nameZh: names[t2]!, nameEn: "Report Township Two", level: "TOWNSHIP", parentId: county, isDemo: true },
    ],
  });
  await testDb.region.createMany({
    data: [
      { id: v1, nameZh: names[v1]!, nameEn: "Village One", level: "VILLAGE", parentId: t1, isDemo: true },
      { id: v2, nameZh: names[v2]!, nameEn: "Village Two", level: "VILLAGE", parentId: t1, isDemo: true },
      { id: v3, nameZh: names[v3]!, nameEn: "Village Three", level: "VILLAGE", parentId: t2, isDemo: true },
    ],
  });

  const operator = (n: number, village: string, nameZh: string) =>
    testDb.operator.create({
      data: {
        slug: `report-op-${code}-${n}-${tag}`,
        nameZh,
        nameEn: `Report seller ${n}`,
        kind: "COOPERATIVE",
        creditCode: `93${code}${tag}${n}`.padEnd(18, "0").slice(0, 18),
        countyId: county,
        villageId: village,
      },
      select: { id: true },
    });
  const o1 = (await operator(1, v1, "报表一号合作社")).id;
  const o2 = (await operator(2, v3, "报表二号合作社")).id;
  names[o1] = "报表一号合作社";
  names[o2] = "报表二号合作社";

  const product = async (
    n: number,
    operatorId: string,
    village: string,
    township: string,
    category: "CHILI" | "APPLE" | "YAK",
    priceFen: number,
    certified: boolean,
    nameZh: string,
  ) => {
    const p = await testDb.product.create({
      data: {
        slug: `report-p-${code}-${n}-${tag}`,
        operatorId,
        nameZh,
        nameEn: `Report product ${n}`,
        category,
        unitZh: "箱",
        unitEn: "box",
        specZh: "5公斤/箱",
        specEn: "5 kg per box",
        priceFen,
        stock: 1000,
        status: certified ? "CERTIFIED" : "PENDING_CERTIFICATION",
        certifiedUntil: null,
        listed: true,
        villageId: village,
        townshipId: township,
        countyId: county,
      },
      select: { id: true, priceFen: true },
    });
    names[p.id] = nameZh;
    return p;
  };
  const p1 = await product(1, o1, v1, t1, "CHILI", 10_000, true, "报表辣椒");
  const p2 = await product(2, o1, v2, t1, "APPLE", 5_000, false, "报表苹果");
  const p3 = await product(3, o2, v3, t2, "YAK", 20_000, true, "报表牦牛肉");

  const household = async (n: number, village: string, township: string, members: number, status: HouseholdStatus) =>
    (
      await testDb.household.create({
        data: {
          registryCode: `RPT${code}${tag}${n}`,
          headName: `报表户${n}(示例)`,
          idNumberCipher: "test-only",
          idNumberHash: `report-${code}-${tag}-${n}`,
          idNumberMasked: "6299**********0000",
          villageId: village,
          townshipId: township,
          countyId: county,
          members,
          status,
          yearIdentified: 2014,
        },
        select: { id: true },
      })
    ).id;
  const h = {
    h1: await household(1, v1, t1, 3, "MONITORED"),
    h2: await household(2, v2, t1, 4, "LIFTED"),
    h3: await household(3, v3, t2, 2, "MONITORED"),
    h4: await household(4, v3, t2, 5, "MONITORED"),
    h5: await household(5, v1, t1, 1, "MONITORED"),
  };
  const link = (householdId: string, operatorId: string, productId: string, bps: number) =>
    testDb.benefitLink.create({
      data: {
        householdId,
        operatorId,
        productId,
        mechanism: "PURCHASE",
        rule: "PERCENT_OF_SALES",
        bps,
        validFrom: new Date("2020-01-01T00:00:00Z"),
      },
    });
  await link(h.h1, o1, p1.id, 1000);
  await link(h.h2, o1, p1.id, 500);
  await link(h.h2, o1, p2.id, 1000);
  await link(h.h3, o2, p3.id, 250);

  const user = await testDb.user.create({
    data: { email: `officer-${code}-${tag}@example.test`, name: "报表测试干部", passwordHash: "x", role: "OFFICER", countyId: county },
    select: { id: true },
  });
  const officer = (await loadActor(testDb, user.id))!;
  const unlist = async () => void (await testDb.product.updateMany({ where: { countyId: county }, data: { listed: false } }));
  return { county, t1, t2, v1, v2, v3, o1, o2, p1, p2, p3, h, officer, names, unlist };
}
