import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { allocateLine, reverseAllocations, selectLinks, type AllocationLink, type AllocationRow, type CandidateLink } from "./allocation";

// ---------------------------------------------------------------------------------------------
// Helpers and an independent statement of the exact (rational) shares.

const pct = (id: string, householdId: string, bps: number): AllocationLink => ({
  id,
  householdId,
  rule: "PERCENT_OF_SALES",
  bps,
  fenPerUnit: null,
});
const fixed = (id: string, householdId: string, fenPerUnit: number): AllocationLink => ({
  id,
  householdId,
  rule: "FIXED_PER_UNIT",
  bps: null,
  fenPerUnit,
});
const sum = (rows: readonly { amountFen: number }[]) => rows.reduce((s, r) => s + r.amountFen, 0);
const amountOf = (rows: readonly AllocationRow[], linkId: string) => rows.find((r) => r.linkId === linkId)?.amountFen ?? 0;

/** Exact share of each link as numerator / denominator, and the whole line's rounded total. */
function exactShares(netFen: number, quantity: number, links: readonly AllocationLink[]) {
  const net = BigInt(netFen);
  const promised = new Map<string, bigint>(); // × 10000
  for (const l of links) {
    promised.set(l.id, l.rule === "PERCENT_OF_SALES" ? net * BigInt(l.bps!) : BigInt(l.fenPerUnit!) * BigInt(quantity) * 10000n);
  }
  const total = [...promised.values()].reduce((s, n) => s + n, 0n);
  const scaled = total > net * 10000n;
  const share = new Map<string, { num: bigint; den: bigint }>();
  for (const [id, n] of promised) share.set(id, scaled ? { num: n * net, den: total } : { num: n, den: 10000n });
  const expectedTotal = scaled ? net : total / 10000n;
  return { share, scaled, expectedTotal: Number(expectedTotal) };
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

const idArb = fc.stringMatching(/^[a-z0-9]{1,6}$/);
const householdArb = fc.constantFrom("h1", "h2", "h3", "h4", "h5");
const linkArb: fc.Arbitrary<AllocationLink> = fc.oneof(
  fc.record({
    id: idArb,
    householdId: householdArb,
    rule: fc.constant("PERCENT_OF_SALES" as const),
    bps: fc.oneof(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 1, max: 50 })),
    fenPerUnit: fc.constant(null),
  }),
  fc.record({
    id: idArb,
    householdId: householdArb,
    rule: fc.constant("FIXED_PER_UNIT" as const),
    bps: fc.constant(null),
    fenPerUnit: fc.oneof(fc.integer({ min: 0, max: 200_000 }), fc.integer({ min: 0, max: 20 })),
  }),
);
const linksArb = fc.uniqueArray(linkArb, { selector: (l) => l.id, maxLength: 12 });
// Net amounts both small (where rounding dominates) and up to the Int column's maximum.
const netArb = fc.oneof(fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 0, max: 2_147_483_647 }));
const quantityArb = fc.oneof(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 10_000 }));
const lineArb = fc.record({ netFen: netArb, quantity: quantityArb, links: linksArb });
/** A line whose links keep their promise (the link form's rule), so nothing is scaled. */
const withinBudgetLineArb = lineArb.filter(({ netFen, quantity, links }) => !exactShares(netFen, quantity, links).scaled);

/** Split `total` into 1..maxParts positive parts (an empty list for 0). */
function partsOf(total: number, maxParts: number): fc.Arbitrary<number[]> {
  if (total === 0) return fc.constant([]);
  return fc
    .uniqueArray(fc.integer({ min: 1, max: Math.max(1, total - 1) }), { maxLength: Math.min(maxParts - 1, total - 1) })
    .map((cuts) => {
      const points = [0, ...cuts.filter((c) => c < total).sort((a, b) => a - b), total];
      return points.slice(1).map((p, i) => p - points[i]!);
    });
}

