// Small rules of a campaign that its pages, its console and its hot path share.

/**
 * How long a campaign order's units are held unpaid: shorter than a Stripe Checkout Session (which
 * lives at least 30 minutes; the sweeper expires it explicitly at the end of this window), long
 * enough for the payment queue to reach a livestream's last buyer (13,400 sessions at 20/s ≈ 11 min,
 * more with the provider's own latency).
 */
export const CAMPAIGN_RESERVATION_MS = 20 * 60 * 1000;

/** The most units one request may ask for (the per-buyer limit is the real bound). */
export const MAX_RESERVE_QUANTITY = 99;

/** Bodies of the reservation endpoint are small JSON: anything larger is refused unread. */
export const MAX_RESERVE_BODY_BYTES = 4096;

export type CampaignPhase = "upcoming" | "live" | "ended";

export function phaseAt(c: { startsAt: Date; endsAt: Date }, now: Date): CampaignPhase {
  if (now.getTime() < c.startsAt.getTime()) return "upcoming";
  if (now.getTime() < c.endsAt.getTime()) return "live";
  return "ended";
}

/** The fewest units a shard of an allotment starts with: a small allotment stays one row. */
export const MIN_UNITS_PER_SHARD = 50;

/** How many rows (shards) an allotment of `units` is split over when `setting` are allowed. */
export function shardsFor(units: number, setting: number): number {
  return Math.max(1, Math.min(setting, Math.floor(units / MIN_UNITS_PER_SHARD)));
}

/** `units` split over `shards` rows as evenly as can be (the first ones get the remainder). */
export function splitUnits(units: number, shards: number): number[] {
  const base = Math.floor(units / shards);
  return Array.from({ length: shards }, (_, i) => base + (i < units % shards ? 1 : 0));
}
