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
