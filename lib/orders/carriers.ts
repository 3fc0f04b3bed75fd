// Parcel carriers a cooperative ships with, and tracking numbers as a clerk types them. Pure:
// the ship form (a client component) and the server (lib/orders/shipping.ts) share it.
// A shipment stores the carrier's Chinese name (what the shopper's order page shows as is), or the
// name a clerk typed for a carrier not in the list; carrierLabel gives the English name of a known one.

export const CARRIERS = [
  { code: "SF", zh: "顺丰速运", en: "SF Express" },
  { code: "ZTO", zh: "中通快递", en: "ZTO Express" },
  { code: "YTO", zh: "圆通速递", en: "YTO Express" },
  { code: "YUNDA", zh: "韵达快递", en: "Yunda Express" },
  { code: "STO", zh: "申通快递", en: "STO Express" },
  { code: "JD", zh: "京东物流", en: "JD Logistics" },
  { code: "EMS", zh: "邮政EMS", en: "China Post EMS" },
  { code: "JT", zh: "极兔速递", en: "J&T Express" },
] as const;

export type CarrierCode = (typeof CARRIERS)[number]["code"];
/** The codes a form may send: a listed carrier, or OTHER with a name typed beside it. */
export const CARRIER_CHOICES = ["SF", "ZTO", "YTO", "YUNDA", "STO", "JD", "EMS", "JT", "OTHER"] as const satisfies readonly (
  CarrierCode | "OTHER"
)[];
export const CARRIER_NAME_MAX = 30;

/** The name stored on the shipment for a choice of the form. */
export function carrierName(choice: CarrierCode | "OTHER", other: string): string {
  if (choice === "OTHER") return other.normalize("NFKC").trim().replace(/\s+/g, " ");
  return CARRIERS.find((c) => c.code === choice)!.zh;
}

/** A stored carrier name in the reader's language (a typed name stays as typed). */
export function carrierLabel(stored: string | null | undefined, locale: string): string {
  if (!stored) return "";
  const known = CARRIERS.find((c) => c.zh === stored);
  return known && locale === "en" ? known.en : stored;
}

/** Letters and digits only, 6 to 30 of them (SF1234567890, 773012345678901, JT0001234567890). */
export const TRACKING_NO = /^[A-Z0-9]{6,30}$/;

/**
 * A tracking number as typed (full-width characters from a Chinese input method, spaces or
 * dashes between groups, lower case) → the carrier's form: ＳＦ 1234-5678 90 → SF1234567890.
 */
export function normaliseTrackingNo(raw: string): string {
  return raw
    .normalize("NFKC")
    .replace(/[\s\-－—_]/g, "")
    .toUpperCase();
}
