// The permit desk of a livestream: hands out admission permits (./permit.ts) while a campaign runs,
// at most about 1.2× its units over every server process. Each process claims permits from the
// campaign's row in blocks (one short transaction per BLOCK permits, Campaign.permitsIssued, locked),
// then signs from memory; once the campaign's cap is reached every later ask is told "sold out" from
// memory, without touching the database (re-checked every few seconds, which costs one query).
import type { Pool } from "pg";
import { checkPermit, permitCap, PERMIT_TTL_MS, signPermit, type PermitCheck } from "./permit";

export type PermitAnswer = { ok: true; permit: string; expiresAt: Date } | { ok: false; code: "soldOut" | "notLive" };

interface DeskState {
  left: number;
  soldOutUntil: number;
  notLiveUntil: number;
  claiming: Promise<void> | null;
}

export interface PermitDeskOptions {
  block?: number;
  soldOutMemoryMs?: number;
  now?: () => Date;
}

const CLAIM = `
  SELECT c."permitsIssued", (SELECT COALESCE(SUM(cp."taken"), 0)::int FROM "CampaignProduct" cp WHERE cp."campaignId" = c."id") AS "units"
  FROM "Campaign" c
  WHERE c."id" = $1 AND c."status" = 'PUBLISHED' AND c."startedAt" IS NOT NULL AND c."endedAt" IS NULL
    AND c."endsAt" > ($2::timestamptz AT TIME ZONE 'UTC')
  FOR UPDATE`;

export class PermitDesk {
  private readonly state = new Map<string, DeskState>();
  private readonly block: number;
  private readonly soldOutMemoryMs: number;
  private readonly now: () => Date;
  /** Figures for tests and the benchmark. */
  readonly stats = { issued: 0, claims: 0, refusedFromMemory: 0 };

  constructor(
    private readonly pool: Pool,
    private readonly secret: string,
    options: PermitDeskOptions = {},
  ) {
    this.block = options.block ?? 50;
    this.soldOutMemoryMs = options.soldOutMemoryMs ?? 5000;
    this.now = options.now ?? (() => new Date());
  }

  /** A permit for this campaign and checkout key, or why not. */
  async issue(campaignId: string, checkoutKey: string): Promise<PermitAnswer> {
    let s = this.state.get(campaignId);
    if (!s) {
      s = { left: 0, soldOutUntil: 0, notLiveUntil: 0, claiming: null };
      this.state.set(campaignId, s);
      if (this.state.size > 1000) this.state.delete(this.state.keys().next().value!);
    }
    for (;;) {
      const t = Date.now();
      if (s.soldOutUntil > t) {
        this.stats.refusedFromMemory++;
        return { ok: false, code: "soldOut" };
      }
      if (s.left > 0) {
        s.left--;
        this.stats.issued++;
        const expiresAt = new Date(this.now().getTime() + PERMIT_TTL_MS);
        return { ok: true, permit: signPermit(this.secret, { campaignId, checkoutKey, expiresAt }), expiresAt };
      }
      if (s.notLiveUntil > t) return { ok: false, code: "notLive" };
      const state = s;
      if (!state.claiming) state.claiming = this.claim(campaignId, state).finally(() => (state.claiming = null));
      await state.claiming;
    }
  }

  /** Checks a permit (pure; no database). */
  check(token: string, checkoutKey: string): PermitCheck {
    return checkPermit(this.secret, token, checkoutKey, this.now());
  }

  private async claim(campaignId: string, s: DeskState): Promise<void> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      const row = (await client.query<{ permitsIssued: number; units: number }>(CLAIM, [campaignId, this.now().toISOString()])).rows[0];
      if (!row) {
        await client.query("ROLLBACK");
        s.notLiveUntil = Date.now() + 500;
        return;
      }
      const n = Math.min(this.block, permitCap(row.units) - row.permitsIssued);
      if (n <= 0) {
        await client.query("ROLLBACK");
        s.soldOutUntil = Date.now() + this.soldOutMemoryMs;
        return;
      }
      await client.query(`UPDATE "Campaign" SET "permitsIssued" = "permitsIssued" + $2::int WHERE "id" = $1`, [campaignId, n]);
      await client.query("COMMIT");
      this.stats.claims++;
      s.left += n;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }
}
