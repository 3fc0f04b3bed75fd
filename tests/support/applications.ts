// Fixtures of the admin and application tests: fresh credit codes, application fields in Gangu,
// documents, applications in a given status, throwaway users, operators and regions.
import { randomBytes } from "node:crypto";
import { CREDIT_CODE_ALPHABET, creditCodeCheckChar } from "@/lib/operators/credit-code";
import type { ApplicationStatus } from "@/lib/applications/state";
import { testDb } from "./db";

const pick = (n: number) => [...randomBytes(n)].map((b) => CREDIT_CODE_ALPHABET[b % 31]).join("");

/** A credit code no one has: valid check character, Gangu's division code. */
export function freshCreditCode(): string {
  const first17 = `93620523MA${pick(7)}`;
  return first17 + creditCodeCheckChar(first17);
}

export const PDF_BYTES = new Uint8Array(Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"));
export const pdf = (name = "licence.pdf") => new File([PDF_BYTES], name, { type: "application/pdf" });

/** A Gangu village (大庄镇 大庄村 or whichever comes first). */
export async function ganguVillage(): Promise<string> {
  const v = await testDb.region.findFirstOrThrow({ where: { level: "VILLAGE", id: { startsWith: "620523" } }, orderBy: { id: "asc" } });
  return v.id;
}

export async function applicationFields(creditCode = freshCreditCode()) {
  return {
    kind: "COOPERATIVE",
    nameZh: `测试合作社${creditCode.slice(-5)}`,
    nameEn: `Test Coop ${creditCode.slice(-5)}`,
    creditCode,
    legalRep: "王测试",
    mobile: "13800138000",
    countyId: "620523",
    villageId: await ganguVillage(),
    giMarkIds: [] as string[],
    benefitMechanism: "按保护价收购脱贫户辣椒，年底按销售额 3% 分红。",
  };
}

let n = 0;
const tag = () => `${Date.now().toString(36)}${++n}${randomBytes(2).toString("hex")}`;

export async function freshUser(data: { role?: "SHOPPER" | "OFFICER" | "INSTITUTION"; countyId?: string; disabledAt?: Date } = {}) {
  return testDb.user.create({
    data: {
      email: `user-${tag()}@example.test`,
      name: "测试用户",
      passwordHash: "x",
      role: data.role ?? "SHOPPER",
      countyId: data.countyId ?? null,
      disabledAt: data.disabledAt ?? null,
    },
  });
}

/** An application in `status`, written directly (documents included), by `applicantId` or a fresh shopper. */
export async function freshApplication(status: ApplicationStatus, applicantId?: string, countyId = "620523") {
  const fields = await applicationFields();
  const village =
    countyId === "620523"
      ? fields.villageId
      : (await testDb.region.findFirstOrThrow({ where: { level: "VILLAGE", id: { startsWith: countyId } } })).id;
  return testDb.operatorApplication.create({
    data: {
      ...fields,
      kind: "COOPERATIVE",
      countyId,
      villageId: village,
      status,
      reason: status === "RETURNED" ? "请补充营业执照" : null,
      applicantId: applicantId ?? (await freshUser()).id,
      documents: {
        create: [
          {
            kind: "BUSINESS_LICENCE",
            url: `/api/files/applications/${tag()}xxxxxxxxxxxx.pdf`,
            contentType: "application/pdf",
            sizeBytes: 10,
            fileName: "l.pdf",
          },
        ],
      },
    },
  });
}

export async function freshOperator(data: { suspendedAt?: Date } = {}) {
  const t = tag();
  return testDb.operator.create({
    data: {
      slug: `test-op-${t}`,
      nameZh: `测试主体${t}`,
      nameEn: `Test operator ${t}`,
      kind: "COOPERATIVE",
      creditCode: freshCreditCode(),
      countyId: "620523",
      suspendedAt: data.suspendedAt ?? null,
    },
  });
}

/** A fresh village under 大庄镇's township (a code not yet used). */
export async function freshVillageCode(): Promise<{ township: string; code: string }> {
  const township = (await ganguVillage()).slice(0, 9);
  for (;;) {
    const code = `${township}${String(500 + (randomBytes(2).readUInt16BE() % 499)).padStart(3, "0")}`;
    if (!(await testDb.region.findUnique({ where: { id: code } }))) return { township, code };
  }
}

export async function freshVillage() {
  const { township, code } = await freshVillageCode();
  return testDb.region.create({ data: { id: code, nameZh: "测试村", nameEn: "Test village", level: "VILLAGE", parentId: township } });
}

export async function freshGiMark() {
  const t = tag();
  return testDb.giMark.create({
    data: {
      slug: `test-gi-${t}`,
      nameZh: `测试标志${t}`,
      nameEn: `Test GI ${t}`,
      kind: "AGRI_GI",
      registrationNo: `AGI-T-${t}`,
      year: 2020,
      holderZh: "测试",
      holderEn: "Test",
      countyId: "620523",
    },
  });
}
