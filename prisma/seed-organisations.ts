// Demo buyer organisations (docs/DESIGN.md: buyer organisations): a budget unit with a canteen and its
// trade union in Lanzhou, and the Dongli district of Tianjin, Gangu's eastern pairing partner in the
// seed report. Credit codes are generated (valid check characters) and belong to no one. Idempotent:
// rows are upserted by their fixed ids; the demo accounts (prisma/demo-accounts.ts) are their managers.
import type { Db } from "@/lib/db/client";
import type { OrganisationKind, RegionLevel } from "@/lib/generated/prisma/enums";
import { creditCodeCheckChar } from "@/lib/operators/credit-code";
import { DEMO_ACCOUNTS } from "./demo-accounts";

/**
 * The buyers' places that the producer regions of prisma/seed.ts do not already hold. Only provinces
 * and cities: a COUNTY row is read as a program county (office scopes, reports, certification).
 */
const BUYER_REGIONS: { id: string; nameZh: string; nameEn: string; level: RegionLevel; parentId: string | null }[] = [
  { id: "6201", nameZh: "兰州市", nameEn: "Lanzhou City", level: "CITY", parentId: "62" },
  { id: "12", nameZh: "天津市", nameEn: "Tianjin Municipality", level: "PROVINCE", parentId: null },
  { id: "1201", nameZh: "天津市市辖区", nameEn: "Tianjin Districts", level: "CITY", parentId: "12" },
];

/** A credit code: registration authority + type, the registering area, an organisation code, the check character. */
function demoCreditCode(prefix2: string, area6: string, body9: string): string {
  const first17 = prefix2 + area6 + body9;
  return first17 + creditCodeCheckChar(first17);
}

interface OrganisationSeed {
  id: string;
  nameZh: string;
  nameEn: string;
  kind: OrganisationKind;
  creditCode: string;
  regionId: string;
  hasCanteen: boolean;
  parentUnitId: string | null;
  pairedCounties: string[];
  canteenBudgetFen?: bigint; // this year's declared canteen food budget
}

export const DEMO_ORGANISATIONS: readonly OrganisationSeed[] = [
  {
    id: "seed-org-unit",
    nameZh: "兰州市演示事务服务中心",
    nameEn: "Lanzhou Demo Affairs Service Centre",
    kind: "BUDGET_UNIT",
    creditCode: demoCreditCode("12", "620100", "MB0D3M0A1"),
    regionId: "6201",
    hasCanteen: true,
    parentUnitId: null,
    pairedCounties: [],
    canteenBudgetFen: 120_000_000n, // ¥1,200,000
  },
  {
    id: "seed-org-union",
    nameZh: "兰州市演示事务服务中心工会委员会",
    nameEn: "Trade Union of the Lanzhou Demo Affairs Service Centre",
    kind: "TRADE_UNION",
    creditCode: demoCreditCode("81", "620100", "MC0D3M0B2"),
    regionId: "6201",
    hasCanteen: false,
    parentUnitId: "seed-org-unit",
    pairedCounties: [],
  },
  {
    id: "seed-org-dongli",
    nameZh: "天津市东丽区东西部协作消费帮扶专班(演示)",
    nameEn: "Dongli District (Tianjin) East-West Cooperation Buying Office (demo)",
    kind: "PARTNER",
    creditCode: demoCreditCode("11", "120110", "MB0D3M0C3"),
    regionId: "1201",
    hasCanteen: false,
    parentUnitId: null,
    pairedCounties: ["620523"], // 甘谷县
  },
];

export async function seedOrganisations(db: Db, now = new Date()): Promise<number> {
  for (const { id, ...data } of BUYER_REGIONS) {
    await db.region.upsert({ where: { id }, create: { id, ...data, isDemo: false }, update: {} });
  }
  const year = Number(new Intl.DateTimeFormat("en", { timeZone: "Asia/Shanghai", year: "numeric" }).format(now));
  // Units before their unions (parentUnitId).
  for (const org of DEMO_ORGANISATIONS) {
    const { id, pairedCounties, canteenBudgetFen, ...data } = org;
    await db.organisation.upsert({ where: { id }, create: { id, ...data, isDemo: true }, update: {} });
    for (const countyId of pairedCounties) {
      await db.organisationPairing.upsert({
        where: { organisationId_countyId: { organisationId: id, countyId } },
        create: { organisationId: id, countyId },
        update: {},
      });
    }
    const manager = DEMO_ACCOUNTS.find((a) => a.organisationId === id);
    const managerUser = manager ? await db.user.findUnique({ where: { email: manager.email }, select: { id: true } }) : null;
    if (managerUser) {
      await db.organisationMember.upsert({
        where: { organisationId_userId: { organisationId: id, userId: managerUser.id } },
        create: { organisationId: id, userId: managerUser.id, isManager: true },
        update: {},
      });
      if (canteenBudgetFen) {
        await db.canteenBudget.upsert({
          where: { organisationId_year: { organisationId: id, year } },
          create: { organisationId: id, year, budgetFen: canteenBudgetFen, declaredById: managerUser.id },
          update: {},
        });
      }
    }
  }
  return DEMO_ORGANISATIONS.length;
}
