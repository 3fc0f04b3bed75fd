// The last searches, remembered in this browser only (localStorage), newest first.
const KEY = "xk:recent-searches";
export const MAX_RECENT = 6;

export function readRecent(): string[] {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? "[]");
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string").slice(0, MAX_RECENT) : [];
  } catch {
    return [];
  }
}

export function remember(query: string): void {
  const q = query.trim().slice(0, 40);
  if (!q) return;
  try {
    localStorage.setItem(KEY, JSON.stringify([q, ...readRecent().filter((r) => r !== q)].slice(0, MAX_RECENT)));
  } catch {
    // Private mode or full storage: searching works, it is just not remembered.
  }
}

export function forget(): void {
  try {
    localStorage.removeItem(KEY);
  } catch {}
}
