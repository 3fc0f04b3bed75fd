// Payout runs (结算打款): what each operator is owed up to the end of a month, recording a payout
// that covers exactly those entries (each entry at most once: SettlementPayoutEntry's key), and the
// statement (对账单) of a payout. Takes a `db`. The arithmetic and the refund rule: ./payout.ts.
import { ActionError, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { shanghaiMonth } from "@/lib/orders/seller-orders";
import type { Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { payoutFigures, statementLines, type PayoutFigures } from "./payout";
import { writeAudit } from "@/lib/audit/audit";

type Reader = Db | Prisma.TransactionClient;

export interface OwedRow {
  operatorId: string;
  slug: string;
  nameZh: string;
  nameEn: string;
  entries: number;
  figures: PayoutFigures;
}

/** Every operator with unpaid entries created before the end of `month`, with what it would be paid. */
export async function payoutRun(db: Reader, month: string, feeBps: number): Promise<OwedRow[]> {
  const { end } = shanghaiMonth(month);
  const rows = await db.$queryRaw<
    { operatorId: string; slug: string; nameZh: string; nameEn: string; sales: bigint; refunds: bigint; n: bigint }[]
  >`
    SELECT e."operatorId", o."slug", o."nameZh", o."nameEn",
           COALESCE(SUM(e."amountFen") FILTER (WHERE e."amountFen" > 0), 0)::bigint AS sales,
           COALESCE(SUM(e."amountFen") FILTER (WHERE e."amountFen" < 0), 0)::bigint AS refunds,
           COUNT(*)::bigint AS n
    FROM "SettlementEntry" e
    JOIN "Operator" o ON o."id" = e."operatorId"
    LEFT JOIN "SettlementPayoutEntry" p ON p."entryId" = e."id"
    WHERE p."entryId" IS NULL AND e."createdAt" < ${end}
    GROUP BY e."operatorId", o."slug", o."nameZh", o."nameEn"
    ORDER BY o."nameZh"`;
  return rows.map((r) => ({
    operatorId: r.operatorId,
    slug: r.slug,
    nameZh: r.nameZh,
    nameEn: r.nameEn,
    entries: Number(r.n),
    figures: payoutFigures([{ amountFen: Number(r.sales) }, { amountFen: Number(r.refunds) }], feeBps),
  }));
}

export interface RecordPayoutInput {
  operatorId: string;
  month: string;
  paidOn: Date;
  bankReference: string;
  /** The amount the admin saw: if entries changed since (a refund came in), nothing is recorded. */
  expectAmountFen: number;
}

export async function recordPayout(db: Db, actor: Actor, input: RecordPayoutInput, feeBps: number) {
  const { end } = shanghaiMonth(input.month);
  return db.$transaction(async (tx) => {
    const [op] = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Operator" WHERE "id" = ${input.operatorId} FOR UPDATE`;
    if (!op) throw notFound();
    const entries = await tx.$queryRaw<{ id: string; amountFen: number }[]>`
      SELECT e."id", e."amountFen" FROM "SettlementEntry" e
      LEFT JOIN "SettlementPayoutEntry" p ON p."entryId" = e."id"
      WHERE p."entryId" IS NULL AND e."operatorId" = ${op.id} AND e."createdAt" < ${end}
      ORDER BY e."createdAt", e."id"`;
    const figures = payoutFigures(entries, feeBps);
    if (figures.payoutFen <= 0) throw new ActionError("payoutNothingOwed");
    if (figures.payoutFen !== input.expectAmountFen) throw new ActionError("payoutChanged");
    const payout = await tx.settlementPayout.create({
      data: {
        operatorId: op.id,
        periodMonth: input.month,
        salesFen: figures.salesFen,
        refundsFen: figures.refundsFen,
        feeBps,
        feeFen: figures.feeFen,
        amountFen: figures.payoutFen,
        paidOn: input.paidOn,
        bankReference: input.bankReference,
        createdById: actor.userId,
      },
      select: { id: true, amountFen: true },
    });
    await tx.settlementPayoutEntry.createMany({ data: entries.map((e) => ({ entryId: e.id, payoutId: payout.id })) });
    await writeAudit(tx, {
      userId: actor.userId,
      action: "settlement.payout",
      entity: "Operator",
      entityId: op.id,
      detail: {
        payoutId: payout.id,
        month: input.month,
        amountFen: payout.amountFen,
        feeFen: figures.feeFen,
        entries: entries.length,
        bankReference: input.bankReference,
      },
    });
    return { id: payout.id, amountFen: payout.amountFen, entries: entries.length };
  });
}

/** The operator's payouts (newest first) and what is still unpaid. */
export async function operatorPayouts(db: Reader, operatorId: string) {
  const [payouts, pending] = await Promise.all([
    db.settlementPayout.findMany({
      where: { operatorId },
      orderBy: { createdAt: "desc" },
      select: {
        id: true,
        periodMonth: true,
        amountFen: true,
        feeFen: true,
        salesFen: true,
        refundsFen: true,
        paidOn: true,
        bankReference: true,
        createdAt: true,
      },
    }),
    db.$queryRaw<{ fen: bigint | null }[]>`
      SELECT SUM(e."amountFen")::bigint AS fen FROM "SettlementEntry" e
      LEFT JOIN "SettlementPayoutEntry" p ON p."entryId" = e."id"
      WHERE p."entryId" IS NULL AND e."operatorId" = ${operatorId}`,
  ]);
  return {
    payouts,
    paidFen: payouts.reduce((s, p) => s + p.amountFen, 0),
    feesFen: payouts.reduce((s, p) => s + p.feeFen, 0),
    pendingFen: Number(pending[0]?.fen ?? 0),
  };
}

/** Months of the settlement ledger whose entries are all paid out (已结算); others are 待结算. */
export async function settledMonths(db: Reader, operatorId: string): Promise<Map<string, "SETTLED" | "PENDING" | "PARTLY">> {
  const rows = await db.$queryRaw<{ month: string; total: bigint; paid: bigint }[]>`
    SELECT to_char(e."createdAt" AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM') AS month,
           COUNT(*)::bigint AS total, COUNT(p."entryId")::bigint AS paid
    FROM "SettlementEntry" e LEFT JOIN "SettlementPayoutEntry" p ON p."entryId" = e."id"
    WHERE e."operatorId" = ${operatorId} GROUP BY 1`;
  return new Map(rows.map((r) => [r.month, r.paid === r.total ? "SETTLED" : r.paid === BigInt(0) ? "PENDING" : "PARTLY"]));
}

/** A payout's statement: its entries with their orders and products, then the fee; the lines add up to the payout. */
export async function payoutStatement(db: Reader, payoutId: string) {
  const payout = await db.settlementPayout.findUnique({
    where: { id: payoutId },
    include: { operator: { select: { id: true, slug: true, nameZh: true, nameEn: true, creditCode: true } } },
  });
  if (!payout) return null;
  const entries = await db.settlementEntry.findMany({
    where: { payout: { payoutId } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      kind: true,
      amountFen: true,
      createdAt: true,
      orderLine: { select: { quantity: true, order: { select: { number: true } }, product: { select: { nameZh: true, nameEn: true } } } },
      // A shipping entry (lib/shipping-fees) settles the seller's shipping of an order, not a goods line.
      orderShipping: { select: { order: { select: { number: true } } } },
    },
  });
  const { lines, figures } = statementLines(entries, payout.feeBps);
  if (figures.payoutFen !== payout.amountFen) throw new Error(`statement of payout ${payoutId} does not add up`);
  return { payout, lines, figures };
}
