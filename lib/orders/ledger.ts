// The rows a paid sale adds to the ledgers, computed without the database: the household
// allocations of each line (docs/DESIGN.md#rule-5, ./allocation.ts) and what the platform owes each operator.
// writeSaleLedger (./fulfilment.ts) writes them for a real payment; the volume generator
// (prisma/seed-orders.ts) writes them in bulk for the benchmarks. One computation, two writers.
import { allocateLine, selectLinks, type CandidateLink } from "./allocation";

export interface PaidLine {
  id: string;
  productId: string;
  operatorId: string;
  quantity: number;
  netFen: number;
}

export interface SaleLedgerRows {
  allocations: { orderLineId: string; householdId: string; benefitLinkId: string; amountFen: number; createdAt: Date }[];
  settlements: { operatorId: string; orderLineId: string; kind: "SALE"; amountFen: number; createdAt: Date }[];
}

/** `links`: every link of the lines' operators (selectLinks picks the ones that apply at `at`). */
export function saleLedgerRows(lines: readonly PaidLine[], links: readonly CandidateLink[], at: Date): SaleLedgerRows {
  const out: SaleLedgerRows = { allocations: [], settlements: [] };
  for (const line of lines) {
    const chosen = selectLinks(links, { productId: line.productId, operatorId: line.operatorId, at });
    for (const row of allocateLine({ netFen: line.netFen, quantity: line.quantity, links: chosen })) {
      out.allocations.push({
        orderLineId: line.id,
        householdId: row.householdId,
        benefitLinkId: row.linkId,
        amountFen: row.amountFen,
        createdAt: at,
      });
    }
    out.settlements.push({ operatorId: line.operatorId, orderLineId: line.id, kind: "SALE", amountFen: line.netFen, createdAt: at });
  }
  return out;
}
