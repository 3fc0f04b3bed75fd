// How many ID numbers an officer may reveal: a few an hour on their word (a reason), more only
// after re-entering their password (step-up), each of those raising an alert (an audit row of
// its own kind, "security.revealAlert", listed for the admin on /admin/security, and a mail hook
// for the county's other officers and the admins), and never more than a ceiling an hour.
// Counted from the reveals' own audit rows, under a per-officer lock, so parallel reveals count
// each other.

export const REVEALS_WITHOUT_STEP_UP = 5;
export const REVEALS_PER_HOUR_MAX = 30;

export type RevealGate = "open" | "stepUp" | "limit";

/** The gate for the next reveal, given the officer's reveals in the last hour (pure). */
export function revealGate(revealsLastHour: number): RevealGate {
  if (revealsLastHour >= REVEALS_PER_HOUR_MAX) return "limit";
  return revealsLastHour >= REVEALS_WITHOUT_STEP_UP ? "stepUp" : "open";
}
