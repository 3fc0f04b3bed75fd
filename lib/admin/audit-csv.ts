// The audit log as CSV (UTF-8 with a byte-order mark, so Excel reads the Chinese right); every text
// cell through escapeCell, so a name typed into a form never runs as a formula. Pure.
import Papa from "papaparse";
import { escapeCell } from "@/lib/export/cells";
import type { AuditRow } from "./audit";

const stamp = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 19).replace("T", " ");

export function auditCsv(rows: readonly AuditRow[], headings: readonly string[]): string {
  const out: string[][] = [
    headings.map(escapeCell),
    ...rows.map((r) => [
      stamp(r.createdAt),
      escapeCell(r.userEmail ?? ""),
      escapeCell(r.userName ?? ""),
      escapeCell(r.action),
      escapeCell(r.entity),
      escapeCell(r.entityId),
      escapeCell(r.detail === null || r.detail === undefined ? "" : JSON.stringify(r.detail)),
    ]),
  ];
  return "\uFEFF" + Papa.unparse(out, { newline: "\r\n" }) + "\r\n";
}
