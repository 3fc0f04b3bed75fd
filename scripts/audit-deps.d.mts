export function inRange(version: string, range: string): boolean;
export function auditProblems(
  pkg: Record<string, unknown>,
  lock: Record<string, unknown>,
  advisories: { id: string; package: string; vulnerable: string; severity: string; note?: string }[],
): string[];
