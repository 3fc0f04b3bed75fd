// The household roster import against the registry: which rows of a parsed file (lib/households/
// import.ts) are new households, which are registered ones whose facts changed, which are
// unchanged, and what cannot be imported (an ID number registered in another county, or under
// another registry code; a registry code another household holds). Then writing it: every row in
// one transaction, or nothing.
//
// Matching is by the keyed hash of the ID number (Household.idNumberHash), so importing the same
// file again changes nothing. A registered household takes the file's head name, village, members,
// status and year; its registry code is never changed by an import (a different code for the same
// ID number is a problem to sort out by hand). A status change is recorded like one made on the
// household's page (an AuditLog "household.status" row, effective the day of the import), every
// other change as a "household.update" row, and the import itself as one "household.import" row.
import "server-only";
import { createHash } from "node:crypto";
import { ActionError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/db.server";
import type { Prisma } from "@/lib/generated/prisma/client";
import { encryptResidentId, hashResidentId, householdKeys, maskResidentId } from "@/lib/households/id-number";
import {
  parseHouseholdFile,
  type CountyPlaces,
  type HouseholdStatusValue,
  type ImportColumn,
  type ImportProblem,
  type ImportRow,
} from "@/lib/households/import";
import { todayInChina } from "@/lib/certification/rules";
import { writeAudit } from "@/lib/audit/audit";

type Client = Prisma.TransactionClient | typeof db;

const CHUNK = 1000;
/** Problems and updates listed in a preview; the counts are always complete. */
export const PREVIEW_PROBLEMS = 500;
export const PREVIEW_UPDATES = 200;

export type ChangeField = "headName" | "village" | "members" | "status" | "yearIdentified";
export interface Change {
  field: ChangeField;
  from: string | number;
  to: string | number;
}

interface Existing {
  id: string;
  registryCode: string;
  headName: string;
  villageId: string;
  townshipId: string;
  countyId: string;
  members: number;
  status: HouseholdStatusValue;
  yearIdentified: number;
  idNumberHash: string;
}

export interface ImportPlan {
  creates: { row: ImportRow; hash: string }[];
  updates: { row: ImportRow; existing: Existing; changes: Change[] }[];
  unchanged: number;
  problems: ImportProblem[];
}

export interface ImportPreview {
  fileName: string;
  sha256: string;
  format: "xlsx" | "csv";
  sheet: string | null;
  headerRows: [number, number];
  columns: ImportColumn[];
  dataRows: number;
  counts: { new: number; updated: number; unchanged: number };
  problemCount: number;
  problemRowCount: number;
  /** The first PREVIEW_PROBLEMS problems, by row. */
  problems: ImportProblem[];
  /** The first PREVIEW_UPDATES updates. */
  updates: { row: number; registryCode: string; changes: Change[] }[];
  /** Names of the villages that appear in `updates`. */
  villages: Record<string, { zh: string; en: string }>;
}

/** The county's townships and villages, for matching the file's place names. */
export async function countyPlaces(countyId: string): Promise<CountyPlaces> {
  const townships = await db.region.findMany({
    where: { level: "TOWNSHIP", parentId: countyId },
    orderBy: { id: "asc" },
    select: {
      id: true,
      nameZh: true,
      nameEn: true,
      children: { where: { level: "VILLAGE" }, orderBy: { id: "asc" }, select: { id: true, nameZh: true, nameEn: true } },
    },
  });
  return { townships: townships.map(({ children, ...t }) => ({ ...t, villages: children })) };
}

/** The county an import goes into: the officer's own; for an admin, any county. Else notFound. */
export async function importCounty(actor: Actor | null, countyId: string): Promise<{ id: string; nameZh: string }> {
  if (!actor || (actor.role !== "ADMIN" && !(actor.role === "OFFICER" && actor.countyId === countyId))) throw new ActionError("notFound");
  const county = await db.region.findUnique({ where: { id: countyId }, select: { id: true, nameZh: true, level: true } });
  if (!county || county.level !== "COUNTY") throw new ActionError("notFound");
  return county;
}

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Compares the file's clean rows with the registry. Reads only. */
export async function planImport(client: Client, countyId: string, rows: ImportRow[], macKey: Buffer): Promise<ImportPlan> {
  const hashed = rows.map((row) => ({ row, hash: hashResidentId(row.idNumber, macKey) }));
  const byHash = new Map<string, Existing>();
  for (const part of chunks(hashed.map((h) => h.hash))) {
    const found = await client.household.findMany({
      where: { idNumberHash: { in: part } },
      select: {
        id: true,
        registryCode: true,
        headName: true,
        villageId: true,
        townshipId: true,
        countyId: true,
        members: true,
        status: true,
        yearIdentified: true,
        idNumberHash: true,
      },
    });
    for (const h of found) byHash.set(h.idNumberHash, h);
  }
  const codeTaken = new Set<string>();
  for (const part of chunks(rows.map((r) => r.registryCode))) {
    const found = await client.household.findMany({ where: { registryCode: { in: part } }, select: { registryCode: true } });
    for (const h of found) codeTaken.add(h.registryCode);
  }

  const plan: ImportPlan = { creates: [], updates: [], unchanged: 0, problems: [] };
  const problem = (row: ImportRow, field: "idNumber" | "registryCode", key: ImportProblem["key"], values?: Record<string, string>) =>
    plan.problems.push({ row: row.row, field, column: null, key, ...(values ? { values } : {}) });
  for (const { row, hash } of hashed) {
    const existing = byHash.get(hash);
    if (!existing) {
      if (codeTaken.has(row.registryCode)) problem(row, "registryCode", "codeTaken", { code: row.registryCode });
      else plan.creates.push({ row, hash });
      continue;
    }
    // Another county's household is neither shown nor changed: only that it exists is said.
    if (existing.countyId !== countyId) problem(row, "idNumber", "idInOtherCounty");
    else if (existing.registryCode !== row.registryCode) problem(row, "registryCode", "idRegisteredAs", { code: existing.registryCode });
    else {
      const changes: Change[] = [];
      if (existing.headName !== row.headName) changes.push({ field: "headName", from: existing.headName, to: row.headName });
      if (existing.villageId !== row.villageId) changes.push({ field: "village", from: existing.villageId, to: row.villageId });
      if (existing.members !== row.members) changes.push({ field: "members", from: existing.members, to: row.members });
      if (existing.status !== row.status) changes.push({ field: "status", from: existing.status, to: row.status });
      if (existing.yearIdentified !== row.yearIdentified)
        changes.push({ field: "yearIdentified", from: existing.yearIdentified, to: row.yearIdentified });
      if (changes.length === 0) plan.unchanged++;
      else plan.updates.push({ row, existing, changes });
    }
  }
  return plan;
}

export const sha256Of = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

const yearNow = () => Number(todayInChina().slice(0, 4));

/** Reads the uploaded file; a file-level refusal becomes an ActionError with its message key. */
async function parseUpload(countyId: string, file: File) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const parsed = await parseHouseholdFile(bytes, file.name, await countyPlaces(countyId), { currentYear: yearNow() });
  if (!parsed.ok) throw new ActionError(parsed.error, parsed.values ?? {});
  return { bytes, parsed };
}

