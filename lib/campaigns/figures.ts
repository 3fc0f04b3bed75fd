// The live page's "remaining" figure: one query per campaign per second per server process,
// however many viewers poll it (each poll is answered from memory).
import type { Pool } from "pg";

export interface LiveFigure {
  campaignProductId: string;
  stock: number;
}

export class StockFigures {
  private readonly cache = new Map<string, { at: number; value: Promise<LiveFigure[]> }>();

  constructor(
    private readonly pool: Pool,
    private readonly ttlMs = 1000,
  ) {}

  get(campaignId: string): Promise<LiveFigure[]> {
    const hit = this.cache.get(campaignId);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value;
    const value = this.pool
      .query<LiveFigure>(
        `SELECT cp."id" AS "campaignProductId",
                CASE WHEN c."startedAt" IS NULL THEN cp."allotment" WHEN c."endedAt" IS NOT NULL THEN 0
                     ELSE (SELECT COALESCE(SUM(s."stock"), 0) FROM "CampaignShard" s WHERE s."campaignProductId" = cp."id")::int END AS "stock"
         FROM "CampaignProduct" cp JOIN "Campaign" c ON c."id" = cp."campaignId"
         WHERE cp."campaignId" = $1 AND c."status" = 'PUBLISHED' ORDER BY cp."position", cp."id"`,
        [campaignId],
      )
      .then((r) => r.rows);
    value.catch(() => this.cache.delete(campaignId));
    this.cache.set(campaignId, { at: Date.now(), value });
    if (this.cache.size > 1000) this.cache.delete(this.cache.keys().next().value!);
    return value;
  }
}
