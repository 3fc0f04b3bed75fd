// Admission permits of a livestream (issue 11): a cheap signed ticket a guest's browser gets when
// the campaign opens, bound to the campaign and to the checkout key it will reserve with, valid a
// few minutes. The permit desk (./permit-desk.ts) issues at most about 1.2× the units of the
// campaign; later asks are told "sold out" from memory. A reservation that needs one is checked
// here with one HMAC, before anything touches the database. Pure: no clock, no database.
//   token  <campaignId>.<expiry, base-36 seconds>.<HMAC-SHA256(key, campaignId.checkoutKey.expiry), 128 bits, base64url>
// The key is derived from the server's AUTH_SECRET with its own label, so a permit is nothing else.
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/** How long a permit admits its holder: long enough to fill in an address, short enough not to hoard. */
export const PERMIT_TTL_MS = 10 * 60 * 1000;

/** Permits per unit of the campaign's allotments: the rest of the crowd is told "sold out" at once. */
export const PERMIT_FACTOR = 1.2;

const keys = new Map<string, Buffer>();
function keyOf(secret: string): Buffer {
  let key = keys.get(secret);
  if (!key) {
    key = createHash("sha256").update(`xiaokang live admission permit v1\0${secret}`).digest();
    keys.set(secret, key);
  }
  return key;
}

const mac = (secret: string, campaignId: string, checkoutKey: string, expiry: string) =>
  createHmac("sha256", keyOf(secret)).update(`${campaignId}.${checkoutKey}.${expiry}`).digest().subarray(0, 16);

export function signPermit(secret: string, p: { campaignId: string; checkoutKey: string; expiresAt: Date }): string {
  const expiry = Math.floor(p.expiresAt.getTime() / 1000).toString(36);
  return `${p.campaignId}.${expiry}.${mac(secret, p.campaignId, p.checkoutKey, expiry).toString("base64url")}`;
}

export type PermitCheck = { ok: true; campaignId: string } | { ok: false; code: "permitInvalid" | "permitExpired" };

/** Is this permit the server's, for this checkout key, and still valid? Then for which campaign. */
export function checkPermit(secret: string, token: string, checkoutKey: string, now: Date): PermitCheck {
  const parts = token.split(".");
  if (parts.length !== 3 || token.length > 200) return { ok: false, code: "permitInvalid" };
  const [campaignId, expiry, sig] = parts as [string, string, string];
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(campaignId) || !/^[0-9a-z]{1,10}$/.test(expiry)) return { ok: false, code: "permitInvalid" };
  const given = Buffer.from(sig, "base64url");
  const expected = mac(secret, campaignId, checkoutKey, expiry);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, code: "permitInvalid" };
  if (parseInt(expiry, 36) * 1000 <= now.getTime()) return { ok: false, code: "permitExpired" };
  return { ok: true, campaignId };
}

/** The most permits a campaign gives out: about 1.2× its units (at least one more than them). */
export function permitCap(units: number): number {
  return units <= 0 ? 0 : Math.max(units + 1, Math.ceil(units * PERMIT_FACTOR));
}
