// A budget unit's canteen food budget as its manager types it (yuan, with or without ¥/元, thousands
// separators, full-width digits) → bigint fen. Pure; no floating point. Refusals are keys under
// `errors.` (messages/*/errors.json). The ceiling matches the database CHECK: ¥1,000 亿.

/** ¥100,000,000,000 (1,000 亿元) in fen: the CanteenBudget CHECK's ceiling. */
export const MAX_BUDGET_FEN = 10_000_000_000_000n;

export type BudgetError = "budgetRequired" | "budgetInvalid" | "budgetNegative" | "budgetZero" | "budgetTooPrecise" | "budgetTooLarge";
export type BudgetResult = { ok: true; fen: bigint } | { ok: false; error: BudgetError };

const MINUS = /^[-−－]/u;
const GROUPED = /^\d{1,3}(,\d{3})+$/u;

export function parseBudgetYuan(input: unknown): BudgetResult {
  if (typeof input !== "string" && typeof input !== "number") return { ok: false, error: "budgetInvalid" };
  let text = String(input).normalize("NFKC").trim();
  if (text === "") return { ok: false, error: "budgetRequired" };
  if (text.length > 40) return { ok: false, error: "budgetInvalid" };
  let negative = false;
  const dropMinus = () => {
    if (MINUS.test(text)) {
      negative = true;
      text = text.slice(1).trim();
    }
  };
  dropMinus();
  text = text.replace(/^(¥|RMB|CNY)\s*/iu, "");
  dropMinus();
  text = text.replace(/\s*(元|yuan|rmb|cny)$/iu, "").trim();
  const match = /^([\d,]*)(?:\.(\d*))?$/u.exec(text);
  if (!match) return { ok: false, error: "budgetInvalid" };
  let whole = match[1] ?? "";
  const decimals = match[2] ?? "";
  if (whole.includes(",")) {
    if (!GROUPED.test(whole)) return { ok: false, error: "budgetInvalid" };
    whole = whole.replaceAll(",", "");
  }
  if (whole === "" && decimals === "") return { ok: false, error: text === "" ? "budgetRequired" : "budgetInvalid" };
  if (decimals.length > 2) return { ok: false, error: "budgetTooPrecise" };
  const digits = whole.replace(/^0+(?=\d)/u, "") || "0";
  // Past 15 digits of yuan it is far beyond the ceiling: say so without building a huge number.
  if (digits.length > 15) return { ok: false, error: negative ? "budgetNegative" : "budgetTooLarge" };
  const fen = BigInt(digits) * 100n + BigInt(decimals.padEnd(2, "0"));
  if (fen === 0n) return { ok: false, error: "budgetZero" };
  if (negative) return { ok: false, error: "budgetNegative" };
  if (fen > MAX_BUDGET_FEN) return { ok: false, error: "budgetTooLarge" };
  return { ok: true, fen };
}
