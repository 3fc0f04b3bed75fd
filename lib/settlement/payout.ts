// Settlement payouts (结算打款): what the platform, the merchant of record, pays an operator for
// the settlement entries not yet paid up to the end of a period. Pure arithmetic, in fen.
//
// The rule for a refund in a later month (stated on the settlement page and in the report notes):
// settlement counts money when it moves. A sale is owed in the month it was paid; a refund takes
// money back in the month the refund is made, even if the order was paid (and paid out) earlier:
// it lowers the next payout. The county's sales report, by contrast, counts what each order finally
// came to in the month the order was paid. So for one month the two figures differ by the refunds
// made in that month for earlier orders, minus the refunds made later for that month's orders.
//
// A payout covers every unpaid entry created before the period's end, so an earlier month whose
// net was not positive (more refunds than sales) is carried forward into the next one.
// The platform fee is a rate in basis points of the covered net (a setting, default 0), rounded
// down to the fen: the platform never takes more than the rate.

export interface PayableEntry {
  amountFen: number;
}

export interface PayoutFigures {
  salesFen: number;
  refundsFen: number; // ≤ 0
  netFen: number;
  feeBps: number;
  feeFen: number;
  payoutFen: number; // net − fee
}

export const MAX_FEE_BPS = 3000; // 30%: anything above is a typo, not a rate

export function feeOf(netFen: number, feeBps: number): number {
  if (!Number.isSafeInteger(feeBps) || feeBps < 0 || feeBps > MAX_FEE_BPS) throw new Error(`fee rate out of range: ${feeBps}`);
  if (netFen <= 0) return 0;
  return Math.floor((netFen * feeBps) / 10_000);
}

export function payoutFigures(entries: readonly PayableEntry[], feeBps: number): PayoutFigures {
  let salesFen = 0;
  let refundsFen = 0;
  for (const e of entries) {
    if (!Number.isSafeInteger(e.amountFen)) throw new Error("amounts are integer fen");
    if (e.amountFen >= 0) salesFen += e.amountFen;
    else refundsFen += e.amountFen;
  }
  const netFen = salesFen + refundsFen;
  const feeFen = feeOf(netFen, feeBps);
  return { salesFen, refundsFen, netFen, feeBps, feeFen, payoutFen: netFen - feeFen };
}

export interface StatementLine<E> {
  entry: E | null; // null: the platform fee line
  amountFen: number;
}

/** The statement's lines: every covered entry, then the fee (when there is one). They add up to the payout. */
export function statementLines<E extends PayableEntry>(
  entries: readonly E[],
  feeBps: number,
): { lines: StatementLine<E>[]; figures: PayoutFigures } {
  const figures = payoutFigures(entries, feeBps);
  const lines: StatementLine<E>[] = entries.map((entry) => ({ entry, amountFen: entry.amountFen }));
  if (figures.feeFen > 0) lines.push({ entry: null, amountFen: -figures.feeFen });
  return { lines, figures };
}

/** 0–30% typed as a percentage ("0", "1.5", "2%") → basis points, or null. */
export function parseFeePercent(raw: string): number | null {
  const m = /^\s*(\d{1,2})(?:\.(\d{1,2}))?\s*%?\s*$/u.exec(raw);
  if (!m) return null;
  const bps = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  return bps <= MAX_FEE_BPS ? bps : null;
}
