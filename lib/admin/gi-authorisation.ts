// Whether a GI-mark authorisation (OperatorGiMark.validUntil, a date column: its last day) is
// still current, in Shanghai days. Pure.

/** Today in Shanghai as the UTC midnight a Postgres DATE column comes back as. */
export function authorisationDay(now = new Date()): Date {
  const ymd = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  return new Date(`${ymd}T00:00:00Z`);
}

export function authorisationCurrent(validUntil: Date | null, now = new Date()): boolean {
  return validUntil === null || validUntil.getTime() >= authorisationDay(now).getTime();
}
