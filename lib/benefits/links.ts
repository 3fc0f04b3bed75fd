// The rules of benefit links (利益联结), pure: no database. docs/DESIGN.md#rule-5: a paid line is
// shared out by the links of its product, or, when the product has none of its own, by the
// operator-wide links; so each of those two sets, on its own, may never promise more than a
// sale earns:
//   - percentages active at the same moment total at most 100% (10000 basis points);
//   - fixed amounts per unit total less than the unit price;
//   - with both kinds, the percentage share of the price plus the fixed amounts stays below the price.
// An operator-wide link is checked against the price of every product of the operator.
import type { BenefitRule } from "@/lib/generated/prisma/enums";

export const MAX_BPS = 10000;

export interface LinkTerms {
  rule: BenefitRule;
  bps: number | null;
  fenPerUnit: number | null;
  validFrom: Date;
  /** null: open-ended. */
  validTo: Date | null;
}

export interface PricedProduct {
  id: string;
  nameZh: string;
  nameEn: string;
  priceFen: number;
}

export type BudgetRefusal =
  | { kind: "percent"; existingBps: number; addingBps: number }
  | { kind: "fixed"; product: PricedProduct; existingFen: number; addingFen: number }
  | { kind: "mixed"; product: PricedProduct; existingBps: number; existingFen: number; addingBps: number; addingFen: number };

const END_OF_TIME = 8.64e15;
const endOf = (l: LinkTerms) => (l.validTo ? l.validTo.getTime() : END_OF_TIME);

/** Do the two validity periods share at least one instant? (Both ends inclusive.) */
export function periodsOverlap(a: Pick<LinkTerms, "validFrom" | "validTo">, b: Pick<LinkTerms, "validFrom" | "validTo">): boolean {
  return a.validFrom.getTime() <= endOf(b as LinkTerms) && b.validFrom.getTime() <= endOf(a as LinkTerms);
}

export function isActiveAt(link: Pick<LinkTerms, "validFrom" | "validTo">, instant: Date): boolean {
  const t = instant.getTime();
  return link.validFrom.getTime() <= t && t <= endOf(link as LinkTerms);
}

export type LinkState = "scheduled" | "active" | "ended";

export function linkState(link: Pick<LinkTerms, "validFrom" | "validTo">, now = new Date()): LinkState {
  if (link.validFrom.getTime() > now.getTime()) return "scheduled";
  return isActiveAt(link, now) ? "active" : "ended";
}

/**
 * The moments at which the set of active links can be at its largest within `window`: the
 * window's start and every start of another link inside it (a sum over intervals only grows
 * where an interval begins).
 */
function peakMoments(window: LinkTerms, others: LinkTerms[]): number[] {
  const from = window.validFrom.getTime();
  const to = endOf(window);
  const moments = new Set<number>([from]);
  for (const o of others) {
    const t = o.validFrom.getTime();
    if (t > from && t <= to) moments.add(t);
  }
  return [...moments].sort((a, b) => a - b);
}

/** Totals of the links active at instant t. */
function totalsAt(links: LinkTerms[], t: number): { bps: number; fen: number } {
  let bps = 0;
  let fen = 0;
  for (const l of links) {
    if (l.validFrom.getTime() <= t && t <= endOf(l)) {
      if (l.rule === "PERCENT_OF_SALES") bps += l.bps ?? 0;
      else fen += l.fenPerUnit ?? 0;
    }
  }
  return { bps, fen };
}

/**
 * May `candidate` join `existing` (the links of the same set: the product's own, or the
 * operator-wide ones)? `products`: the product of a product link, or every product of the
 * operator for an operator-wide link. Returns the first refusal found, with the figures to
 * explain it, or null when the link fits at every moment of its validity.
 */
export function checkLinkBudget(candidate: LinkTerms, existing: LinkTerms[], products: PricedProduct[]): BudgetRefusal | null {
  const overlapping = existing.filter((l) => periodsOverlap(l, candidate));
  const addingBps = candidate.rule === "PERCENT_OF_SALES" ? (candidate.bps ?? 0) : 0;
  const addingFen = candidate.rule === "FIXED_PER_UNIT" ? (candidate.fenPerUnit ?? 0) : 0;
  const cheapestFirst = [...products].sort((a, b) => a.priceFen - b.priceFen || a.id.localeCompare(b.id));

  for (const t of peakMoments(candidate, overlapping)) {
    const { bps: existingBps, fen: existingFen } = totalsAt(overlapping, t);
    const bps = existingBps + addingBps;
    const fen = existingFen + addingFen;
    if (bps > MAX_BPS) return { kind: "percent", existingBps, addingBps };
    if (fen === 0) continue;
    for (const product of cheapestFirst) {
      if (bps === 0) {
        if (fen >= product.priceFen) return { kind: "fixed", product, existingFen, addingFen };
      } else if (product.priceFen * bps + fen * MAX_BPS >= product.priceFen * MAX_BPS) {
        // price × bps / 10000 + fen ≥ price, in integers.
        return { kind: "mixed", product, existingBps, existingFen, addingBps, addingFen };
      }
    }
  }
  return null;
}

/** What one unit sold at `priceFen` pays out under these totals, in fen (for explaining a refusal). */
export function perUnitFen(priceFen: number, bps: number, fen: number): number {
  return Math.floor((priceFen * bps) / MAX_BPS) + fen;
}

/**
 * Does a product priced `priceFen` still earn what its links promise per unit? `links` are the
 * set that applies to it (its own links, or the operator-wide ones). Only links in force now or
 * later count. Returns what one unit would have to pay out when it does not fit, else null.
 */
export function priceRefusedByLinks(priceFen: number, links: LinkTerms[], now = new Date()): { promisedFen: number } | null {
  const current = links.filter((l) => l.validTo === null || l.validTo.getTime() >= now.getTime());
  const probe: LinkTerms = { rule: "PERCENT_OF_SALES", bps: 0, fenPerUnit: null, validFrom: now, validTo: null };
  const refusal = checkLinkBudget(probe, current, [{ id: "-", nameZh: "", nameEn: "", priceFen }]);
  if (!refusal || refusal.kind === "percent") return null;
  return { promisedFen: perUnitFen(priceFen, refusal.kind === "mixed" ? refusal.existingBps : 0, refusal.existingFen) };
}