/** A paid line's rows (made by allocateLine, or arbitrary rows within the net) and its net. */
const paidLineArb = fc.oneof(
  lineArb.map((line) => ({ netFen: line.netFen, rows: allocateLine(line) })),
  fc.integer({ min: 1, max: 5000 }).chain((netFen) =>
    fc
      .record({
        budget: fc.integer({ min: 0, max: netFen }),
        weights: fc.uniqueArray(fc.record({ linkId: idArb, householdId: householdArb, weight: fc.integer({ min: 0, max: 1000 }) }), {
          selector: (r) => r.linkId,
          maxLength: 10,
        }),
      })
      .map(({ budget, weights }) => {
        const total = Math.max(
          1,
          weights.reduce((s, w) => s + w.weight, 0),
        );
        const rows = weights.map((w) => ({
          linkId: w.linkId,
          householdId: w.householdId,
          amountFen: Math.floor((w.weight * budget) / total),
        }));
        return { netFen, rows };
      }),
  ),
);

// ---------------------------------------------------------------------------------------------

describe("selectLinks", () => {
  const day = (iso: string) => new Date(iso);
  const base = { householdId: "h1", rule: "PERCENT_OF_SALES" as const, bps: 100, fenPerUnit: null, operatorId: "op1" };
  const link = (id: string, productId: string | null, validFrom: string, validTo: string | null, operatorId = "op1"): CandidateLink => ({
    ...base,
    id,
    productId,
    operatorId,
    validFrom: day(validFrom),
    validTo: validTo ? day(validTo) : null,
  });
  const sale = (at: string, productId = "p1") => ({ productId, operatorId: "op1", at: day(at) });

  it("takes the product's active links, sorted by id, and ignores other products and operators", () => {
    const links = [
      link("c", "p1", "2026-01-01T00:00:00Z", null),
      link("a", "p1", "2026-01-01T00:00:00Z", "2026-12-31T15:59:59.999Z"),
      link("b", null, "2026-01-01T00:00:00Z", null),
      link("d", "p2", "2026-01-01T00:00:00Z", null),
      link("e", "p1", "2027-01-01T00:00:00Z", null), // scheduled
      link("f", "p1", "2025-01-01T00:00:00Z", "2025-12-31T15:59:59.999Z"), // ended
    ];
    expect(selectLinks(links, sale("2026-06-01T00:00:00Z")).map((l) => l.id)).toEqual(["a", "c"]);
  });

  it("falls back to the operator-wide links when the product has no active link of its own", () => {
    const links = [
      link("z", null, "2026-01-01T00:00:00Z", null),
      link("y", null, "2026-01-01T00:00:00Z", null),
      link("x", null, "2026-01-01T00:00:00Z", null, "op2"), // another operator's
      link("w", "p1", "2025-01-01T00:00:00Z", "2025-12-31T15:59:59.999Z"), // the product's, ended
      link("v", "p2", "2026-01-01T00:00:00Z", null), // another product's
    ];
    expect(selectLinks(links, sale("2026-06-01T00:00:00Z")).map((l) => l.id)).toEqual(["y", "z"]);
    expect(selectLinks(links, sale("2026-06-01T00:00:00Z", "p3")).map((l) => l.id)).toEqual(["y", "z"]);
    expect(selectLinks([], sale("2026-06-01T00:00:00Z"))).toEqual([]);
  });

  it("counts both ends of the validity as active (validTo is the last instant of the last day)", () => {
    const links = [link("a", "p1", "2026-03-04T16:00:00.000Z", "2026-03-05T15:59:59.999Z"), link("b", null, "2026-01-01T00:00:00Z", null)];
    expect(selectLinks(links, sale("2026-03-04T16:00:00.000Z")).map((l) => l.id)).toEqual(["a"]);
    expect(selectLinks(links, sale("2026-03-05T15:59:59.999Z")).map((l) => l.id)).toEqual(["a"]);
    expect(selectLinks(links, sale("2026-03-04T15:59:59.999Z")).map((l) => l.id)).toEqual(["b"]);
    expect(selectLinks(links, sale("2026-03-05T16:00:00.000Z")).map((l) => l.id)).toEqual(["b"]);
  });

  it("does not depend on the order of its input", () => {
    const links = ["q", "b", "m", "a"].map((id) => link(id, "p1", "2026-01-01T00:00:00Z", null));
    const forward = selectLinks(links, sale("2026-06-01T00:00:00Z"));
    expect(selectLinks([...links].reverse(), sale("2026-06-01T00:00:00Z"))).toEqual(forward);
    expect(forward.map((l) => l.id)).toEqual(["a", "b", "m", "q"]);
  });
});

