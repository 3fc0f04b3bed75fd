// 收益分配: who earns what from a paid order line, and what a refund takes back (docs/DESIGN.md#rule-5). Pure: no database, no clock; every amount is integer fen, every intermediate product
// is a BigInt, so no rounding happens anywhere except where this header says it does.
//
// WHICH LINKS (selectLinks)
//   The links active at the moment of sale, of the line's product; if the product has no active
//   link of its own at that moment, the operator-wide links (productId null) of its operator.
//   "Active" is validFrom <= at <= validTo (validTo null: open-ended). Both ends are inclusive
//   on purpose: lib/benefits/dates.ts stores validTo as the last millisecond of the last day
//   (23:59:59.999 Shanghai), and the storefront, the dashboard and the budget check
//   (lib/benefits/links.ts, isActiveAt, used here) all read it inclusively. Results are sorted
//   by link id (plain code-unit order, not locale order) whatever the input order.
//
// A SALE (allocateLine)
//   Each link's exact share of the line, as a rational number of fen:
//     PERCENT_OF_SALES  net × bps / 10000
//     FIXED_PER_UNIT    fenPerUnit × quantity           (always whole fen)
//   The promised total P is the sum of the exact shares. The link form keeps P <= net, but a
//   later price cut (or data entered before the check existed) can break that, and a household
//   can never earn more than the line took in. So when P > net, every exact share is scaled by
//   net / P (the same proportion for everyone); the shares then sum to exactly net.
//   What "rounding remainders are distributed so the ledger reconciles to the fen" means here:
//     1. the line hands out T = floor(sum of the exact shares) fen: floor(P), or net when scaled;
//     2. each row first gets floor(its exact share), which is what docs/DESIGN.md#rule-5 states for one link;
//     3. the fen still missing, T − sum of the floors (fewer than the number of links), go one
//        each to the rows with the largest fractional remainder; equal remainders: smaller link
//        id first.
//   So the rows sum to exactly floor(P) (or net), every row is floor or ceil of its exact
//   share (within 1 fen), a FIXED_PER_UNIT row is exactly fen × qty when nothing is scaled, and
//   the result depends only on the set of links, never on their order. Largest remainder is
//   used, rather than "everything left to the first link", so that the cent goes to the
//   household whose share was actually cut the most. Rows of 0 fen are not written (a link
//   of 0.01% on a ¥0.50 line earns nothing): the ledger holds only money.
//
// A REFUND (reverseAllocations)
//   A refund of part of a line takes back the same part of every row. Targets are cumulative,
//   so a series of partial refunds adds up exactly: after R of the line's net N has been refunded
//   in total, row i (originally a_i fen) has been reversed by
//       rev_i(R) = floor(a_i × R / N)
//   and a refund from R0 to R1 writes rev_i(R1) − rev_i(R0) as a negative row. Hence:
//     - at R = N, rev_i = a_i: a line refunded in full, in any number of steps, nets to 0;
//     - rev_i never exceeds a_i and never decreases with R: a refund only ever writes negative
//       rows, and no row's running total goes below 0 or above its original;
//     - each cumulative reversal and each single refund row is within 1 fen of its exact share;
//     - it is stateless: only the amounts already refunded are needed, never earlier rows, and
//       refunding 3 then 4 fen writes the same total per row as refunding 7 at once.
//   Why not largest remainder here as well: a cumulative largest-remainder target is not
//   monotone in R (the Alabama paradox of apportionment). With rows (1, 3) fen on a 10 fen
//   line, refunding 5 then 1 fen gives targets (1, 1) then (0, 2): the second refund would have
//   to write +1 fen back to the first household. Per-row floor avoids that; the price is that
//   while a line is only partly refunded each household keeps the sub-fen part of its share
//   (the line's rows may total up to one fen per row more than the exact remainder), which
//   errs in the household's favour and is gone once the line is refunded in full.
import { isActiveAt } from "@/lib/benefits/links";
import type { BenefitRule } from "@/lib/generated/prisma/enums";

/** The terms of a link that decide its share of a line. */
export interface AllocationLink {
  id: string;
  householdId: string;
  rule: BenefitRule;
  /** PERCENT_OF_SALES: basis points (1 = 0.01%) of the line's net amount. */
  bps: number | null;
  /** FIXED_PER_UNIT: fen per unit sold. */
  fenPerUnit: number | null;
}

/** A link as stored (BenefitLink), enough to decide whether it applies to a sale. */
export interface CandidateLink extends AllocationLink {
  operatorId: string;
  /** null: operator-wide. */
  productId: string | null;
  validFrom: Date;
  /** null: open-ended; otherwise the last instant the link applies (inclusive). */
  validTo: Date | null;
}

/** One ledger row: positive for a sale, negative for a refund. */
export interface AllocationRow {
  linkId: string;
  householdId: string;
  amountFen: number;
}

const BPS_SCALE = 10000n;
const MAX_BPS = 10000;

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byLinkId = (a: AllocationRow, b: AllocationRow) => (a.linkId < b.linkId ? -1 : a.linkId > b.linkId ? 1 : 0);

function assertFen(value: number, name: string, min = 0): void {
  if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
}

/**
 * The links that share a sale of `productId` (sold by `operatorId`) made at `at`: the product's
 * own active links or, if it has none active, the operator's active operator-wide links.
 * Sorted by link id. Links of other products, and operator-wide links of other operators, are
 * ignored, so the caller may pass every link of the operator.
 */