const byRow = (a: ImportProblem, b: ImportProblem) => a.row - b.row;

/** The preview: the file's problems and what importing it would do. Writes nothing. */
export async function previewImport(countyId: string, file: File): Promise<ImportPreview> {
  const { bytes, parsed } = await parseUpload(countyId, file);
  const plan = await planImport(db, countyId, parsed.rows, householdKeys().macKey);
  const problems = [...parsed.problems, ...plan.problems].sort(byRow);
  const updates = plan.updates.slice(0, PREVIEW_UPDATES);
  const villageIds = [
    ...new Set(updates.flatMap((u) => u.changes.filter((c) => c.field === "village").flatMap((c) => [String(c.from), String(c.to)]))),
  ];
  const villages = villageIds.length
    ? await db.region.findMany({
        where: { id: { in: villageIds } },
        select: { id: true, nameZh: true, nameEn: true, parent: { select: { nameZh: true, nameEn: true } } },
      })
    : [];
  return {
    fileName: file.name,
    sha256: sha256Of(bytes),
    format: parsed.format,
    sheet: parsed.sheet,
    headerRows: parsed.headerRows,
    columns: parsed.columns,
    dataRows: parsed.dataRows,
    counts: { new: plan.creates.length, updated: plan.updates.length, unchanged: plan.unchanged },
    problemCount: problems.length,
    problemRowCount: new Set(problems.map((p) => p.row)).size,
    problems: problems.slice(0, PREVIEW_PROBLEMS),
    updates: updates.map((u) => ({ row: u.row.row, registryCode: u.row.registryCode, changes: u.changes })),
    villages: Object.fromEntries(
      villages.map((v) => [v.id, { zh: `${v.parent?.nameZh ?? ""}${v.nameZh}`, en: `${v.nameEn}, ${v.parent?.nameEn ?? ""}` }]),
    ),
  };
}