describe("allocateLine: examples", () => {
  it("gives a single percentage link floor(net × bps / 10000), as docs/DESIGN.md#rule-5 says", () => {
    expect(allocateLine({ netFen: 3850, quantity: 1, links: [pct("a", "h1", 250)] })).toEqual([
      { linkId: "a", householdId: "h1", amountFen: 96 },
    ]);
  });

  it("gives a fixed link fen × quantity", () => {
    expect(allocateLine({ netFen: 3000, quantity: 3, links: [fixed("f", "h1", 150), pct("p", "h2", 500)] })).toEqual([
      { linkId: "f", householdId: "h1", amountFen: 450 },
      { linkId: "p", householdId: "h2", amountFen: 150 },
    ]);
  });

  it("hands the fen lost to rounding to the largest remainder, ties to the smaller link id", () => {
    // 3 × 33.34 = 100.02 → 100 fen; floors 33 + 33 + 33; the extra fen: equal remainders → "a".
    const links = [pct("c", "h3", 3334), pct("a", "h1", 3334), pct("b", "h2", 3334)];
    expect(allocateLine({ netFen: 100, quantity: 1, links }).map((r) => [r.linkId, r.amountFen])).toEqual([
      ["a", 34],
      ["b", 33],
      ["c", 33],
    ]);
    // 99.9 + 249.75 + 33.2667 = 382.9167 → 382; floors 99 + 249 + 33 = 381; the extra → x (0.9).
    const rows = allocateLine({ netFen: 999, quantity: 1, links: [pct("x", "h1", 1000), pct("y", "h2", 2500), pct("z", "h3", 333)] });
    expect(rows.map((r) => [r.linkId, r.amountFen])).toEqual([
      ["x", 100],
      ["y", 249],
      ["z", 33],
    ]);
    // 3 × 33.33 = 99.99 → 99: nothing left over to hand out.
    expect(
      allocateLine({ netFen: 100, quantity: 1, links: [pct("a", "h1", 3333), pct("b", "h2", 3333), pct("c", "h3", 3333)] }).map(
        (r) => r.amountFen,
      ),
    ).toEqual([33, 33, 33]);
  });

  it("scales promises above the line's net down to exactly the net", () => {
    // 400 + 700 = 1100 promised on a 1000 fen line: 363.64 and 636.36 → 364 + 636.
    const rows = allocateLine({ netFen: 1000, quantity: 1, links: [fixed("p", "h1", 400), fixed("q", "h2", 700)] });
    expect(rows.map((r) => [r.linkId, r.amountFen])).toEqual([
      ["p", 364],
      ["q", 636],
    ]);
    // Two links of 100% each: half each.
    expect(allocateLine({ netFen: 7, quantity: 1, links: [pct("a", "h1", 10000), pct("b", "h2", 10000)] }).map((r) => r.amountFen)).toEqual(
      [4, 3],
    );
  });

  it("keeps two links of one household as two rows", () => {
    const rows = allocateLine({ netFen: 1000, quantity: 2, links: [pct("a", "h1", 500), fixed("b", "h1", 20)] });
    expect(rows).toEqual([
      { linkId: "a", householdId: "h1", amountFen: 50 },
      { linkId: "b", householdId: "h1", amountFen: 40 },
    ]);
  });

  it("writes no rows of 0 fen", () => {
    expect(allocateLine({ netFen: 50, quantity: 1, links: [pct("a", "h1", 1)] })).toEqual([]);
    expect(allocateLine({ netFen: 0, quantity: 1, links: [pct("a", "h1", 500), fixed("b", "h2", 0)] })).toEqual([]);
    expect(allocateLine({ netFen: 100, quantity: 1, links: [] })).toEqual([]);
  });

  it("is exact at the largest amounts a line can hold", () => {
    const net = 2_147_483_647;
    const rows = allocateLine({ netFen: net, quantity: 1, links: [pct("a", "h1", 9999), pct("b", "h2", 1)] });
    expect(rows.map((r) => r.amountFen)).toEqual([2_147_268_899, 214_748]); // 2147268898.6353 + 214748.3647 = 2147483647 exactly
    expect(sum(rows)).toBe(net);
  });

  it("refuses malformed input instead of guessing", () => {
    expect(() => allocateLine({ netFen: 100, quantity: 1, links: [{ ...pct("a", "h1", 1), bps: null }] })).toThrow(RangeError);
    expect(() => allocateLine({ netFen: 100, quantity: 1, links: [{ ...fixed("a", "h1", 1), fenPerUnit: null }] })).toThrow(RangeError);
    expect(() => allocateLine({ netFen: 100, quantity: 1, links: [pct("a", "h1", 10001)] })).toThrow(RangeError);
    expect(() => allocateLine({ netFen: 100, quantity: 1, links: [pct("a", "h1", 1.5)] })).toThrow(RangeError);
    expect(() => allocateLine({ netFen: 100, quantity: 1, links: [pct("a", "h1", 1), fixed("a", "h2", 1)] })).toThrow(RangeError);
    expect(() => allocateLine({ netFen: -1, quantity: 1, links: [] })).toThrow(RangeError);
    expect(() => allocateLine({ netFen: 10.5, quantity: 1, links: [] })).toThrow(RangeError);
    expect(() => allocateLine({ netFen: 100, quantity: 0, links: [] })).toThrow(RangeError);
  });
});

