// Demo sign-ins created by prisma/seed.ts, one per role. Passwords are public on purpose: these
// accounts exist only in demo data (the domain .test cannot receive mail). Never seed them in production.

export type DemoRole = "SHOPPER" | "INSTITUTION" | "MANAGER" | "OFFICER" | "ADMIN";

export interface DemoAccount {
  /** Stable key; the seeded user's id is `seed-user-<key>`. */
  key: string;
  email: string;
  password: string;
  role: DemoRole;
  nameZh: string;
  nameEn: string;
  /** MANAGER: the operator (by slug) the account manages (a Membership row). */
  operatorSlug?: string;
  /** OFFICER: the county (administrative code) the officer serves. */
  countyId?: string;
  /** INSTITUTION: the buyer organisation (prisma/seed-organisations.ts) the account manages. */
  organisationId?: string;
}

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  {
    key: "shopper",
    email: "shopper@demo.xiaokang.test",
    password: "Demo-2026-shop",
    role: "SHOPPER",
    nameZh: "演示消费者",
    nameEn: "Demo Shopper",
  },
  {
    key: "buyer",
    email: "buyer@demo.xiaokang.test",
    password: "Demo-2026-buyer",
    role: "INSTITUTION",
    nameZh: "演示采购单位(工会)",
    nameEn: "Demo Institutional Buyer (trade union)",
    organisationId: "seed-org-union",
  },
  {
    key: "unit",
    email: "unit@demo.xiaokang.test",
    password: "Demo-2026-unit",
    role: "INSTITUTION",
    nameZh: "演示预算单位采购员",
    nameEn: "Demo Budget Unit Buyer",
    organisationId: "seed-org-unit",
  },
  {
    key: "partner",
    email: "partner@demo.xiaokang.test",
    password: "Demo-2026-partner",
    role: "INSTITUTION",
    nameZh: "演示东西部协作采购员(天津东丽)",
    nameEn: "Demo Pairing Partner Buyer (Dongli, Tianjin)",
    organisationId: "seed-org-dongli",
  },
  {
    key: "manager-gangu",
    email: "manager-gangu@demo.xiaokang.test",
    password: "Demo-2026-gangu-coop",
    role: "MANAGER",
    nameZh: "演示合作社负责人(甘谷)",
    nameEn: "Demo Cooperative Manager (Gangu)",
    operatorSlug: "dazhuang-chili-coop",
  },
  {
    key: "manager-sunan",
    email: "manager-sunan@demo.xiaokang.test",
    password: "Demo-2026-sunan-coop",
    role: "MANAGER",
    nameZh: "演示合作社负责人(肃南)",
    nameEn: "Demo Cooperative Manager (Sunan)",
    operatorSlug: "daduma-coop",
  },
  {
    key: "officer-gangu",
    email: "officer-gangu@demo.xiaokang.test",
    password: "Demo-2026-officer-gangu",
    role: "OFFICER",
    nameZh: "演示乡村振兴局干部(甘谷县)",
    nameEn: "Demo Program Officer (Gangu County)",
    countyId: "620523",
  },
  {
    key: "officer-sunan",
    email: "officer-sunan@demo.xiaokang.test",
    password: "Demo-2026-officer-sunan",
    role: "OFFICER",
    nameZh: "演示乡村振兴局干部(肃南县)",
    nameEn: "Demo Program Officer (Sunan County)",
    countyId: "620721",
  },
  {
    key: "admin",
    email: "admin@demo.xiaokang.test",
    password: "Demo-2026-admin",
    role: "ADMIN",
    nameZh: "演示平台管理员",
    nameEn: "Demo Platform Admin",
  },
];
