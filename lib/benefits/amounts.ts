// Percentages as clerks type them on a phone, turned into basis points. Full-width digits and
// signs (５％, １２．５) are accepted, as Chinese keyboards produce them. Yuan amounts are read by
// lib/catalog/price.ts (parseYuanToFen), with its refusals mapped to keys of our own by parseYuanAmount below.
// Pure; no database.
import { parseYuanToFen, type PriceError } from "@/lib/products/price";

/** Full-width digits, point, percent and yen signs → ASCII; spaces and thousands separators dropped. */
function normalise(text: string): string {
  return text
    .trim()
    .replace(/[\uFF10-\uFF19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48))
    .replace(/[．。]/g, ".")
    .replace(/％/g, "%")
    .replace(/[\s,，]/g, "");
}

/** A positive decimal with at most `decimals` decimals → integer × 10^decimals, or null. */
function parseScaled(text: string, decimals: number): number | null {
  const match = new RegExp(`^(\\d{1,9})(?:\\.(\\d{0,${decimals}}))?$`).exec(text);
  if (!match) return null;
  const whole = Number(match[1]);
  const fraction = Number((match[2] ?? "").padEnd(decimals, "0") || "0");
  return whole * 10 ** decimals + fraction;
}

/**
 * "5" → 500, "2.5%" → 250, "0.01" → 1 basis point. Null for anything else: empty, negative,
 * more than two decimals (finer than a basis point), zero, or more than 100%.
 */
export function parsePercentToBps(text: string): number | null {
  const n = normalise(text).replace(/%$/, "");
  const bps = parseScaled(n, 2);
  if (bps === null || bps <= 0 || bps > 10000) return null;
  return bps;
}

/** 250 → "2.5%", 8500 → "85%", 1 → "0.01%". */
export function formatBps(bps: number): string {
  const whole = Math.trunc(bps / 100);
  const rest = Math.abs(bps % 100);
  if (rest === 0) return `${whole}%`;
  return `${whole}.${String(rest).padStart(2, "0").replace(/0$/, "")}%`;
}

/** A yuan amount (a fixed amount per unit, a payout) → fen, or the translation key of why not. */
export function parseYuanAmount(text: string): { ok: true; fen: number } | { ok: false; error: string } {
  const result = parseYuanToFen(text);
  if (result.ok) return result;
  return { ok: false, error: AMOUNT_ERRORS[result.error] };
}

const AMOUNT_ERRORS: Record<PriceError, string> = {
  priceRequired: "required",
  priceInvalid: "amountInvalid",
  priceNegative: "amountInvalid",
  priceZero: "amountInvalid",
  priceTooPrecise: "amountTooPrecise",
  priceTooHigh: "amountTooHigh",
};
