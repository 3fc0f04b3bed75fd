// Prices as clerks type them (yuan, with or without ¥/元, thousands separators, full-width digits
// from a Chinese input method) → integer fen. Pure: no floating point anywhere, the digits are
// read as text. Refusals are translation keys under `errors.` (messages/*/errors.json).

/** ¥100,000.00 per unit: anything above is a typing mistake, not a price. */
export const MAX_PRICE_FEN = 100_000_00;

export type PriceError = "priceRequired" | "priceInvalid" | "priceNegative" | "priceZero" | "priceTooPrecise" | "priceTooHigh";
export type PriceResult = { ok: true; fen: number } | { ok: false; error: PriceError };

const MINUS = /^[-−－]/u; // hyphen-minus, U+2212 minus sign, full-width hyphen-minus
const GROUPED = /^\d{1,3}(,\d{3})+$/;

export function parseYuanToFen(input: unknown): PriceResult {
  if (typeof input !== "string" && typeof input !== "number") return { ok: false, error: "priceInvalid" };
  // NFKC turns full-width digits, ￥, ．and ，into their ASCII forms (３８．５０ → 38.50).
  let text = String(input).normalize("NFKC").trim();
  if (text === "") return { ok: false, error: "priceRequired" };
  if (text.length > 40) return { ok: false, error: "priceInvalid" };

  let negative = false;
  if (MINUS.test(text)) {
    negative = true;
    text = text.slice(1).trim();
  }
  text = text.replace(/^(¥|RMB|CNY)\s*/iu, "");
  if (MINUS.test(text)) {
    negative = true;
    text = text.slice(1).trim();
  }
  text = text.replace(/\s*(元|块|yuan|rmb|cny)$/iu, "").trim();
  if (text === "") return { ok: false, error: "priceRequired" };

  const match = /^([\d,]*)(?:\.(\d*))?$/u.exec(text);
  if (!match) return { ok: false, error: "priceInvalid" };
  let whole = match[1] ?? "";
  const decimals = match[2] ?? "";
  if (whole.includes(",")) {
    if (!GROUPED.test(whole)) return { ok: false, error: "priceInvalid" };
    whole = whole.replaceAll(",", "");
  }
  if (whole === "" && decimals === "") return { ok: false, error: "priceInvalid" };
  if (decimals.length > 2) return { ok: false, error: "priceTooPrecise" };
  if (negative) return { ok: false, error: "priceNegative" };

  const digits = whole.replace(/^0+(?=\d)/u, "") || "0";
  if (digits.length > 9) return { ok: false, error: "priceTooHigh" };
  const fen = Number(digits) * 100 + Number(decimals.padEnd(2, "0"));
  if (fen === 0) return { ok: false, error: "priceZero" };
  if (fen > MAX_PRICE_FEN) return { ok: false, error: "priceTooHigh" };
  return { ok: true, fen };
}

/** 3850 → "38.50": the figure a clerk edits (no ¥, no grouping), the inverse of parseYuanToFen. */
export function fenToYuanInput(fen: number): string {
  const sign = fen < 0 ? "-" : "";
  const abs = Math.abs(Math.trunc(fen));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}