export interface ImportExpectation {
  sha256: string;
  expectNew: number;
  expectUpdated: number;
  expectUnchanged: number;
}

/**
 * Imports the file exactly as previewed: the same bytes (sha256) and the same counts, re-checked
 * inside the transaction; any problem, any difference, any conflict with a concurrent change, and
 * nothing is written.
 */
export async function confirmImport(actor: Actor, countyId: string, file: File, expected: ImportExpectation) {
  const { bytes, parsed } = await parseUpload(countyId, file);
  if (sha256Of(bytes) !== expected.sha256) throw new ActionError("importChangedSincePreview");
  if (parsed.problems.length > 0) throw new ActionError("importHasProblems", { count: new Set(parsed.problems.map((p) => p.row)).size });
  const keys = householdKeys();
  const today = todayInChina();
  try {
    return await db.$transaction(
      async (tx) => {
        const plan = await planImport(tx, countyId, parsed.rows, keys.macKey);
        if (plan.problems.length > 0) throw new ActionError("importHasProblems", { count: new Set(plan.problems.map((p) => p.row)).size });
        if (
          plan.creates.length !== expected.expectNew ||
          plan.updates.length !== expected.expectUpdated ||
          plan.unchanged !== expected.expectUnchanged
        ) {
          throw new ActionError("importChangedSincePreview");
        }
        const counts = { created: plan.creates.length, updated: plan.updates.length, unchanged: plan.unchanged };
        // The same file again: nothing to write, and nothing is (not even an audit row).
        if (counts.created === 0 && counts.updated === 0) return counts;
        const audit = await writeAudit(tx, {
          userId: actor.userId,
          action: "household.import",
          entity: "County",
          entityId: countyId,
          detail: { fileName: file.name, sha256: expected.sha256, format: parsed.format, rows: parsed.rows.length, ...counts },
        });
        for (const part of chunks(plan.creates)) {
          await tx.household.createMany({
            data: part.map(({ row, hash }) => ({
              registryCode: row.registryCode,
              headName: row.headName,
              idNumberCipher: encryptResidentId(row.idNumber, keys.encKey),
              idNumberHash: hash,
              idNumberMasked: maskResidentId(row.idNumber),
              villageId: row.villageId,
              townshipId: row.townshipId,
              countyId,
              members: row.members,
              status: row.status,
              yearIdentified: row.yearIdentified,
              isDemo: false,
            })),
          });
        }
        for (const { row, existing, changes } of plan.updates) {
          // Guarded on the values read above: a household changed meanwhile fails the whole import.
          const updated = await tx.household.updateMany({
            where: {
              id: existing.id,
              headName: existing.headName,
              villageId: existing.villageId,
              members: existing.members,
              status: existing.status,
              yearIdentified: existing.yearIdentified,
            },
            data: {
              headName: row.headName,
              villageId: row.villageId,
              townshipId: row.townshipId,
              members: row.members,
              status: row.status,
              yearIdentified: row.yearIdentified,
            },
          });
          if (updated.count !== 1) throw new ActionError("importChangedSincePreview");
          const others = changes.filter((c) => c.field !== "status");
          if (others.length > 0) {
            await writeAudit(tx, {
              userId: actor.userId,
              action: "household.update",
              entity: "Household",
              entityId: existing.id,
              detail: { import: audit.id, changes: others.map((c) => ({ field: c.field, from: c.from, to: c.to })) },
            });
          }
          if (existing.status !== row.status) {
            await writeAudit(tx, {
              userId: actor.userId,
              action: "household.status",
              entity: "Household",
              entityId: existing.id,
              detail: {
                from: existing.status,
                to: row.status,
                effectiveOn: today,
                note: `导入 ${file.name}`.slice(0, 200),
                import: audit.id,
              },
            });
          }
        }
        return counts;
      },
      { timeout: 120_000, maxWait: 10_000 },
    );
  } catch (error) {
    // A household or registry code written by someone else between the check and the write.
    if ((error as { code?: unknown } | null)?.code === "P2002") throw new ActionError("importChangedSincePreview");
    throw error;
  }
}