describe("allocateLine: properties", () => {
  it("never hands out more than the line's net, and only positive whole fen", () => {
    fc.assert(
      fc.property(lineArb, (line) => {
        const rows = allocateLine(line);
        expect(sum(rows)).toBeLessThanOrEqual(line.netFen);
        for (const r of rows) expect(Number.isSafeInteger(r.amountFen) && r.amountFen >= 1).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("sums to floor of the exact promised total (or to the net when promises exceed it), to the fen", () => {
    fc.assert(
      fc.property(lineArb, (line) => {
        expect(sum(allocateLine(line))).toBe(exactShares(line.netFen, line.quantity, line.links).expectedTotal);
      }),
      { numRuns: 500 },
    );
  });

  it("puts every link within 1 fen of its exact share (floor or ceiling)", () => {
    fc.assert(
      fc.property(lineArb, (line) => {
        const rows = allocateLine(line);
        const { share } = exactShares(line.netFen, line.quantity, line.links);
        for (const l of line.links) {
          const { num, den } = share.get(l.id)!;
          const amount = BigInt(amountOf(rows, l.id));
          expect(amount * den >= num - den + 1n).toBe(true); // amount > exact − 1
          expect(amount * den <= num + den - 1n).toBe(true); // amount < exact + 1
          expect(amount >= num / den && amount <= (num + den - 1n) / den).toBe(true); // floor ≤ amount ≤ ceil
        }
      }),
      { numRuns: 500 },
    );
  });

  it("keeps the floors of docs/DESIGN.md#rule-5 when the links keep their promise: percentage ≥ floor(net × bps / 10000), fixed = fen × qty", () => {
    fc.assert(
      fc.property(withinBudgetLineArb, (line) => {
        const rows = allocateLine(line);
        for (const l of line.links) {
          if (l.rule === "FIXED_PER_UNIT") expect(amountOf(rows, l.id)).toBe(l.fenPerUnit! * line.quantity);
          else expect(amountOf(rows, l.id)).toBeGreaterThanOrEqual(Math.floor(Number((BigInt(line.netFen) * BigInt(l.bps!)) / 10000n)));
        }
      }),
      { numRuns: 300 },
    );
  });

  it("is deterministic and independent of the order of the links", () => {
    fc.assert(
      fc.property(
        lineArb.chain((line) =>
          fc.tuple(fc.constant(line), fc.shuffledSubarray(line.links, { minLength: line.links.length, maxLength: line.links.length })),
        ),
        ([line, shuffled]) => {
          const first = allocateLine(line);
          expect(allocateLine(line)).toEqual(first);
          expect(allocateLine({ ...line, links: shuffled })).toEqual(first);
          expect(first.map((r) => r.linkId)).toEqual([...first.map((r) => r.linkId)].sort());
        },
      ),
      { numRuns: 300 },
    );
  });

  it("labels each row with its link's household", () => {
    fc.assert(
      fc.property(lineArb, (line) => {
        const households = new Map(line.links.map((l) => [l.id, l.householdId]));
        for (const r of allocateLine(line)) expect(r.householdId).toBe(households.get(r.linkId));
      }),
      { numRuns: 100 },
    );
  });
});

describe("reverseAllocations: examples", () => {
  const sale: AllocationRow[] = [
    { linkId: "a", householdId: "h1", amountFen: 34 },
    { linkId: "b", householdId: "h2", amountFen: 33 },
    { linkId: "c", householdId: "h3", amountFen: 33 },
  ];

  it("takes back the refunded share of every row; a full refund in three steps nets every row to 0", () => {
    const first = reverseAllocations(sale, { refundFen: 30, netFen: 100, alreadyRefundedFen: 0 });
    expect(first.map((r) => r.amountFen)).toEqual([-10, -9, -9]); // 10.2, 9.9, 9.9 → floors
    const second = reverseAllocations(sale, { refundFen: 30, netFen: 100, alreadyRefundedFen: 30 });
    expect(second.map((r) => r.amountFen)).toEqual([-10, -10, -10]); // 20.4, 19.8, 19.8
    const third = reverseAllocations(sale, { refundFen: 40, netFen: 100, alreadyRefundedFen: 60 });
    expect(third.map((r) => r.amountFen)).toEqual([-14, -14, -14]);
    for (const row of sale)
      expect(row.amountFen + amountOf(first, row.linkId) + amountOf(second, row.linkId) + amountOf(third, row.linkId)).toBe(0);
    expect(third.every((r) => r.householdId === sale.find((s) => s.linkId === r.linkId)!.householdId)).toBe(true);
  });

  it("never writes a positive row, even where largest remainder would (the Alabama paradox)", () => {
    // Rows (1, 3) on a 10 fen line. Refunding 5 then 1: cumulative largest-remainder targets
    // would be (1, 1) then (0, 2), i.e. +1 fen back to "a". Per-row floors: (0, 1) then (0, 1).
    const rows: AllocationRow[] = [
      { linkId: "a", householdId: "h1", amountFen: 1 },
      { linkId: "b", householdId: "h2", amountFen: 3 },
    ];
    expect(reverseAllocations(rows, { refundFen: 5, netFen: 10, alreadyRefundedFen: 0 })).toEqual([
      { linkId: "b", householdId: "h2", amountFen: -1 },
    ]);
    expect(reverseAllocations(rows, { refundFen: 1, netFen: 10, alreadyRefundedFen: 5 })).toEqual([]);
    expect(reverseAllocations(rows, { refundFen: 4, netFen: 10, alreadyRefundedFen: 6 })).toEqual([
      { linkId: "a", householdId: "h1", amountFen: -1 },
      { linkId: "b", householdId: "h2", amountFen: -2 },
    ]);
  });

  it("reverses a fixed-per-unit row exactly per unit returned", () => {
    const rows = allocateLine({ netFen: 3000, quantity: 3, links: [fixed("f", "h1", 150)] });
    expect(reverseAllocations(rows, { refundFen: 1000, netFen: 3000, alreadyRefundedFen: 0 })).toEqual([
      { linkId: "f", householdId: "h1", amountFen: -150 },
    ]);
  });

  it("refuses to refund more than the line's net, and malformed rows", () => {
    expect(() => reverseAllocations(sale, { refundFen: 71, netFen: 100, alreadyRefundedFen: 30 })).toThrow(RangeError);
    expect(() => reverseAllocations(sale, { refundFen: -1, netFen: 100, alreadyRefundedFen: 0 })).toThrow(RangeError);
    expect(() =>
      reverseAllocations([...sale, { linkId: "a", householdId: "h1", amountFen: 1 }], { refundFen: 1, netFen: 100, alreadyRefundedFen: 0 }),
    ).toThrow(RangeError);
    expect(() =>
      reverseAllocations([{ linkId: "a", householdId: "h1", amountFen: -5 }], { refundFen: 1, netFen: 100, alreadyRefundedFen: 0 }),
    ).toThrow(RangeError);
    expect(reverseAllocations(sale, { refundFen: 0, netFen: 100, alreadyRefundedFen: 100 })).toEqual([]);
    expect(reverseAllocations([], { refundFen: 0, netFen: 0, alreadyRefundedFen: 0 })).toEqual([]);
  });
});

describe("reverseAllocations: properties", () => {
  /** Apply the refunds in order; check what must hold after each; return the running totals. */
  function applyRefunds(rows: readonly AllocationRow[], netFen: number, refunds: readonly number[]) {
    const totals = new Map(rows.map((r) => [r.linkId, r.amountFen]));
    const reversed = new Map(rows.map((r) => [r.linkId, 0]));
    let refunded = 0;
    for (const refundFen of refunds) {
      const out = reverseAllocations(rows, { refundFen, netFen, alreadyRefundedFen: refunded });
      refunded += refundFen;
      for (const r of out) {
        expect(r.amountFen).toBeLessThan(0); // a refund only ever takes back
        const original = rows.find((o) => o.linkId === r.linkId)!;
        expect(r.householdId).toBe(original.householdId);
        // This refund's row is within 1 fen of the exact share of this refund: a × refund / net.
        expect(Math.abs(-r.amountFen * netFen - original.amountFen * refundFen)).toBeLessThan(netFen);
        totals.set(r.linkId, totals.get(r.linkId)! + r.amountFen);
        reversed.set(r.linkId, reversed.get(r.linkId)! - r.amountFen);
      }
      for (const o of rows) {
        const total = totals.get(o.linkId)!;
        expect(total).toBeGreaterThanOrEqual(0);
        expect(total).toBeLessThanOrEqual(o.amountFen);
        // Reversed so far within 1 fen of exact a × refunded / net (BigInt: a × refunded can pass 2^53).
        const gap = BigInt(reversed.get(o.linkId)!) * BigInt(netFen) - BigInt(o.amountFen) * BigInt(refunded);
        expect(gap <= 0n && -gap < BigInt(netFen)).toBe(true);
      }
    }
    return totals;
  }

  it("brings every row to exactly 0 after any series of partial refunds adding up to the net", () => {
    fc.assert(
      fc.property(
        paidLineArb.chain(({ netFen, rows }) =>
          fc.record({ netFen: fc.constant(netFen), rows: fc.constant(rows), refunds: partsOf(netFen, 8) }),
        ),
        ({ netFen, rows, refunds }) => {
          const totals = applyRefunds(rows, netFen, refunds);
          for (const t of totals.values()) expect(t).toBe(0);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("keeps every row between 0 and its original after partial refunds that stop short", () => {
    fc.assert(
      fc.property(
        paidLineArb.chain(({ netFen, rows }) =>
          fc.record({
            netFen: fc.constant(netFen),
            rows: fc.constant(rows),
            refunds: fc.integer({ min: 0, max: netFen }).chain((part) => partsOf(part, 6)),
          }),
        ),
        ({ netFen, rows, refunds }) => void applyRefunds(rows, netFen, refunds),
      ),
      { numRuns: 500 },
    );
  });

  it("does not depend on how the refunded amount was split (stateless, path independent)", () => {
    fc.assert(
      fc.property(
        paidLineArb.chain(({ netFen, rows }) =>
          fc.integer({ min: 0, max: netFen }).chain((refunded) =>
            fc.record({
              netFen: fc.constant(netFen),
              rows: fc.constant(rows),
              refunded: fc.constant(refunded),
              steps: partsOf(refunded, 6),
            }),
          ),
        ),
        ({ netFen, rows, refunded, steps }) => {
          const stepwise = new Map<string, number>();
          let done = 0;
          for (const step of steps) {
            for (const r of reverseAllocations(rows, { refundFen: step, netFen, alreadyRefundedFen: done })) {
              stepwise.set(r.linkId, (stepwise.get(r.linkId) ?? 0) + r.amountFen);
            }
            done += step;
          }
          const once = reverseAllocations(rows, { refundFen: refunded, netFen, alreadyRefundedFen: 0 });
          expect(new Map(once.map((r) => [r.linkId, r.amountFen]))).toEqual(stepwise);
        },
      ),
      { numRuns: 300 },
    );
  });
});
