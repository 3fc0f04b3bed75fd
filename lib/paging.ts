// The page number of a paged list, as it comes from the URL (?page=N): a whole number from 1 to
// 99,999; anything else (missing, 0, "1.5", "abc", a repeated parameter) is page 1.
export function pageParam(value: unknown): number {
  const n = typeof value === "string" && /^\d{1,5}$/.test(value) ? Number(value) : 1;
  return Math.max(1, n);
}
