// Which reservations of one batch are granted: pure, so the rule is tested on its own and the
// batched statement (./reserve.ts) only writes what this decides. Requests are served in arrival
// order; each needs its quantity from the allotment left and must keep every one of its buyer's
// keys within the campaign's per-buyer limit. The rows it reads are locked by the caller, and the
// database's CHECK (units <= cap) refuses anything this got wrong.

export interface GrantRequest {
  quantity: number;
  keys: string[];
}

export type Decision =
  | { granted: true; stockAfter: number }
  | { granted: false; code: "soldOut" }
  | { granted: false; code: "onlyLeft"; left: number }
  | { granted: false; code: "limitReached"; limit: number; held: number };

export interface GrantOutcome {
  decisions: Decision[];
  stockAfter: number;
  /** The units each buyer key holds after the batch (only keys whose figure changed). */
  units: Map<string, number>;
}

export function grant(stock: number, limit: number, held: ReadonlyMap<string, number>, requests: readonly GrantRequest[]): GrantOutcome {
  let left = stock;
  const units = new Map<string, number>();
  const current = (k: string) => units.get(k) ?? held.get(k) ?? 0;
  const decisions = requests.map((request): Decision => {
    const r = { quantity: request.quantity, keys: [...new Set(request.keys)] };
    const most = Math.max(0, ...r.keys.map(current));
    if (most + r.quantity > limit) return { granted: false, code: "limitReached", limit, held: most };
    if (left === 0) return { granted: false, code: "soldOut" };
    if (left < r.quantity) return { granted: false, code: "onlyLeft", left };
    left -= r.quantity;
    for (const k of r.keys) units.set(k, current(k) + r.quantity);
    return { granted: true, stockAfter: left };
  });
  return { decisions, stockAfter: left, units };
}