export function selectLinks<L extends CandidateLink>(links: readonly L[], sale: { productId: string; operatorId: string; at: Date }): L[] {
  const active = links.filter((l) => isActiveAt(l, sale.at));
  const own = active.filter((l) => l.productId === sale.productId);
  const chosen = own.length > 0 ? own : active.filter((l) => l.productId === null && l.operatorId === sale.operatorId);
  return [...chosen].sort(byId);
}

/**
 * Split a paid line among its links (see the header for the rule). Rows sorted by link id,
 * only rows of at least 1 fen. Throws RangeError on malformed input (a link without its amount,
 * duplicate ids, non-integer money): those are bugs or corrupt data, never a reason to guess.
 */
export function allocateLine(input: { netFen: number; quantity: number; links: readonly AllocationLink[] }): AllocationRow[] {
  const { netFen, quantity } = input;
  assertFen(netFen, "netFen");
  assertFen(quantity, "quantity", 1);
  const links = [...input.links].sort(byId);
  for (let i = 1; i < links.length; i++) {
    if (links[i - 1]!.id === links[i]!.id) throw new RangeError(`link ${links[i]!.id} appears twice`);
  }

  // Exact shares as numerators over BPS_SCALE.
  const net = BigInt(netFen);
  const numerators = links.map((link) => {
    if (link.rule === "PERCENT_OF_SALES") {
      const bps = link.bps;
      if (bps === null || !Number.isSafeInteger(bps) || bps < 0 || bps > MAX_BPS) {
        throw new RangeError(`link ${link.id}: PERCENT_OF_SALES needs bps in 0..${MAX_BPS}, got ${bps}`);
      }
      return net * BigInt(bps);
    }
    const fen = link.fenPerUnit;
    if (fen === null || !Number.isSafeInteger(fen) || fen < 0) {
      throw new RangeError(`link ${link.id}: FIXED_PER_UNIT needs fenPerUnit >= 0, got ${fen}`);
    }
    return BigInt(fen) * BigInt(quantity) * BPS_SCALE;
  });
  const promised = numerators.reduce((s, n) => s + n, 0n);
  if (promised === 0n) return [];

  // Promises above the line's net are scaled down to exactly net: share_i = n_i × net / promised.
  const scaled = promised > net * BPS_SCALE;
  const shares = scaled ? numerators.map((n) => n * net) : numerators;
  const denominator = scaled ? promised : BPS_SCALE;

  const amounts = apportion(shares, denominator);
  const rows: AllocationRow[] = [];
  links.forEach((link, i) => {
    const amount = amounts[i]!;
    if (amount > 0n) rows.push({ linkId: link.id, householdId: link.householdId, amountFen: Number(amount) });
  });
  return rows;
}

/**
 * Largest remainder: shares[i] / denominator are the exact amounts; returns whole amounts that
 * sum to floor(sum of the exact amounts), each the floor or the ceiling of its exact amount.
 * The leftover goes to the largest remainders, ties to the lower index (the inputs are
 * sorted by link id, so: the smaller id).
 */
function apportion(shares: readonly bigint[], denominator: bigint): bigint[] {
  const floors = shares.map((s) => s / denominator);
  const total = shares.reduce((s, n) => s + n, 0n) / denominator;
  let leftover = total - floors.reduce((s, n) => s + n, 0n);
  const order = shares
    .map((s, index) => ({ index, remainder: s % denominator }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of order) {
    if (leftover === 0n) break;
    floors[index]! += 1n;
    leftover -= 1n;
  }
  return floors;
}

/**
 * The negative rows for refunding `refundFen` more of a line whose net is `netFen`, after
 * `alreadyRefundedFen` had been refunded before (see the header for the rule). `original` is
 * the line's sale rows (the positive ones written at payment), not the earlier reversals.
 * Rows sorted by link id, only non-zero ones; every amount is negative.
 */
export function reverseAllocations(
  original: readonly AllocationRow[],
  refund: { refundFen: number; netFen: number; alreadyRefundedFen: number },
): AllocationRow[] {
  const { refundFen, netFen, alreadyRefundedFen } = refund;
  assertFen(netFen, "netFen");
  assertFen(refundFen, "refundFen");
  assertFen(alreadyRefundedFen, "alreadyRefundedFen");
  if (alreadyRefundedFen + refundFen > netFen) {
    throw new RangeError(`refund of ${refundFen} after ${alreadyRefundedFen} exceeds the line's net of ${netFen}`);
  }
  const rows = [...original].sort(byLinkId);
  for (let i = 0; i < rows.length; i++) {
    assertFen(rows[i]!.amountFen, `original amount of link ${rows[i]!.linkId}`);
    if (i > 0 && rows[i - 1]!.linkId === rows[i]!.linkId) throw new RangeError(`link ${rows[i]!.linkId} appears twice`);
  }
  if (refundFen === 0) return [];

  const net = BigInt(netFen);
  const before = BigInt(alreadyRefundedFen);
  const after = before + BigInt(refundFen);
  const out: AllocationRow[] = [];
  for (const row of rows) {
    const amount = BigInt(row.amountFen);
    const delta = (amount * after) / net - (amount * before) / net;
    if (delta > 0n) out.push({ linkId: row.linkId, householdId: row.householdId, amountFen: -Number(delta) });
  }
  return out;
}
