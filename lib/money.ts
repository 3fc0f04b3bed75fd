// Money is integer fen everywhere (docs/DESIGN.md#rule-1); this is the one place it becomes text.
const yuan = new Intl.NumberFormat("zh-CN", { style: "currency", currency: "CNY" });
const yuanCompact = new Intl.NumberFormat("zh-CN", { style: "currency", currency: "CNY", maximumFractionDigits: 0 });

/** 3850 → "¥38.50" */
export function formatFen(fen: number): string {
  // + 0 turns a negated zero (a fee of 0 shown as a deduction) into 0: "¥0.00", never "-¥0.00".
  return yuan.format(fen / 100 + 0);
}

/** 123456789 → "¥1,234,568": for large counters where fen would be noise. */
export function formatFenWhole(fen: number): string {
  return yuanCompact.format(Math.round(fen / 100));
}
